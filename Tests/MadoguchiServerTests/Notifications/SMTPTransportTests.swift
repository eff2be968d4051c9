import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Testing

@testable import MadoguchiServer

/// `SMTPTransport` against a real SMTP server on loopback (aiosmtpd, see `SMTPSink`), with Python's
/// email package reading back what arrived.
@Suite struct SMTPTransportTests {
    static let sender = MailAddress("noreply@demo.example.jp", displayName: "デモ市 こども支援課")
    static let recipient = MailAddress("resident@example.jp")
    static let subject = "【デモ市】児童手当の認定請求を受け付けました（受付番号 2026-000123）ご確認ください"
    static let body = """
        山田 太郎 様

        児童手当の認定請求を受け付けました。
        .から始まる行も
        .
        そのまま届きます。
        受付番号: 2026-000123

        """

    static func message(subject: String = subject, to recipient: MailAddress = recipient) -> MailMessage {
        MailMessage(
            from: sender, to: recipient, subject: subject, textBody: body,
            messageID: MailMessage.messageID(for: UUID(), host: "demo.example.jp"), date: testNow)
    }

    static func transport(
        port: Int, security: SMTPConfiguration.Security = .none,
        _ adjust: (inout SMTPConfiguration) throws -> Void = { _ in }
    ) throws -> SMTPTransport {
        var configuration = SMTPConfiguration(
            host: "127.0.0.1", port: port, security: security, clientName: "madoguchi.test",
            connectTimeout: .seconds(5), commandTimeout: .seconds(10))
        try adjust(&configuration)
        return try SMTPTransport(configuration: configuration, logger: Logger(label: "test.smtp"))
    }

    /// Trusts the sink's self-signed certificate and nothing else.
    static func trustSink(_ sink: SMTPSink) -> (inout SMTPConfiguration) throws -> Void {
        { $0.tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: try sink.certificatePEM, format: .pem)]) }
    }

    @Test func aJapaneseMessageArrivesOnceAndPythonReadsItBack() async throws {
        try await withSMTPSink { sink in
            // given: a subject long enough for several encoded-words, a body with lines that start with "."
            let message = Self.message()
            // when
            try await Self.transport(port: sink.port).send(message)
            // then: exactly one copy, with our envelope, EHLO name and Message-ID
            let received = try sink.received()
            try #require(received.count == 1)
            let mail = received[0]
            #expect(mail.mailFrom == "noreply@demo.example.jp")
            #expect(mail.rcptTos == ["resident@example.jp"])
            #expect(mail.helo == "madoguchi.test")
            #expect(mail.parsed.messageId == message.messageID)
            // and: Python's email package decodes the subject, names and body to what we sent
            #expect(mail.parsed.error == nil)
            #expect(mail.parsed.subject == Self.subject)
            #expect(mail.parsed.fromName == "デモ市 こども支援課")
            #expect(mail.parsed.fromAddress == "noreply@demo.example.jp")
            #expect(mail.parsed.toAddress == "resident@example.jp")
            #expect(mail.parsed.body?.replacingOccurrences(of: "\r\n", with: "\n") == Self.body)
            #expect(mail.parsed.date == "2026-11-23T10:00:00+09:00")
            #expect(mail.parsed.contentType == "text/plain")
            #expect(mail.parsed.charset == "utf-8")
            #expect(mail.parsed.transferEncoding == "base64")
            #expect(mail.parsed.defects == [])
            // and: on the wire it is ASCII, every line ends in CRLF and none is longer than 76
            let data = mail.data
            #expect(data.allSatisfy { $0 < 0x80 })
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasSuffix("\r\n"))
            let withoutCRLF = text.replacingOccurrences(of: "\r\n", with: "")
            #expect(!withoutCRLF.utf8.contains(UInt8(ascii: "\r")) && !withoutCRLF.utf8.contains(UInt8(ascii: "\n")))
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.count <= 76 })
            // and: the subject went as encoded-words, one to a line, over three lines
            let subject = lines.drop { !$0.hasPrefix("Subject: ") }
            #expect(subject.first?.hasPrefix("Subject: =?UTF-8?B?") == true)
            #expect(subject.dropFirst().prefix { $0.hasPrefix(" =?UTF-8?B?") }.count == 2)
        }
    }

    @Test func subjectsOfEveryShapeDecodeInPython() async throws {
        try await withSMTPSink { sink in
            // given: subjects that end encoded-words in awkward places, and one that tries to add a header
            let subjects = [
                "受付のお知らせ", "Plain ASCII subject", "", "=?UTF-8?B?not-a-word?=",
                String(repeating: "申請", count: 60), "混在 mixed テキスト 😀 👩‍👩‍👧‍👦 🏴󠁧󠁢󠁳󠁣󠁴󠁿 end",
                "e" + String(repeating: "\u{301}", count: 30) + "が（濁点）", "a\r\nBcc: someone@example.jp",
            ]
            // when
            let transport = try Self.transport(port: sink.port)
            for subject in subjects {
                try await transport.send(Self.message(subject: subject))
            }
            // then: one message each, with the subject as sent (a line break as a space, no Bcc header)
            let received = try sink.received()
            try #require(received.count == subjects.count)
            for (mail, subject) in zip(received, subjects) {
                #expect(mail.parsed.subject == subject.replacingOccurrences(of: "\r\n", with: " "))
                #expect(!String(decoding: mail.data, as: UTF8.self).contains("\r\nBcc:"))
                #expect(mail.parsed.defects == [])
            }
        }
    }

    @Test func linesStartingWithADotSurviveTheDataPhase() async throws {
        try await withSMTPSink { sink in
            // given: a message in 7bit text (our own messages are base64, where no line starts with
            // "."), with a lone "." that would end the data early if it went unstuffed
            let raw = "Subject: dots\r\nMessage-ID: <dots@madoguchi.test>\r\n\r\n.hidden\r\n.\r\n..two\r\nlast\r\n"
            // when
            try await Self.transport(port: sink.port).deliver(
                Array(raw.utf8), from: "noreply@demo.example.jp", to: "resident@example.jp",
                messageID: "<dots@madoguchi.test>")
            // then: those bytes arrived, once
            let received = try sink.received()
            try #require(received.count == 1)
            #expect(String(decoding: received[0].data, as: UTF8.self) == raw)
        }
    }

    @Test func aServerWithoutEHLOIsGreetedWithHELO() async throws {
        try await withSMTPSink(SMTPSink.Options(noEHLO: true)) { sink in
            // when
            try await Self.transport(port: sink.port).send(Self.message())
            // then
            let received = try sink.received()
            #expect(received.count == 1)
            #expect(received.first?.helo == "madoguchi.test")
        }
    }

    @Test func aRecipientRefusedWith550IsPermanentAndNotLogged() async throws {
        try await withSMTPSink(SMTPSink.Options(reject: ["resident@example.jp"])) { sink in
            // when
            let error = await #expect(throws: MailError.self) {
                try await Self.transport(port: sink.port).send(Self.message())
            }
            // then: permanent, with the server's code and text, the address taken out
            #expect(error == .permanent(code: 550, text: "RCPT TO: 5.1.1 [address] mailbox unavailable"))
            let received = try sink.received()
            #expect(received.isEmpty)
        }
    }

    @Test func aRecipientRefusedWith451IsTemporary() async throws {
        try await withSMTPSink(SMTPSink.Options(tempfail: ["resident@example.jp"])) { sink in
            let error = await #expect(throws: MailError.self) {
                try await Self.transport(port: sink.port).send(Self.message())
            }
            #expect(error == .temporary(code: 451, text: "RCPT TO: 4.3.0 [address] try again later"))
            let received = try sink.received()
            #expect(received.isEmpty)
        }
    }

    @Test func aRefusedConnectionIsTemporary() async throws {
        // given: a port nothing listens on
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        try await listener.close()
        // when
        let error = await #expect(throws: MailError.self) { try await Self.transport(port: port).send(Self.message()) }
        // then
        #expect(error?.isPermanent == false)
        #expect(error?.code == nil)
        #expect(error.map { "\($0)" }?.contains("connect:") == true)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        // given: a server that accepts the connection and says nothing
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(silent.localAddress?.port)
        // when
        let transport = try Self.transport(port: port) { $0.commandTimeout = .milliseconds(300) }
        let error = await #expect(throws: MailError.self) { try await transport.send(Self.message()) }
        // then
        #expect(error == .temporary(code: nil, text: "greeting: no reply in time"))
        try await silent.close()
    }
}
