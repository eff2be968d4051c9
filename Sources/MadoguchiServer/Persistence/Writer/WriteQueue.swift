import Logging

/// The submissions waiting for a writer, and what becomes of a written batch.
struct WriteQueue: ~Copyable {
    struct Entry {
        var application: PendingApplication
        var answer: WriterAnswer
        /// Set once it was in a batch that failed: it is then written in a batch of its own.
        var alone = false
    }

    private var pending: [Entry] = []
    let maxBatch: Int

    init(maxBatch: Int) {
        self.maxBatch = maxBatch
    }

    var isEmpty: Bool { pending.isEmpty }
    var count: Int { pending.count }

    mutating func append(_ application: PendingApplication, _ answer: @escaping WriterAnswer) {
        pending.append(Entry(application: application, answer: answer))
    }

    /// The next batch: what is waiting, up to `maxBatch`, or one application alone that failed in a
    /// batch before.
    mutating func next() -> [Entry]? {
        guard let first = pending.first else { return nil }
        let count = first.alone ? 1 : pending.prefix(maxBatch).prefix { !$0.alone }.count
        if count == pending.count {
            // The usual case: everything waiting. Taken whole, not copied entry by entry.
            var entries: [Entry] = []
            swap(&entries, &pending)
            pending.reserveCapacity(entries.count)
            return entries
        }
        let entries = Array(pending.prefix(count))
        pending.removeFirst(count)
        return entries
    }

    /// Answers the callers of a written batch; returns the entries to write again instead. A failed
    /// batch is not failed as a whole: one bad apple (an idempotency key raced in from another
    /// server) must not fail the others, so each is written once more on its own (`retry`), and a
    /// retried duplicate then finds the committed application. Called without the writer's lock:
    /// the answers do a little work (the API makes its response in them).
    static func answer(
        _ entries: [Entry], _ outcome: Result<[StoredApplication], any Error>, logger: Logger
    )
        -> [Entry]
    {
        switch outcome {
        case .success(let stored):
            for (entry, result) in zip(entries, stored) { entry.answer(.success(result)) }
            return []
        case .failure(let error) where entries.allSatisfy(\.alone):
            for entry in entries { entry.answer(.failure(error)) }
            return []
        case .failure(let error):
            logger.warning(
                "batch of \(entries.count) failed; each is written again on its own: \(String(reflecting: type(of: error)))"
            )
            return entries.map { Entry(application: $0.application, answer: $0.answer, alone: true) }
        }
    }

    /// Puts the entries of a failed batch back in front, each to be written on its own.
    mutating func retry(_ entries: [Entry]) {
        pending.insert(contentsOf: entries, at: 0)
    }

    /// Fails every caller waiting.
    mutating func failAll(_ error: any Error) {
        let failed = pending
        pending = []
        for entry in failed { entry.answer(.failure(error)) }
    }
}
