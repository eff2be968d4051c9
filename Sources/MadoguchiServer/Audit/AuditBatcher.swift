import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// Group commit for the audit entries that stand alone (page views, downloads, reveals, refusals):
/// every staff page that shows personal data records its view before it answers, and dozens of
/// pages a second would otherwise each pay a commit (an fsync on SQLite) in turn. Entries that arrive while a batch is written wait for the
/// next one; each caller is answered once the transaction holding its entry has committed, so no
/// page is shown without its entry, and the chain's order is the order of commit.
actor AuditBatcher {
    struct Entry: Sendable {
        var action: AuditAction
        var actor: String
        var target: String
        var detail: String
        var tenant: LocalGovernmentCode
        var at: Date
    }

    private let writer: any DatabaseWriter
    private let database: any Database
    private var pending: [(Entry, CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    init(writer: any DatabaseWriter, database: any Database) {
        self.writer = writer
        self.database = database
    }

    /// Records an entry that stands alone (not part of another change's transaction); returns once
    /// it is committed.
    func record(
        _ action: AuditAction, actor: String, target: String = "", detail: String = "", tenant: LocalGovernmentCode,
        at date: Date
    ) async throws {
        try await append(Entry(action: action, actor: actor, target: target, detail: detail, tenant: tenant, at: date))
    }

    /// Records `entry`; returns once it is committed.
    func append(_ entry: Entry) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((entry, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            let entries = batch.map(\.0)
            do {
                try await writer.transaction(on: database) { db in
                    for entry in entries {
                        try await AuditLog.append(
                            entry.action, actor: entry.actor, target: entry.target, detail: entry.detail,
                            tenant: entry.tenant, at: entry.at, on: db.sql)
                    }
                }
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
