import Foundation
import MadoguchiDomain

enum MatchingPages {
    static func render(
        _ context: PageContext, member: StaffMember, waiting: [MatchingController.Waiting]
    ) -> Node {
        let t = context.text
        return StaffLayout.page(context, member: member, title: t(LinkageText.queueTitle)) {
            el("h1") { t(LinkageText.queueTitle) }
            el("p") { t(LinkageText.queueIntro) }
            if waiting.isEmpty {
                el("p") { t(LinkageText.none) }
            } else {
                el(
                    "div", .class("table-wrap"), Attribute("role", "region"),
                    Attribute("aria-label", t(LinkageText.queueTitle)), Attribute("tabindex", "0")
                ) {
                    el("table", .class("inbox-table")) {
                        el("thead") {
                            el("tr") {
                                for heading in [
                                    InboxText.receiptNumber, QuarantineText.portalNumber, LinkageText.certificateName,
                                    LinkageText.signedAt, LinkageText.reason,
                                ] {
                                    el("th", Attribute("scope", "col")) { t(heading) }
                                }
                            }
                        }
                        el("tbody") {
                            waiting.map { item in
                                el("tr") {
                                    el("td") {
                                        el("a", Attribute("href", StaffURL.application(item.applicationID).path)) {
                                            item.receiptNumber
                                        }
                                    }
                                    el("td") { item.portalNumber }
                                    el("td") { "\(item.signerSubject)（\(t(LinkageText.serial)) \(item.signerSerial)）" }
                                    el("td") { AuditPages.timestamp(item.signedAt) }
                                    el("td") { t(item.reason) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// On the application page: who signed, and the 紐付 (the register's name beside the
    /// certificate's once matched; the form to match by hand while it waits).
    static func portalSection(_ context: PageContext, portal: PortalReceipts.Detail, application id: UUID) -> Node {
        let t = context.text
        return .fragment([
            el("dt") { t(QuarantineText.portalNumber) },
            el("dd") { portal.portalNumber },
            el("dt") { t(LinkageText.signer) },
            el("dd") { "\(portal.signerSubject)（\(t(LinkageText.serial)) \(portal.signerSerial)）" },
            el("dt") { t(LinkageText.signedAt) },
            el("dd") { AuditPages.timestamp(portal.signedAt) },
            el("dt") { t(LinkageText.matching) },
            el("dd") {
                if let atena = portal.atenaNumber {
                    "\(t(LinkageText.atenaNumber)) \(atena)"
                        + (portal.matchState == PortalReceipts.manual ? "（\(t(LinkageText.manual))）" : "")
                } else {
                    "\(t(LinkageText.waiting))：\(portal.waitingReason.map(t) ?? "")"
                }
            },
            portal.registerName.map { name in
                .fragment([el("dt") { t(LinkageText.registerName) }, el("dd") { name }])
            } ?? .fragment([]),
        ])
    }

    static func matchForm(_ context: PageContext, application id: UUID) -> Node {
        let t = context.text
        return el("form", Attribute("method", "post"), Attribute("action", StaffURL.match(id).path)) {
            StaffLayout.csrfField(context)
            el("h2") { t(LinkageText.matchHeading) }
            el("div", .class("field")) {
                el("label", .class("field__label"), Attribute("for", "atena_number")) { t(LinkageText.atenaNumber) }
                el("p", .class("field__hint"), .id("atena-hint")) { t(LinkageText.matchHint) }
                el(
                    "input", .id("atena_number"), Attribute("name", "atena_number"), Attribute("inputmode", "numeric"),
                    Attribute("autocomplete", "off"), Attribute("aria-describedby", "atena-hint"), .flag("required"))
            }
            el("button", .class("button button--secondary"), Attribute("type", "submit")) { t(LinkageText.matchButton) }
        }
    }
}
