import Foundation
import MadoguchiDomain

/// How a batch of submissions becomes rows, on whichever database: a submission repeating an
/// idempotency key used earlier in the batch gets that submission's answer; the others are looked
/// up by key, and 受付番号 are reserved for all of them, per municipality and year. Those that turn
/// out to repeat a stored application give their numbers back in the same transaction, so 受付番号
/// stay without gaps.
struct BatchPlan: Sendable {
    /// A 受付番号 sequence: one per municipality and year.
    struct Counter: Hashable, Comparable, Sendable {
        var tenant: String
        var year: Int

        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.tenant, lhs.year) < (rhs.tenant, rhs.year) }
    }

    let batch: [PendingApplication]
    /// Submissions repeating the key of an earlier one in the batch.
    let repeats: [(index: Int, first: Int)]
    /// The counters to reserve from, always in the same order (so two servers sharing a PostgreSQL
    /// database lock counter rows in the same order), each with the submissions it numbers.
    let counters: [(counter: Counter, indices: [Int])]
    /// The idempotency keys to look up, per municipality.
    let lookups: [(tenant: String, keys: [String])]

    init(_ batch: [PendingApplication]) {
        self.batch = batch
        var firstIndexByKey: [String: Int] = [:]
        var repeats: [(index: Int, first: Int)] = []
        var candidates: [Int] = []
        for (index, item) in batch.enumerated() {
            if let key = item.idempotencyKey {
                let tenantKey = Self.keyed(item.tenant.value, key)
                if let first = firstIndexByKey[tenantKey] {
                    repeats.append((index, first))
                    continue
                }
                firstIndexByKey[tenantKey] = index
            }
            candidates.append(index)
        }
        self.repeats = repeats
        let counters = Dictionary(grouping: candidates) {
            Counter(tenant: batch[$0].tenant.value, year: batch[$0].receiptYear)
        }
        self.counters = counters.keys.sorted().map { ($0, counters[$0]!) }
        var keysByTenant: [String: [String]] = [:]
        for index in candidates {
            if let key = batch[index].idempotencyKey {
                keysByTenant[batch[index].tenant.value, default: []].append(key)
            }
        }
        self.lookups = keysByTenant.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// An idempotency key with its municipality: keys are unique per municipality only.
    static func keyed(_ tenant: String, _ key: String) -> String { "\(tenant)|\(key)" }

    /// What the batch writes and answers.
    struct Resolution: Sendable {
        var rows: [NewApplicationRow]
        /// Numbers given back, per counter.
        var releases: [(counter: Counter, count: Int)]
        /// Per submission, in batch order.
        var answers: [StoredApplication]
    }

    /// Numbers the new applications, given the stored applications found by key (`existing`, keyed
    /// by `keyed(_:_:)`) and the first number reserved from each counter (in `counters` order).
    func resolve(existing: [String: KeyedApplication], firstSequences: [Int]) -> Resolution {
        var answers = [StoredApplication?](repeating: nil, count: batch.count)
        var rows: [NewApplicationRow] = []
        rows.reserveCapacity(batch.count)
        var releases: [(counter: Counter, count: Int)] = []
        for ((counter, indices), first) in zip(counters, firstSequences) {
            var sequence = first
            var unused = 0
            for index in indices {
                let item = batch[index]
                if let key = item.idempotencyKey, let found = existing[Self.keyed(item.tenant.value, key)] {
                    answers[index] = found.answer(to: item)
                    unused += 1
                    continue
                }
                let row = NewApplicationRow(
                    id: .timeOrdered(at: item.submittedAt),
                    receiptNumber: ReceiptNumber(year: item.receiptYear, sequence: sequence), application: item)
                sequence += 1
                rows.append(row)
                answers[index] = StoredApplication(
                    id: row.id, receiptNumber: row.receiptNumber, submittedAt: item.submittedAt, created: true)
            }
            if unused > 0 { releases.append((counter, unused)) }
        }
        for (index, first) in repeats {
            let item = batch[index]
            if let key = item.idempotencyKey, let found = existing[Self.keyed(item.tenant.value, key)] {
                answers[index] = found.answer(to: item)
            } else if let answer = answers[first] {
                answers[index] = StoredApplication(
                    id: answer.id, receiptNumber: answer.receiptNumber, submittedAt: answer.submittedAt,
                    created: false, conflict: item.requestDigest != batch[first].requestDigest)
            }
        }
        return Resolution(rows: rows, releases: releases, answers: answers.map { $0! })
    }
}

extension KeyedApplication {
    /// The answer to a submission that repeats this application's idempotency key. An application
    /// stored without a digest (before migration 0002) cannot show that the repeat carries the same
    /// answers, so it is a conflict: a reused key must not reveal another submission's 照会キー.
    fileprivate func answer(to item: PendingApplication) -> StoredApplication {
        StoredApplication(
            id: id, receiptNumber: receiptNumber, submittedAt: submittedAt, created: false,
            conflict: requestDigest.map { $0 != item.requestDigest } ?? true)
    }
}
