import Foundation
import Testing

@testable import MadoguchiServer

@Suite struct RecordingMailTransportTests {
    @Test func itKeepsWhatWasSentAndFailsWhenTold() async throws {
        // given
        let transport = RecordingMailTransport()
        let message = MailMessage(
            from: MailAddress("noreply@demo.example.jp"), to: MailAddress("resident@example.jp"), subject: "受付",
            textBody: "本文", messageID: "<1@demo.example.jp>", date: testNow)
        transport.failNext(.temporary(code: 451, text: "RCPT TO: try again"))
        // when / then: the first attempt fails, the retry is kept
        await #expect(throws: MailError.temporary(code: 451, text: "RCPT TO: try again")) {
            try await transport.send(message)
        }
        #expect(transport.sent.isEmpty)
        try await transport.send(message)
        #expect(transport.sent == [message])
    }
}
