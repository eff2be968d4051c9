import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import MadoguchiServer

/// The repository root (for the shipped catalog).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// 2026-11-23 10:00 JST, a Monday.
let testNow = Date(timeIntervalSince1970: 1_795_395_600)
let testToday = CivilDate(2026, 11, 23)!

enum TestHosts {
    static let demo = "demo.example.jp"
    static let town = "town.example.jp"
}

/// Two municipalities: デモ市 (default) and テスト町, reached by host name.
let testMunicipalities = MunicipalityDirectory(
    municipalities: [
        Municipality(
            code: LocalGovernmentCode("990019")!, name: LocalizedText(ja: "デモ市", en: "Demo City"),
            hosts: [TestHosts.demo], departments: ["こども支援課", "介護保険課", "健康推進課", "保育課"]),
        Municipality(
            code: LocalGovernmentCode("990027")!, name: LocalizedText(ja: "テスト町", en: "Test Town"),
            hosts: [TestHosts.town], departments: ["住民課"], disabledProcedures: ["risai-shoumei"]),
    ],
    defaultCode: LocalGovernmentCode("990019"))

/// Which database the suite runs on: PostgreSQL when MADOGUCHI_TEST_DATABASE_URL is set, else SQLite.
let testDatabaseURL = ProcessInfo.processInfo.environment["MADOGUCHI_TEST_DATABASE_URL"].flatMap {
    $0.isEmpty ? nil : $0
}

/// Configures, migrates, runs `body` and always shuts down. On PostgreSQL each test gets its own
/// schema, so tests can run in parallel and leave nothing behind. `migrate: false` leaves the
/// database empty (for the migration tests).
func withMadoguchi(
    clock: any WallClock = FixedClock(testNow), migrate: Bool = true, adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "madoguchi-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
    let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    var config = AppConfig(
        mode: .testing,
        database: testDatabaseURL.map { .postgres(url: $0) }
            ?? .sqlite(path: dataDirectory.appendingPathComponent("madoguchi.sqlite").path),
        dataDirectory: dataDirectory, attachmentsDirectory: dataDirectory.appendingPathComponent("attachments"),
        catalogDirectory: repositoryRoot.appendingPathComponent("Catalog"), municipalitiesFile: nil,
        secret: Data(repeating: 7, count: 32), maxBodyBytes: 2 * 1_048_576, minimumFreeBytes: 0)
    config.passwordCost = 4  // bcrypt's least: the tests sign in often
    config.numberKeys = [NumberVault.Key(id: "test-1", key: SymmetricKey(data: Data(repeating: 9, count: 32)))]
    adjust(&config)
    let app = try await Application.make(.testing)
    do {
        try configure(
            app, config: config, clock: clock, municipalities: testMunicipalities,
            postgresSearchPath: testDatabaseURL == nil ? nil : [String(schema)])
        if testDatabaseURL != nil, let sql = app.db as? any SQLDatabase {
            try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: String(schema))").run()
        }
        if migrate { try await prepareDatabase(app) }
        try await body(app)
        if testDatabaseURL != nil, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA \(ident: String(schema)) CASCADE").run()
        }
    } catch {
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(at: dataDirectory)
        throw error
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(at: dataDirectory)
}

extension HTTPHeaders {
    static func host(_ host: String) -> HTTPHeaders { ["Host": host] }
}

/// A valid API body for a procedure, from its field definitions (as `madoguchi catalog sample` prints it).
func sampleBody(
    _ procedure: Procedure, attachmentToken: String? = nil, changing change: (inout [String: Any]) -> Void = { _ in }
) -> [String: Any] {
    let input = SampleInput.make(for: procedure, today: testToday, attachmentToken: attachmentToken)
    let json = SampleInput.json(procedureID: procedure.id, input: input)
    var body = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    // `change` edits the form data (the `data` member) in place.
    var data = body["data"] as? [String: Any] ?? [:]
    change(&data)
    body["data"] = data
    return body
}

func jsonBuffer(_ object: Any) throws -> ByteBuffer {
    ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
}

func jsonHeaders(host: String = TestHosts.demo, extra: [(String, String)] = []) -> HTTPHeaders {
    var headers: HTTPHeaders = ["Host": host, "Content-Type": "application/json"]
    for (name, value) in extra { headers.add(name: name, value: value) }
    return headers
}

struct SubmitResult: Decodable {
    var receiptNumber: String
    var inquiryKey: String
    var status: String
    var procedureVersion: String

    enum CodingKeys: String, CodingKey {
        case status
        case receiptNumber = "receipt_number"
        case inquiryKey = "inquiry_key"
        case procedureVersion = "procedure_version"
    }
}

/// デモ市, the default municipality of the tests.
let demoCode = LocalGovernmentCode("990019")!

/// A tiny but real PDF, stored through the application's attachment store; returns its token (for
/// デモ市).
func storedPDFToken(_ app: Application) throws -> String {
    let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    let now = app.madoguchi.clock.now()
    let reference = try app.madoguchi.attachments.store(pdf, filename: "写真.pdf", now: now)
    return app.madoguchi.attachments.token(for: reference, issuedAt: now, tenant: demoCode)
}

/// Reads `yaml` as a municipalities file, written to a folder of its own that is removed afterwards.
func loadMunicipalities(_ yaml: String) throws -> MunicipalityDirectory {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("municipalities.yaml")
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    return try MunicipalityDirectory.load(from: file)
}

extension InboxFields {
    /// A projection for applications a test hands to the writer directly.
    static let sample = InboxFields(
        department: "こども支援課", applicantName: "山田 花子", nameKey: "山田花子", kanaKey: "ヤマダハナコ",
        birthDate: "1990-04-01", phone: "0312345678", dueDate: "2026-12-01")
}
