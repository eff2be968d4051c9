import Foundation

extension MailMessage {
    /// The message as it goes after DATA (before dot-stuffing): an RFC 5322 header in ASCII, a blank
    /// line and the body in base64, every line ending in CRLF; encoded-word and base64 lines are at
    /// most 76 characters, a plain subject line at most 78.
    ///
    /// Japanese never leaves as raw bytes: the subject and display names become RFC 2047
    /// encoded-words and the body base64, so no relay on the way can mangle it.
    func rfc5322Bytes() throws(MailError) -> [UInt8] {
        for mailbox in [from, to] where !MailSyntax.isMailbox(mailbox.address) {
            throw .permanent(code: 501, text: "local check: an address is not an ASCII local@domain mailbox")
        }
        guard MailSyntax.isMessageID(messageID) else {
            throw .permanent(code: 501, text: "local check: the Message-ID is not <id@host>")
        }
        var lines = [
            "Date: " + MailSyntax.rfc5322Date(date),
            MailSyntax.addressHeader("From", from),
            MailSyntax.addressHeader("To", to),
            MailSyntax.unstructuredHeader("Subject", subject),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            // RFC 3834: an automatic message; vacation responders do not answer it.
            "Auto-Submitted: auto-generated",
            "",
        ]
        lines += MailSyntax.base64Lines(Array(MailSyntax.crlfLineBreaks(textBody).utf8))
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}

/// The pieces of RFC 5322, RFC 2045 and RFC 2047 that the transport writes.
enum MailSyntax {
    /// RFC 2047 §2: an encoded-word is at most 75 characters.
    static let encodedWordLimit = 75
    /// RFC 2047 §2: a header line holding an encoded-word is at most 76 characters.
    static let encodedLineLimit = 76

    /// `Name: value` as is when it is short printable ASCII; otherwise as encoded-words, one to a
    /// folded line.
    static func unstructuredHeader(_ name: String, _ value: String) -> String {
        let prefix = name + ": "
        let value = singleLine(value)
        if isPlainText(value), prefix.count + value.count <= 78 {
            return prefix + value
        }
        let words = encodedWords(value, firstLineBudget: encodedLineLimit - prefix.count)
        return prefix + words.joined(separator: "\r\n ")
    }

    /// `From: <a@b>`, `From: "Name" <a@b>`, or the name as encoded-words with the address folded
    /// onto its own line.
    static func addressHeader(_ name: String, _ mailbox: MailAddress) -> String {
        let prefix = name + ": "
        guard let displayName = mailbox.displayName.map(singleLine), !displayName.isEmpty else {
            return prefix + "<\(mailbox.address)>"
        }
        if isPlainText(displayName) {
            let quoted = displayName.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return prefix + "\"\(quoted)\" <\(mailbox.address)>"
        }
        let words = encodedWords(displayName, firstLineBudget: encodedLineLimit - prefix.count)
        return prefix + words.joined(separator: "\r\n ") + "\r\n <\(mailbox.address)>"
    }

    /// `text` with each line break and other control character as a space: a header value is one
    /// line, whatever the caller passed.
    static func singleLine(_ text: String) -> String {
        let scalars = text.replacingOccurrences(of: "\r\n", with: " ").unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? " " : $0
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Printable ASCII that a decoder will not mistake for an encoded-word.
    static func isPlainText(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) } && !text.contains("=?")
    }

    /// `text` as `=?UTF-8?B?…?=` words of at most 75 characters (the first at most
    /// `firstLineBudget`), cut only between characters, never inside a UTF-8 sequence; a
    /// character too long for one word (a long emoji sequence) is cut between its scalars.
    static func encodedWords(_ text: String, firstLineBudget: Int = encodedWordLimit) -> [String] {
        // "=?UTF-8?B?" and "?=" take 12 characters; each 3 bytes take 4 base64 characters.
        func capacity(_ budget: Int) -> Int { max((min(budget, encodedWordLimit) - 12) / 4 * 3, 6) }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = capacity(firstLineBudget)
        func flush() {
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk = []
            limit = capacity(encodedWordLimit)
        }
        for character in text {
            let bytes = Array(character.utf8)
            // A scalar is at most 4 bytes, so it always fits in a word of its own.
            let pieces = bytes.count <= limit ? [bytes] : character.unicodeScalars.map { Array(String($0).utf8) }
            for piece in pieces {
                if chunk.count + piece.count > limit {
                    flush()
                }
                chunk += piece
            }
        }
        if !chunk.isEmpty || words.isEmpty {
            flush()
        }
        return words
    }

    /// Every line break (CRLF, LF or a lone CR) as CRLF: the canonical form of text/plain.
    static func crlfLineBreaks(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// Base64 in lines of at most 76 characters (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        return stride(from: 0, to: encoded.count, by: 76).map {
            String(decoding: encoded[$0..<min($0 + 76, encoded.count)], as: UTF8.self)
        }
    }

    /// `Tue, 1 Jul 2025 09:05:00 +0900`: RFC 5322 §3.3, in Japan time (no summer time, so the offset
    /// is fixed).
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(days[parts.weekday! - 1]), \(parts.day!) \(months[parts.month! - 1]) \(parts.year!) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0900"
    }

    /// `local@domain` in plain ASCII: atext and dots before the @, a host name after it.
    static func isMailbox(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, address.utf8.count <= 254, !parts[0].isEmpty, !parts[1].isEmpty else {
            return false
        }
        let localSpecials = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
        let local = parts[0].utf8.allSatisfy { isASCIIAlphanumeric($0) || localSpecials.contains($0) }
        let domain = parts[1].utf8.allSatisfy {
            isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
        return local && domain && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    /// `<left@right>` in printable ASCII without spaces or further angle brackets.
    static func isMessageID(_ id: String) -> Bool {
        guard id.hasPrefix("<"), id.hasSuffix(">"), id.utf8.count <= 250 else { return false }
        let inner = id.dropFirst().dropLast()
        let parts = inner.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && inner.utf8.allSatisfy {
                (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
            }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
