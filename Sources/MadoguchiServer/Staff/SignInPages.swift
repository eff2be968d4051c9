import MadoguchiDomain
import Vapor

/// The pages of signing in: password, authenticator code, and the first sign-in's setup.
enum SignInPages {
    static func signIn(_ context: PageContext, login: String = "", message: (String, Bool)? = nil) -> Node {
        let t = context.text
        return StaffLayout.page(context, member: nil, title: t(StaffText.signInHeading)) {
            el("h1") { t(StaffText.signInHeading) }
            if let (text, isError) = message { StaffLayout.message(text, error: isError) }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.signIn.path)) {
                StaffLayout.csrfField(context)
                textField(
                    context, name: "login", label: StaffText.login, value: login, autocomplete: "username",
                    required: true)
                textField(
                    context, name: "password", label: StaffText.password, type: "password",
                    autocomplete: "current-password", required: true)
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(StaffText.signInButton)
                    }
                }
            }
        }
    }

    static func code(_ context: PageContext, error: Bool = false) -> Node {
        let t = context.text
        return StaffLayout.page(context, member: nil, title: t(StaffText.codeHeading)) {
            el("h1") { t(StaffText.codeHeading) }
            if error { StaffLayout.message(t(StaffText.codeFailed), error: true) }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.code.path)) {
                StaffLayout.csrfField(context)
                textField(
                    context, name: "code", label: StaffText.codeLabel, autocomplete: "one-time-code", required: true,
                    inputMode: "numeric", short: true)
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(StaffText.codeButton)
                    }
                }
            }
        }
    }

    /// The first sign-in: a password of one's own, and the authenticator to enrol (QR code and key).
    static func setup(
        _ context: PageContext, secret: MadoguchiDomain.TOTP.Secret, sealedSecret: String, otpauth: String,
        errors: [LocalizedText]
    ) -> Node {
        let t = context.text
        return StaffLayout.page(context, member: nil, title: t(StaffText.setupHeading)) {
            el("h1") { t(StaffText.setupHeading) }
            el("p", .class("lead")) { t(StaffText.setupIntro) }
            if !errors.isEmpty {
                el("div", .class("error-summary"), Attribute("role", "alert")) {
                    el("ul") { errors.map { error in el("li") { t(error) } } }
                }
            }
            el("form", Attribute("method", "post"), Attribute("action", StaffURL.setup.path)) {
                StaffLayout.csrfField(context)
                el("input", Attribute("type", "hidden"), Attribute("name", "pending"), Attribute("value", sealedSecret))
                textField(
                    context, name: "password", label: StaffText.newPassword, type: "password",
                    autocomplete: "new-password", required: true)
                textField(
                    context, name: "password_again", label: StaffText.newPasswordAgain, type: "password",
                    autocomplete: "new-password", required: true)
                el("h2") { t(StaffText.codeHeading) }
                el("p") { t(StaffText.scanQR) }
                el("div", .class("qr")) {
                    (try? QRCode.node(for: otpauth, label: t(StaffText.qrLabel)))
                        ?? .text("")
                }
                el("dl", .class("facts")) {
                    el("dt") { t(StaffText.secretKey) }
                    el("dd", .class("code")) { secret.base32 }
                }
                textField(
                    context, name: "code", label: StaffText.codeLabel, autocomplete: "one-time-code", required: true,
                    inputMode: "numeric", short: true)
                el("div", .class("actions")) {
                    el("button", .class("button button--primary"), Attribute("type", "submit")) {
                        t(StaffText.setupButton)
                    }
                }
            }
        }
    }

    /// A labelled text box (the label always visible).
    static func textField(
        _ context: PageContext, name: String, label: LocalizedText, type: String = "text", value: String = "",
        autocomplete: String? = nil, required: Bool = false, inputMode: String? = nil, short: Bool = false
    ) -> Node {
        el("div", .class("field")) {
            el("label", .class("field__label"), Attribute("for", name)) { context.text(label) }
            el(
                "input", .id(name), Attribute("name", name), Attribute("type", type),
                type == "password" ? nil : Attribute("value", value),
                autocomplete.map { Attribute("autocomplete", $0) }, inputMode.map { Attribute("inputmode", $0) },
                short ? .class("input--short") : .class("input--medium"), .flag("required", required))
        }
    }
}
