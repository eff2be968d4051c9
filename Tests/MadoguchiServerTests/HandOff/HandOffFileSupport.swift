import Crypto
import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// Released applications and export folders, for the hand-off file tests.
enum HandOffFileSupport {
    /// A 担当 of the two 課 whose procedures the tests release.
    static let worker = StaffMember(
        id: UUID(), tenant: demoCode, login: "tanto", name: "担当 一郎", roles: [.caseWorker],
        departments: ["こども支援課", "介護保険課"])

    /// Submits a sample application of `procedureID` whose `nameField` has the family name `family`
    /// (and `answers` instead of the sample's), and releases it to the core system (審査開始, then 基幹システムへ連携); its 受付番号.
    static func released(
        _ app: Application, family: String, procedureID: String = "jidou-teate-nintei",
        nameField: String = "claimant_name", answers: [String: Any] = [:]
    ) async throws -> String {
        let procedure = try #require(app.madoguchi.catalog.procedure(procedureID))
        var result: SubmitResult?
        let body = try jsonBuffer(
            sampleBody(procedure) { data in
                data[nameField] = ["family": family, "given": "花子"]
                data.merge(answers) { _, new in new }
            })
        try await app.testing().test(.POST, "/api/v1/applications", headers: jsonHeaders(), body: body) { res in
            #expect(res.status == .created, "\(res.body.string)")
            result = try? res.content.decode(SubmitResult.self)
        }
        let receipt = try #require(result).receiptNumber
        let id = try await StaffSupport.applicationID(app, receipt: receipt)
        for action in [WorkflowAction.startReview, .releaseToCore] {
            let outcome = try await ApplicationWork.perform(
                action, on: id, by: .staff(worker), tenant: demoCode, expectedVersion: nil, reason: nil,
                services: app.madoguchi, on: app.db)
            guard case .success = outcome else {
                Issue.record("\(action): \(outcome)")
                return receipt
            }
        }
        return receipt
    }

    /// A new, empty folder of its own.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-handoff-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func request(
        _ folder: URL, procedure: String = "jidou-teate-nintei", layout: String? = nil,
        format: HandOffLayout.Format? = nil, encoding: HandOffLayout.Encoding? = nil,
        resend: HandOffFileExport.Resend = .none
    ) -> HandOffFileExport.Request {
        HandOffFileExport.Request(
            procedureID: procedure, format: format, layout: layout, encoding: encoding, folder: folder, resend: resend,
            actor: "cli:test")
    }

    /// The names in `folder` a reader would see (temp files and the lock are hidden).
    static func visibleFiles(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    static func hiddenTemporaries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tmp") }
    }

    static func manifest(_ url: URL?) throws -> HandOffManifest {
        try HandOffManifest.decode(Data(contentsOf: try #require(url)))
    }

    static func sha256(_ data: Data) -> String { SHA256Hex.of(data) }

    /// The target's cursor.
    static func position(
        _ app: Application, target: String, procedure: String = "jidou-teate-nintei"
    )
        async throws -> Int64
    {
        try await HandOffExportRecords.position(
            .init(tenant: demoCode, procedureID: procedure, target: target), on: app.db.sql)
    }

    /// Records split at CRLF (the last, empty piece dropped).
    static func records(_ bytes: [UInt8]) -> [[UInt8]] {
        var records: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                records.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        if !current.isEmpty { records.append(current) }
        return records
    }

    struct InjectedCrash: Error {}
}
