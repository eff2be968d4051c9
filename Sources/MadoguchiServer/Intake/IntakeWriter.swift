import Fluent
import Foundation
import Logging
import MadoguchiDomain
import SQLKit

/// An application ready to be stored: validated, with everything but its 受付番号.
struct PendingApplication: Sendable {
    var tenant: LocalGovernmentCode
    var procedureID: String
    var procedureVersion: String
    var channel: IntakeChannel
    /// The validated data as stored (FormDataCoding), encoded once by the caller.
    var encodedData: String
    var idempotencyKey: String?
    /// SHA-256 of procedure, version and data: a repeated key must come with the same request.
    var requestDigest: String
    var submittedAt: Date
    /// The year (JST) the 受付番号 is counted in.
    var receiptYear: Int
}

/// What the store answers once the application is durable.
struct StoredApplication: Sendable, Equatable {
    var id: UUID
    var receiptNumber: ReceiptNumber
    var submittedAt: Date
    /// False when an earlier submission with the same idempotency key was returned instead.
    var created: Bool
    /// True when the idempotency key was used before for a different request (nothing stored).
    var conflict: Bool = false
}

/// Group commit: submissions that arrive while a transaction is being written wait and are written
/// together in the next one. Each caller is answered only after the transaction holding its
/// application has committed, so an acknowledged application survives a crash, while the commit
/// (fsync) cost is shared by the whole batch.
actor IntakeWriter {
    private let database: any Database
    private let logger: Logger
    private let maxBatch: Int
    private var pending:
        [(application: PendingApplication, continuation: CheckedContinuation<StoredApplication, any Error>)] = []
    private var writing = false

    init(database: any Database, logger: Logger, maxBatch: Int = 256) {
        self.database = database
        self.logger = logger
        self.maxBatch = maxBatch
    }

    func submit(_ application: PendingApplication) async throws -> StoredApplication {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((application, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            do {
                let stored = try await Self.write(batch.map(\.application), on: database)
                for (entry, result) in zip(batch, stored) { entry.continuation.resume(returning: result) }
            } catch {
                // One bad apple (an idempotency key raced in from another process, a busy SQLite
                // snapshot) must not fail the others: write each once more on its own. A retried
                // duplicate then finds the committed application and returns it.
                logger.warning(
                    "batch of \(batch.count) failed; retrying one by one: \(String(reflecting: type(of: error)))")
                for entry in batch {
                    do {
                        let stored = try await Self.write([entry.application], on: database)
                        entry.continuation.resume(returning: stored[0])
                    } catch {
                        entry.continuation.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }

    /// Writes a batch in one transaction and returns, in order, what each application became.
    static func write(_ batch: [PendingApplication], on database: any Database) async throws -> [StoredApplication] {
        try await database.transaction { tx in
            var results = [StoredApplication?](repeating: nil, count: batch.count)
            // 1. Idempotency: a key seen before (or earlier in this batch) returns that application.
            var firstIndexByKey: [String: Int] = [:]
            let keyed = batch.enumerated().compactMap { index, item in
                item.idempotencyKey.map { (index, item.tenant.value, $0) }
            }
            if !keyed.isEmpty {
                // Per municipality, so the (tenant_code, idempotency_key) unique index serves the lookup.
                var existing: [ApplicationRecord] = []
                for (tenant, entries) in Dictionary(grouping: keyed, by: \.1) {
                    existing += try await ApplicationRecord.query(on: tx)
                        .filter(\.$tenantCode == tenant)
                        .filter(\.$idempotencyKey ~~ entries.map(\.2))
                        .all()
                }
                for (index, tenant, key) in keyed {
                    if let match = existing.first(where: { $0.tenantCode == tenant && $0.idempotencyKey == key }),
                        let id = match.id, let number = ReceiptNumber(match.receiptNumber)
                    {
                        results[index] = StoredApplication(
                            id: id, receiptNumber: number, submittedAt: match.submittedAt, created: false,
                            conflict: match.requestDigest.map { $0 != batch[index].requestDigest } ?? false)
                    } else if firstIndexByKey["\(tenant)|\(key)"] == nil {
                        firstIndexByKey["\(tenant)|\(key)"] = index
                    }
                }
            }
            let duplicatesInBatch = keyed.compactMap { index, tenant, key -> (Int, Int)? in
                guard results[index] == nil, let first = firstIndexByKey["\(tenant)|\(key)"], first != index else {
                    return nil
                }
                return (index, first)
            }
            let duplicateIndices = Set(duplicatesInBatch.map(\.0))
            // 2. Number the new ones per municipality and year.
            let fresh = batch.indices.filter { results[$0] == nil && !duplicateIndices.contains($0) }
            let groups = Dictionary(grouping: fresh) { "\(batch[$0].tenant.value)|\(batch[$0].receiptYear)" }
            var records: [ApplicationRecord] = []
            var events: [ApplicationEventRecord] = []
            for key in groups.keys.sorted() {
                let indices = groups[key]!
                let sample = batch[indices[0]]
                var sequence = try await ReceiptCounter.reserve(
                    indices.count, tenant: sample.tenant.value, year: sample.receiptYear, on: tx)
                for index in indices {
                    let item = batch[index]
                    let number = ReceiptNumber(year: item.receiptYear, sequence: sequence)
                    sequence += 1
                    let id = UUID()
                    records.append(
                        ApplicationRecord(
                            id: id, tenantCode: item.tenant.value, receiptNumber: number.description,
                            procedureID: item.procedureID, procedureVersion: item.procedureVersion,
                            channel: item.channel.rawValue, status: ApplicationStatus.received.rawValue,
                            data: item.encodedData, idempotencyKey: item.idempotencyKey,
                            submittedAt: item.submittedAt, requestDigest: item.requestDigest))
                    events.append(
                        ApplicationEventRecord(
                            tenantCode: item.tenant.value, applicationID: id, fromStatus: nil,
                            toStatus: ApplicationStatus.received.rawValue, actor: "resident", reason: nil,
                            occurredAt: item.submittedAt))
                    results[index] = StoredApplication(
                        id: id, receiptNumber: number, submittedAt: item.submittedAt, created: true)
                }
            }
            if !records.isEmpty {
                try await insert(records, events, on: tx)
            }
            for (index, first) in duplicatesInBatch {
                results[index] = results[first].map {
                    StoredApplication(
                        id: $0.id, receiptNumber: $0.receiptNumber, submittedAt: $0.submittedAt, created: false,
                        conflict: batch[index].requestDigest != batch[first].requestDigest)
                }
            }
            return results.map { $0! }
        }
    }
}
