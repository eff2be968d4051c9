import MadoguchiDomain
import Vapor

/// The one page layout: `lang` set, skip link, municipality header, language switch, main, footer.
enum Layout {
    static func page(_ context: PageContext, title: String, @NodeBuilder content: () -> [Node]) -> Node {
        let t = context.text
        return .fragment([
            .trusted("<!doctype html>"),
            el("html", Attribute("lang", context.language.rawValue)) {
                el("head") {
                    el("meta", Attribute("charset", "utf-8"))
                    el(
                        "meta", Attribute("name", "viewport"),
                        Attribute("content", "width=device-width, initial-scale=1"))
                    el("title") { "\(title)｜\(t(context.municipalityName)) \(t(UIText.siteName))" }
                    el("link", Attribute("rel", "stylesheet"), .href(.stylesheet))
                    el("script", Attribute("src", SiteURL.script.path), Attribute("defer", nil))
                }
                el("body") {
                    // Enter in a text box clicks the form's first submit button in document order;
                    // this one comes before the header's language switch and the group buttons.
                    if let form = context.languageSwitchForm, let action = context.defaultAction {
                        el(
                            "button", .class("default-action"), Attribute("type", "submit"), Attribute("form", form),
                            Attribute("name", FormState.actionField), Attribute("value", action.value),
                            Attribute("tabindex", "-1"),
                            Attribute("aria-hidden", "true")
                        ) { t(action.label) }
                    }
                    el("a", .class("skip-link"), Attribute("href", "#main")) { t(UIText.skipToContent) }
                    el("header", .class("site-header")) {
                        el("div", .class("site-header__inner")) {
                            el("a", .class("site-name"), .href(.home)) {
                                el("span", .class("municipality")) { t(context.municipalityName) }
                                " "
                                t(UIText.siteName)
                            }
                            languageSwitch(context)
                        }
                    }
                    el("main", .id("main"), .class("main")) { content() }
                    el("footer", .class("site-footer")) {
                        el("p") { t(UIText.footer) }
                    }
                }
            },
        ])
    }

    /// Switching language keeps what the resident typed: on a form page it submits the form.
    static func languageSwitch(_ context: PageContext) -> Node {
        let other: Language = context.language == .ja ? .en : .ja
        let otherLang = other.rawValue
        if let form = context.languageSwitchForm {
            return el(
                "button", .class("language-switch"), Attribute("type", "submit"), Attribute("form", form),
                Attribute("name", FormState.actionField), Attribute("value", "lang:\(otherLang)"),
                Attribute("lang", otherLang)
            ) { context.text(UIText.switchLanguage) }
        }
        return el(
            "a", .class("language-switch"), .href(.language(other, next: context.currentPath)),
            Attribute("lang", otherLang), Attribute("hreflang", otherLang)
        ) { context.text(UIText.switchLanguage) }
    }

    static func response(_ node: Node, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: node.rendered))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
