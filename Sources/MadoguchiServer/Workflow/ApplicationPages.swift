import Foundation
import MadoguchiDomain
import Vapor

/// The application's page for staff: its facts, what the member may do now, the answers through
/// the form version they were made with, what changed at a 補正, the history, notes and assignment.
enum ApplicationPages {
    struct Model {
        var member: StaffMember
        var detail: ApplicationDetail
        var procedure: Procedure
        var actions: [WorkflowAction]
        var staffNames: [String: String]
        /// Colleagues of the 課 the application may be assigned to.
        var assignable: [(id: UUID, name: String)]
        var message: (text: LocalizedText, isError: Bool)?
        var print = false
        /// 個人番号 shown in full after an explicit, audited request.
        var revealed: [(label: LocalizedText, digits: String)] = []
        var canReveal = false
    }

    static func render(_ context: PageContext, _ model: Model) -> Node {
        let t = context.text
        let detail = model.detail
        let id = detail.row.id
        let display = DisplayValue(context: context, staff: true)
        return StaffLayout.page(
            context, member: model.print ? nil : model.member,
            title: "\(t(StaffText.applicationHeading)) \(detail.record.receiptNumber)"
        ) {
            el("h1") { "\(t(StaffText.applicationHeading)) \(detail.record.receiptNumber)" }
            if let message = model.message { StaffLayout.message(t(message.text), error: message.isError) }
            el("dl", .class("facts")) {
                el("dt") { t(InboxText.procedure) }
                el("dd") { "\(t(model.procedure.name))（\(t(StaffText.formVersion)) \(detail.record.procedureVersion)）" }
                el("dt") { t(UIText.department) }
                el("dd") { detail.row.department }
                el("dt") { t(InboxText.status) }
                el("dd", .class("status")) { t(detail.row.status.label) }
                el("dt") { t(InboxText.received) }
                el("dd") { InboxPages.date(context, JapanCalendar.civilDate(of: detail.record.submittedAt)) }
                el("dt") { t(StaffText.channel) }
                el("dd") { t(StaffText.channel(detail.record.channel)) }
                if let portal = detail.portal {
                    MatchingPages.portalSection(context, portal: portal, application: id)
                }
                el("dt") { t(InboxText.assignee) }
                el("dd") { detail.row.assignee.flatMap { model.staffNames[$0.uuidString] } ?? "—" }
            }
            if !model.print {
                el("p", .class("print-hint")) {
                    el("a", Attribute("href", StaffURL.application(id).path + "?print=1")) { t(StaffText.printView) }
                    if model.member.has(.caseWorker) {
                        "　"
                        el("a", Attribute("href", StaffURL.transcription(id).path)) { t(TranscriptionText.title) }
                    }
                }
                actions(context, model)
            }
            el("h2") { t(StaffText.answers) }
            if !model.revealed.isEmpty {
                el("div", .class("notice"), Attribute("role", "status")) {
                    el("p") { t(StaffText.revealedIntro) }
                    el("dl", .class("facts")) {
                        model.revealed.map { entry in
                            Node.fragment([el("dt") { t(entry.label) }, el("dd", .class("code")) { entry.digits }])
                        }
                    }
                }
            } else if model.canReveal && !model.print
                && model.procedure.fields.contains(where: { $0.type == .individualNumber || $0.type == .group })
            {
                el("form", Attribute("method", "post"), Attribute("action", StaffURL.reveal(id).path)) {
                    StaffLayout.csrfField(context)
                    el("button", .class("button button--secondary"), Attribute("type", "submit")) {
                        t(StaffText.revealButton)
                    }
                }
            }
            el("dl", .class("review__list")) { display.rows(model.procedure.fields, data: detail.data) }
            let files = AttachmentReference.all(in: detail.data)
            if !files.isEmpty {
                el("h2") { t(StaffText.attachments) }
                el("ul") {
                    files.map { file in
                        el("li") {
                            el("a", Attribute("href", StaffURL.attachment(id, sha256: file.sha256).path)) {
                                "\(file.filename)（\(file.kind.uppercased())、\(max(file.size / 1024, 1))KB）"
                            }
                        }
                    }
                }
            }
            if let last = detail.revisions.last {
                let changed = ApplicationDetail.changedFields(from: last.data, to: detail.data)
                el("h2") { t(StaffText.changesHeading) }
                el("p") { t(StaffText.changesIntro) }
                el("dl", .class("review__list")) {
                    model.procedure.fields.filter { changed.contains($0.id) }.map { field in
                        Node.fragment([
                            el("dt") { t(field.label) },
                            el("dd") {
                                "\(t(StaffText.before))：\(last.data[field.id].map { display.text(field, $0) } ?? "—")　→　"
                                    + "\(t(StaffText.after))：\(detail.data[field.id].map { display.text(field, $0) } ?? "—")"
                            },
                        ])
                    }
                }
            }
            el("h2") { t(StaffText.history) }
            el("ol", .class("history")) {
                detail.history.map { event in
                    el("li") {
                        let status =
                            ApplicationStatus(rawValue: event.toStatus)?.label
                            ?? LocalizedText(ja: event.toStatus, en: event.toStatus)
                        let who =
                            event.actor == "resident"
                            ? t(StaffText.resident) : (model.staffNames[event.actor] ?? event.actor)
                        "\(InboxPages.date(context, JapanCalendar.civilDate(of: event.occurredAt))) \(t(status))（\(who)）"
                        if let reason = event.reason { el("p", .class("history__reason")) { reason } }
                        if let detail = event.detail {
                            el("p", .class("history__reason")) { coreDecisionText(context, detail) }
                        }
                    }
                }
            }
            if !detail.corrections.isEmpty {
                el("h2") { t(StaffText.correctionsHeading) }
                el("ul") {
                    detail.corrections.map { correction in
                        el("li") {
                            "\(InboxPages.date(context, JapanCalendar.civilDate(of: correction.requestedAt)))："
                            let labels = correction.fields.map { id in
                                model.procedure.fieldsByID[id].map { t($0.label) } ?? id
                            }
                            "\(labels.joined(separator: "、"))　\(correction.message)"
                            correction.resolvedAt == nil
                                ? " \(t(StaffText.awaitingResident))" : " \(t(StaffText.corrected))"
                        }
                    }
                }
            }
            el("h2") { t(StaffText.notesHeading) }
            if detail.notes.isEmpty { el("p") { t(StaffText.noNotes) } }
            el("ul", .class("notes")) {
                detail.notes.map { note in
                    el("li") {
                        el("p", .class("note__meta")) {
                            "\(model.staffNames[note.author.uuidString] ?? "—")　\(InboxPages.date(context, JapanCalendar.civilDate(of: note.at)))"
                        }
                        el("p") { note.body }
                    }
                }
            }
            if !model.print, let portal = detail.portal, portal.atenaNumber == nil, model.member.has(.caseWorker) {
                MatchingPages.matchForm(context, application: id)
            }
            if !model.print { noteAndAssignForms(context, model) }
        }
    }

    /// The forms of the actions the member may take now; each carries the version it was shown at.
    static func actions(_ context: PageContext, _ model: Model) -> Node {
        let t = context.text
        let id = model.detail.row.id
        return el("section", .class("work-actions"), Attribute("aria-labelledby", "actions-heading")) {
            el("h2", .id("actions-heading")) { t(StaffText.actionsHeading) }
            if model.actions.isEmpty { el("p") { t(StaffText.noActions) } }
            model.actions.map { action in
                el(
                    "form", Attribute("method", "post"), Attribute("action", StaffURL.action(id).path),
                    .class("action-form")
                ) {
                    StaffLayout.csrfField(context)
                    hidden("action", action.rawValue)
                    hidden("version", String(model.detail.row.version))
                    if action == .requestCorrection {
                        el("fieldset", .class("fieldset")) {
                            el("legend", .class("field__label")) { t(StaffText.correctionFields) }
                            model.procedure.fields.map { field in
                                el("div", .class("choice")) {
                                    el(
                                        "input", .id("fix-\(field.id)"), Attribute("type", "checkbox"),
                                        Attribute("name", "fields"), Attribute("value", field.id))
                                    el("label", Attribute("for", "fix-\(field.id)")) { t(field.label) }
                                }
                            }
                        }
                    }
                    if action.recordsCoreDecision {
                        textBox(context, name: "decided_on", label: StaffText.decidedOn, id: "\(action.rawValue)-date")
                        textBox(
                            context, name: "reference", label: StaffText.reference, id: "\(action.rawValue)-reference")
                    }
                    if action.needsReason {
                        el("div", .class("field")) {
                            el("label", .class("field__label"), Attribute("for", "\(action.rawValue)-reason")) {
                                t(action == .requestCorrection ? StaffText.correctionMessage : StaffText.reason)
                            }
                            el(
                                "textarea", .id("\(action.rawValue)-reason"), Attribute("name", "reason"),
                                Attribute("rows", "3"), .flag("required"))
                        }
                    }
                    el("button", .class("button button--primary"), Attribute("type", "submit")) { t(action.label) }
                }
            }
        }
    }

    static func noteAndAssignForms(_ context: PageContext, _ model: Model) -> Node {
        let t = context.text
        let id = model.detail.row.id
        return .fragment([
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.note(id).path)) {
                StaffLayout.csrfField(context)
                el("div", .class("field")) {
                    el("label", .class("field__label"), Attribute("for", "note")) { t(StaffText.addNote) }
                    el("p", .class("field__hint"), .id("note-hint")) { t(StaffText.noteHint) }
                    el(
                        "textarea", .id("note"), Attribute("name", "body"), Attribute("rows", "3"),
                        Attribute("aria-describedby", "note-hint"), .flag("required"))
                }
                el("button", .class("button button--secondary"), Attribute("type", "submit")) {
                    t(StaffText.addNoteButton)
                }
            },
            el("h2") { t(StaffText.assignHeading) },
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.assign(id).path)) {
                StaffLayout.csrfField(context)
                hidden("version", String(model.detail.row.version))
                el("div", .class("field")) {
                    el("label", .class("field__label"), Attribute("for", "assignee")) { t(InboxText.assignee) }
                    el("select", .id("assignee"), Attribute("name", "assignee")) {
                        el("option", Attribute("value", "")) { t(StaffText.unassigned) }
                        model.assignable.map { person in
                            el(
                                "option", Attribute("value", person.id.uuidString),
                                .flag("selected", person.id == model.detail.row.assignee)
                            ) { person.name }
                        }
                    }
                }
                el("button", .class("button button--secondary"), Attribute("type", "submit")) {
                    t(StaffText.assignButton)
                }
            },
        ])
    }

    static func hidden(_ name: String, _ value: String) -> Node {
        el("input", Attribute("type", "hidden"), Attribute("name", name), Attribute("value", value))
    }

    static func textBox(_ context: PageContext, name: String, label: LocalizedText, id: String) -> Node {
        el("div", .class("field")) {
            el("label", .class("field__label"), Attribute("for", id)) { context.text(label) }
            el(
                "input", .id(id), Attribute("name", name), Attribute("type", "text"), .class("input--medium"),
                .flag("required"))
        }
    }

    /// A core system's decision as recorded in an event's detail.
    static func coreDecisionText(_ context: PageContext, _ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else {
            return ""
        }
        return "\(context.text(StaffText.coreDecision))：\(object["decided_on"] ?? "") \(object["reference"] ?? "")"
    }
}
