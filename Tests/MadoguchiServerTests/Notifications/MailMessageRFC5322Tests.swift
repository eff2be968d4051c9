import Foundation
import Testing

@testable import MadoguchiServer

/// The message as written after DATA: headers, encoded-words, base64 body, date.
@Suite struct MailMessageRFC5322Tests {
    static func decode(_ word: String) -> String? {
        guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return nil }
        let payload = word.dropFirst(10).dropLast(2)
        guard let bytes = Data(base64Encoded: String(payload)) else { return nil }
        return String(validating: Array(bytes), as: UTF8.self)
    }

    @Test(arguments: [
        "受付", String(repeating: "あ", count: 13), String(repeating: "あ", count: 14), String(repeating: "申請", count: 80),
        "混在 mixed テキスト 😀 👩‍👩‍👧‍👦 🏴󠁧󠁢󠁳󠁣󠁴󠁿", "e" + String(repeating: "\u{301}", count: 40),
        String(repeating: "x", count: 200),
    ])
    func encodedWordsAreShortAndEachIsWholeUTF8(text: String) throws {
        // when
        let words = MailSyntax.encodedWords(text, firstLineBudget: 76 - "Subject: ".count)
        // then: at most 75 characters each (the first fits after "Subject: " in 76)
        #expect(words.allSatisfy { $0.count <= 75 })
        #expect(("Subject: " + words[0]).count <= 76)
        // and: each decodes to valid UTF-8 on its own, and together to the text
        let decoded = words.map(Self.decode)
        #expect(!decoded.contains(nil))
        #expect(decoded.compactMap { $0 }.joined() == text)
    }

    @Test func charactersAreNotCutBetweenWords() throws {
        // given: 16 characters of 3 bytes: 45 bytes fit a word, the first word holds 39
        let text = String(repeating: "が", count: 16)
        // when
        let words = MailSyntax.encodedWords(text, firstLineBudget: 67)
        // then
        #expect(words.compactMap(Self.decode) == [String(repeating: "が", count: 13), "ががが"])
    }

    @Test func theHeaderIsASCIIWithTheFieldsInOrder() throws {
        // given
        let message = MailMessage(
            from: MailAddress("noreply@demo.example.jp", displayName: "デモ市"), to: MailAddress("resident@example.jp"),
            subject: "Receipt", textBody: "本文\n2行目", messageID: "<0f1e@demo.example.jp>", date: testNow)
        // when
        let text = String(decoding: try message.rfc5322Bytes(), as: UTF8.self)
        let (header, body) = try #require(text.split(separator: "\r\n\r\n", maxSplits: 1).splitPair)
        // then
        #expect(
            header.components(separatedBy: "\r\n") == [
                "Date: Mon, 23 Nov 2026 10:00:00 +0900",
                "From: =?UTF-8?B?44OH44Oi5biC?=",
                " <noreply@demo.example.jp>",
                "To: <resident@example.jp>",
                "Subject: Receipt",
                "Message-ID: <0f1e@demo.example.jp>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: base64",
                "Auto-Submitted: auto-generated",
            ])
        // and: the body is base64 of the text with CRLF line breaks
        let decoded = Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))
        #expect(decoded.map { String(decoding: $0, as: UTF8.self) } == "本文\r\n2行目")
    }

    @Test func longBodiesAreCutIntoLinesOf76() {
        let lines = MailSyntax.base64Lines(Array(String(repeating: "住民票の写しの交付申請。", count: 40).utf8))
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(lines.last!.count <= 76)
    }

    @Test func anASCIINameIsQuoted() {
        let header = MailSyntax.addressHeader(
            "From", MailAddress("a@example.jp", displayName: #"Demo "City" \ Office"#))
        #expect(header == #"From: "Demo \"City\" \\ Office" <a@example.jp>"#)
    }

    @Test func theDateIsRFC5322InJapanTime() {
        #expect(MailSyntax.rfc5322Date(testNow) == "Mon, 23 Nov 2026 10:00:00 +0900")
        // 2026-12-01 00:05:09 JST: one-digit day, two-digit time
        #expect(MailSyntax.rfc5322Date(Date(timeIntervalSince1970: 1_796_051_109)) == "Tue, 1 Dec 2026 00:05:09 +0900")
    }

    @Test(arguments: [
        "山田@example.jp", "a@b\r\nBcc: c@d", "<a@example.jp>", "a b@example.jp", "@example.jp", "a@", "a@@example.jp",
        "a@.example.jp", "a@example.jp.",
    ])
    func aMalformedAddressIsRefusedBeforeSending(address: String) {
        // given
        let message = MailMessage(
            from: MailAddress("noreply@demo.example.jp"), to: MailAddress(address), subject: "s", textBody: "b",
            messageID: "<1@demo.example.jp>", date: testNow)
        // then: permanent, and without the address
        #expect(
            throws: MailError.permanent(code: 501, text: "local check: an address is not an ASCII local@domain mailbox")
        ) {
            try message.rfc5322Bytes()
        }
    }

    @Test(arguments: ["1@demo.example.jp", "<1@demo.example.jp", "<no-at>", "<a b@c>", "<a@b>\r\nBcc: <c@d>", "<@b>"])
    func aMalformedMessageIDIsRefused(id: String) {
        let message = MailMessage(
            from: MailAddress("noreply@demo.example.jp"), to: MailAddress("resident@example.jp"), subject: "s",
            textBody: "b", messageID: id, date: testNow)
        #expect(throws: MailError.permanent(code: 501, text: "local check: the Message-ID is not <id@host>")) {
            try message.rfc5322Bytes()
        }
    }

    @Test func messageIDsForOutboxRowsAreStable() {
        let id = UUID(uuidString: "0190F3A2-7C5D-7E31-9A40-1B2C3D4E5F60")!
        #expect(
            MailMessage.messageID(for: id, host: "demo.example.jp")
                == "<0190f3a2-7c5d-7e31-9a40-1b2c3d4e5f60@demo.example.jp>")
        #expect(MailSyntax.isMessageID(MailMessage.messageID(for: id, host: "demo.example.jp")))
    }
}

extension Array where Element == Substring {
    fileprivate var splitPair: (String, String)? {
        count == 2 ? (String(self[0]), String(self[1])) : nil
    }
}
