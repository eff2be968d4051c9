import MadoguchiDomain
import Vapor

/// Home, search and category pages: finding a procedure.
enum PortalPages {
    static func home(_ context: PageContext, catalog: Catalog) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.searchHeading)) {
            el("h1") { t(UIText.searchHeading) }
            searchForm(context, query: "")
            el("h2") { t(UIText.categoriesHeading) }
            el("ul", .class("category-list")) {
                for category in ProcedureCategory.allCases {
                    let count = catalog.procedures(in: category).count
                    if count > 0 {
                        el("li") {
                            el("a", .href(.category(category))) { t(category.label) }
                            el("span", .class("count")) {
                                context.language == .ja
                                    ? "（\(count)\(t(UIText.procedureCount))）" : " (\(count)\(t(UIText.procedureCount)))"
                            }
                        }
                    }
                }
            }
            el("ul", .class("service-links")) {
                el("li") { el("a", Attribute("href", SiteURL.status.path)) { t(UIText.statusLink) } }
                el("li") { el("a", Attribute("href", SiteURL.resume.path)) { t(UIText.resumeLink) } }
            }
        }
    }

    static func searchForm(_ context: PageContext, query: String) -> Node {
        let t = context.text
        return el(
            "form", .class("search"), Attribute("method", "get"), Attribute("action", "/search"),
            Attribute("role", "search")
        ) {
            el("label", Attribute("for", "q"), .class("field__label")) { t(UIText.searchLabel) }
            el("div", .class("search__row")) {
                el("input", .id("q"), Attribute("name", "q"), Attribute("type", "search"), Attribute("value", query))
                el("button", Attribute("type", "submit"), .class("button")) { t(UIText.searchButton) }
            }
        }
    }

    static func search(_ context: PageContext, query: String, results: [Procedure]) -> Node {
        let t = context.text
        return Layout.page(context, title: t(UIText.searchResults)) {
            el("h1") { t(UIText.searchResults) }
            searchForm(context, query: query)
            if results.isEmpty {
                el("p") { t(UIText.noResults) }
            } else {
                procedureList(context, results)
            }
        }
    }

    static func category(_ context: PageContext, category: ProcedureCategory, procedures: [Procedure]) -> Node {
        let t = context.text
        return Layout.page(context, title: t(category.label)) {
            el("p", .class("breadcrumb")) { el("a", .href(.home)) { t(UIText.home) } }
            el("h1") { t(category.label) }
            procedureList(context, procedures)
        }
    }

    static func procedureList(_ context: PageContext, _ procedures: [Procedure]) -> Node {
        el("ul", .class("procedure-list")) {
            for procedure in procedures {
                el("li") {
                    el("a", .href(.procedure(procedure.id))) { context.text(procedure.name) }
                    el("span", .class("meta")) { procedure.department }
                }
            }
        }
    }

    static func procedure(_ context: PageContext, _ procedure: Procedure) -> Node {
        let t = context.text
        return Layout.page(context, title: t(procedure.name)) {
            el("p", .class("breadcrumb")) {
                el("a", .href(.home)) { t(UIText.home) }
                " › "
                el("a", .href(.category(procedure.category))) { t(procedure.category.label) }
            }
            el("h1") { t(procedure.name) }
            el("div", .class("prose")) { paragraphs(t(procedure.summary)) }
            el("h2") { t(UIText.whoMayApply) }
            el("div", .class("prose")) { paragraphs(t(procedure.eligible)) }
            el("h2") { t(UIText.attachmentsHeading) }
            if procedure.attachments.isEmpty {
                el("p") { t(UIText.noAttachments) }
            } else {
                el("ul", .class("attachments")) {
                    for attachment in procedure.attachments {
                        el("li") {
                            el("span", .class(attachment.required ? "tag tag--required" : "tag")) {
                                t(attachment.required ? UIText.attachmentRequired : UIText.attachmentIfApplicable)
                            }
                            " "
                            t(attachment.name)
                            if let note = attachment.note { el("span", .class("note")) { "（\(t(note))）" } }
                        }
                    }
                }
            }
            el("dl", .class("facts")) {
                el("dt") { t(UIText.department) }
                el("dd") { procedure.department }
                el("dt") { t(UIText.processingDays) }
                el("dd") { "\(procedure.standardProcessingDays)\(t(UIText.days))" }
                el("dt") { t(UIText.legalBasis) }
                el("dd") { procedure.legalBasis }
                el("dt") { t(UIText.formVersion) }
                el("dd") { procedure.version }
            }
            if procedure.signature == .required { el("p", .class("notice")) { t(UIText.signatureRequired) } }
            if procedure.publicFundsAccountAllowed { el("p", .class("notice")) { t(UIText.publicFundsAccount) } }
            el("p") { el("a", .class("button button--primary"), .href(.apply(procedure.id))) { t(UIText.startButton) } }
            el("details", .class("sources")) {
                el("summary") { t(UIText.sourcesHeading) }
                el("ul") {
                    for source in procedure.sources {
                        el("li") { "\(source.publisher)「\(source.title)」（\(source.published)）" }
                    }
                }
            }
        }
    }

    static func paragraphs(_ text: String) -> [Node] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { line in el("p") { String(line) } }
    }
}
