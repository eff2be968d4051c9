import NIOCore
import Testing

@testable import MadoguchiServer

/// Reading replies (RFC 5321 §4.2) and writing the data phase (§4.5.2).
@Suite struct SMTPReplyTests {
    static func parse(_ chunks: [String]) throws(SMTPReplyError) -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer()
        var replies: [SMTPReply] = []
        for chunk in chunks {
            buffer.writeString(chunk)
            replies += try parser.parse(&buffer)
        }
        return replies
    }

    @Test func aMultiLineReplyIsOneReplyEvenWhenItArrivesByteByByte() throws {
        // given
        let text = "250-sink.test\r\n250-SIZE 33554432\r\n250-STARTTLS\r\n250-AUTH LOGIN PLAIN\r\n250 HELP\r\n"
        // when
        let replies = try Self.parse(text.map { String($0) })
        // then
        #expect(
            replies == [
                SMTPReply(code: 250, lines: ["sink.test", "SIZE 33554432", "STARTTLS", "AUTH LOGIN PLAIN", "HELP"])
            ])
        #expect(replies.first?.extensions["AUTH"] == ["LOGIN", "PLAIN"])
        #expect(replies.first?.extensions["STARTTLS"] == [])
        #expect(replies.first?.extensions["SINK.TEST"] == nil)
    }

    @Test func repliesInOneReadAreKeptApartAndBareLFAndCodeOnlyLinesAreRead() throws {
        #expect(
            try Self.parse(["220 ready\r\n250 OK\n354", "\r\n"]) == [
                SMTPReply(code: 220, lines: ["ready"]), SMTPReply(code: 250, lines: ["OK"]),
                SMTPReply(code: 354, lines: [""]),
            ])
    }

    @Test(arguments: ["hello\r\n", "250-a\r\n251 b\r\n", "25\r\n", "2500 x\r\n", "650 x\r\n", "250_x\r\n"])
    func anythingElseIsNotSMTP(text: String) {
        #expect(throws: SMTPReplyError.malformed) { try Self.parse([text]) }
    }

    @Test func aLineWithoutEndIsNotReadForever() {
        #expect(throws: SMTPReplyError.tooLong) {
            try Self.parse([String(repeating: "2", count: SMTPReplyParser.maximumLineLength + 1)])
        }
    }

    @Test func addressesAreTakenOutOfTheTextThatIsLogged() {
        let reply = SMTPReply(code: 550, lines: ["5.1.1 <taro@example.jp>: Recipient", "rejected (taro@example.jp)"])
        #expect(reply.safeText == "5.1.1 [address] Recipient rejected [address]")
    }

    @Test(arguments: [
        ("", ".\r\n"),
        ("a\r\n", "a\r\n.\r\n"),
        ("a", "a\r\n.\r\n"),
        (".a\r\n.\r\n..\r\nb.c\r\n", "..a\r\n..\r\n...\r\nb.c\r\n.\r\n"),
        ("a\nb\rc\r\n.d", "a\r\nb\r\nc\r\n..d\r\n.\r\n"),
        ("a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"),
    ])
    func theDataIsDotStuffedInCRLFLines(content: String, sent: String) {
        #expect(String(buffer: SMTPDialogue.dataPayload(Array(content.utf8))) == sent)
    }
}
