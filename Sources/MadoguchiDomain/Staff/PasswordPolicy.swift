/// パスワードの条件 for staff accounts: long rather than complicated (NIST SP 800-63B): at least 12
/// characters, not the login, not one character repeated. Checked when a person sets their own.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// Why `password` cannot be used, or nil when it can.
    public static func problem(with password: String, login: String) -> LocalizedText? {
        if password.count < minimumLength {
            return LocalizedText(
                ja: "パスワードは\(minimumLength)文字以上にしてください。",
                en: "The password must be at least \(minimumLength) characters long.")
        }
        // Bcrypt reads 72 bytes at most; more would be silently ignored.
        if password.utf8.count > 72 || password.count > maximumLength {
            return LocalizedText(
                ja: "パスワードは72バイト（半角72文字）以内にしてください。",
                en: "The password must be at most 72 bytes (72 ASCII characters).")
        }
        if password.lowercased().contains(login.lowercased()) {
            return LocalizedText(
                ja: "パスワードにログインIDを含めないでください。", en: "The password must not contain the login name.")
        }
        if Set(password).count < 4 {
            return LocalizedText(
                ja: "同じ文字の繰り返しなど、推測されやすいパスワードは使えません。",
                en: "The password is too easy to guess (too few different characters).")
        }
        return nil
    }

    /// A one-time password to hand to a new staff member: 16 characters from an alphabet without
    /// look-alikes (no 0/O, 1/l/I).
    public static func oneTimePassword(using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY23456789")
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
