import MadoguchiDomain
import Vapor

enum ErrorPage {
    static func render(request: Request, status: HTTPResponseStatus, message: LocalizedText) -> Node {
        let context = PageContext(
            language: request.language,
            municipalityName: (try? request.municipality.name) ?? UIText.siteName,
            csrfToken: "", currentPath: "/", languageSwitchForm: nil, defaultAction: nil)
        let t = context.text
        return Layout.page(context, title: t(UIText.errorHeading)) {
            el("h1") { "\(t(UIText.errorHeading))（\(status.code)）" }
            el("p", .class("lead")) { t(message) }
            el("p") { el("a", .href(.home)) { t(UIText.backToHome) } }
        }
    }
}
