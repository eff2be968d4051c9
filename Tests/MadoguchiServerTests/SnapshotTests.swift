import Foundation
import MadoguchiDomain
import Testing
import VaporTesting

@testable import MadoguchiServer

/// Compares a page's HTML with the recorded snapshot in `__Snapshots__/NAME.html`. A missing
/// snapshot, or `MADOGUCHI_RECORD_SNAPSHOTS=1`, records it (and fails, so a recording is looked at).
func assertSnapshot(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).html")
    // Pretty enough to diff: one element per line.
    let normalized = html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    let record = ProcessInfo.processInfo.environment["MADOGUCHI_RECORD_SNAPSHOTS"] == "1"
    if record || !FileManager.default.fileExists(atPath: file.path) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try normalized.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name).html — check it and run again", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    if expected != normalized {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record(
            "snapshot \(name).html differs at line \(line + 1):\n- \(line < a.count ? a[line] : "")\n+ \(line < b.count ? b[line] : "")",
            sourceLocation: sourceLocation)
    }
}

/// Every page from fixed fixtures, a fixed clock and a fixed CSRF cookie, so the HTML is stable.
@Suite struct SnapshotTests {
    static let cookie = "\(CSRFMiddleware.cookieName)=snapshot-cookie-0000000000"

    /// The per-form idempotency key is random; it is replaced before comparing.
    static func stable(_ html: String) -> String {
        html.replacing(#/name="_idem" value="[^"]*"/#, with: "name=\"_idem\" value=\"IDEMPOTENCY-KEY\"")
            .replacing(#/name="_state" value="[^"]*"/#, with: "name=\"_state\" value=\"SEALED-STATE\"")
    }

    func page(
        _ app: Application, _ method: HTTPMethod = .GET, _ path: String, body: String? = nil
    ) async throws -> String {
        var html = ""
        var headers: HTTPHeaders = ["Host": TestHosts.demo, "Cookie": Self.cookie]
        if body != nil { headers.add(name: .contentType, value: "application/x-www-form-urlencoded") }
        try await app.testing().test(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) }) { res in
            html = res.body.string
        }
        return Self.stable(html)
    }

    @Test func portalPages() async throws {
        try await withMadoguchi { app in
            try assertSnapshot(try await page(app, .GET, "/"), named: "home")
            try assertSnapshot(try await page(app, .GET, "/categories/kaigo"), named: "category-kaigo")
            try assertSnapshot(
                try await page(app, .GET, "/procedures/ninshin-todoke"), named: "procedure-ninshin-todoke")
            try assertSnapshot(try await page(app, .GET, "/procedures/nothing"), named: "error-404")
            try assertSnapshot(try await page(app, .GET, "/status"), named: "status-form")
        }
    }

    @Test func formPages() async throws {
        try await withMadoguchi { app in
            let token = CSRFMiddleware.token(for: "snapshot-cookie-0000000000", secret: app.madoguchi.secret)
            try assertSnapshot(
                try await page(app, .GET, "/procedures/ninshin-todoke/apply"), named: "form-ninshin-step1")
            let invalid =
                "_csrf=\(token)&_step=0&_idem=fixed-key-123&_action=next&birth_date=%E5%B9%B3%E6%88%9032%E5%B9%B4"
            try assertSnapshot(
                try await page(app, .POST, "/procedures/ninshin-todoke/apply", body: invalid),
                named: "form-ninshin-errors")
            let procedure = try #require(app.madoguchi.catalog.procedure("ninshin-todoke"))
            let input = SampleInput.urlEncoded(SampleInput.make(for: procedure, today: testToday))
            let last = procedure.steps.count - 1
            let confirm = "_csrf=\(token)&_step=\(last)&_idem=fixed-key-123&_action=next&" + input
            try assertSnapshot(
                try await page(app, .POST, "/procedures/ninshin-todoke/apply", body: confirm),
                named: "form-ninshin-confirm")
        }
    }
}
