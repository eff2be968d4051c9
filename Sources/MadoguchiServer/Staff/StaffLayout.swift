import MadoguchiDomain
import Vapor

/// The staff pages' layout: the portal's stylesheet and habits (lang, skip link, visible labels),
/// a header naming the municipality and the signed-in member, navigation by role, and sign-out.
enum StaffLayout {
    static func page(
        _ context: PageContext, member: StaffMember?, title: String, @NodeBuilder content: () -> [Node]
    ) -> Node {
        let t = context.text
        return .fragment([
            .trusted("<!doctype html>"),
            el("html", Attribute("lang", context.language.rawValue)) {
                el("head") {
                    el("meta", Attribute("charset", "utf-8"))
                    el(
                        "meta", Attribute("name", "viewport"),
                        Attribute("content", "width=device-width, initial-scale=1"))
                    el("meta", Attribute("name", "robots"), Attribute("content", "noindex"))
                    el("title") { "\(title)｜\(t(context.municipalityName)) \(t(StaffText.siteName))" }
                    el("link", Attribute("rel", "stylesheet"), .href(.stylesheet))
                    el("script", Attribute("src", SiteURL.script.path), Attribute("defer", nil))
                }
                el("body", .class("staff")) {
                    el("a", .class("skip-link"), Attribute("href", "#main")) { t(UIText.skipToContent) }
                    el("header", .class("site-header site-header--staff")) {
                        el("div", .class("site-header__inner")) {
                            el("a", .class("site-name"), Attribute("href", StaffURL.inbox().path)) {
                                el("span", .class("municipality")) { t(context.municipalityName) }
                                " "
                                t(StaffText.siteName)
                            }
                            Layout.languageSwitch(context)
                        }
                        if let member { navigation(context, member: member) }
                    }
                    el("main", .id("main"), .class("main main--wide")) { content() }
                }
            },
        ])
    }

    /// Links for the member's roles, who is signed in, and the sign-out buttons.
    static func navigation(_ context: PageContext, member: StaffMember) -> Node {
        let t = context.text
        return el("nav", .class("staff-nav"), Attribute("aria-label", t(StaffText.navigation))) {
            el("ul") {
                if member.worksOnApplications {
                    el("li") { el("a", Attribute("href", StaffURL.inbox().path)) { t(StaffText.inbox) } }
                }
                if member.has(.admin) {
                    el("li") { el("a", Attribute("href", StaffURL.adminStaff.path)) { t(StaffText.staffAdmin) } }
                    el("li") { el("a", Attribute("href", Route.staffTemplates.path())) { t(StaffText.templates) } }
                }
                if member.has(.caseWorker) {
                    el("li") { el("a", Attribute("href", StaffURL.matching.path)) { t(LinkageText.queueTitle) } }
                }
                if member.has(.admin) || member.has(.caseWorker) {
                    el("li") { el("a", Attribute("href", StaffURL.quarantine.path)) { t(QuarantineText.title) } }
                }
                if member.has(.auditor) {
                    el("li") { el("a", Attribute("href", StaffURL.audit().path)) { t(StaffText.auditLog) } }
                }
            }
            el("p", .class("staff-nav__who")) {
                "\(t(StaffText.signedInAs))\(member.name)（\(member.roles.sorted().map { t($0.label) }.joined(separator: "・"))）"
            }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.signOut.path), .class("inline-form")) {
                csrfField(context)
                el("button", .class("button button--secondary"), Attribute("type", "submit")) { t(StaffText.signOut) }
            }
            el(
                "form", Attribute("method", "post"), Attribute("action", StaffURL.signOutEverywhere.path),
                .class("inline-form")
            ) {
                csrfField(context)
                el("button", .class("button button--secondary"), Attribute("type", "submit")) {
                    t(StaffText.signOutEverywhere)
                }
            }
        }
    }

    static func csrfField(_ context: PageContext) -> Node {
        el(
            "input", Attribute("type", "hidden"), Attribute("name", CSRFMiddleware.fieldName),
            Attribute("value", context.csrfToken))
    }

    /// A message box above a page's content (an error, or what was just done).
    static func message(_ text: String, error: Bool) -> Node {
        el("div", .class(error ? "error-summary" : "notice"), Attribute("role", error ? "alert" : "status")) {
            el("p") { text }
        }
    }
}

extension PageContext {
    /// The context of a staff page: no form-state language switch, today's date in Japan.
    static func staff(_ req: Request) throws -> PageContext {
        try .from(req)
    }
}
