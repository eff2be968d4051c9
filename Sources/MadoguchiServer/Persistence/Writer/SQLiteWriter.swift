import Foundation
import Logging
import SQLKit
import Synchronization
import Vapor

/// The SQLite writer: one thread of its own, one connection (`SQLiteWriterConnection`), batches
/// written one after the other. SQLite takes one writer at a time anyway; on its own thread, with
/// prepared statements, a batch costs no thread hop and no query building per statement, and the
/// write lock is held only while the batch is written.
///
/// Callers wait (without blocking a thread) until the transaction holding their application has
/// committed; whatever arrives while a batch is written waits for the next one.
final class SQLiteWriter: DatabaseWriter, LifecycleHandler, @unchecked Sendable {
    private enum State {
        case idle
        case running
        case stopping(CheckedContinuation<Void, Never>?)
        case stopped
    }

    private let path: String
    private let logger: Logger
    private let commitDelay: CommitDelay
    /// Guards the variables below; the writer's thread waits on it.
    private let condition = NSCondition()
    private var queue: WriteQueue
    /// Submissions being prepared (validated) that will come to the queue unless they fail; counted
    /// without the lock.
    private let onTheirWay = Atomic<Int>(0)
    /// The thread is waiting for submissions on their way (`CommitDelay`).
    private var gathering = false
    /// How many the last batch held: more than one means submissions are arriving together.
    private var lastBatchCount = 0
    /// Writers through the request pool waiting for their turn (`inTurn`), in order.
    private var turns: [CheckedContinuation<Void, Never>] = []
    /// A pool writer has its turn: the thread waits until it is over.
    private var turnTaken = false
    private var state = State.idle

    init(path: String, logger: Logger, commitDelay: CommitDelay = .none, maxBatch: Int = 256) {
        self.path = path
        self.logger = logger
        self.commitDelay = commitDelay
        self.queue = WriteQueue(maxBatch: maxBatch)
    }

    /// Opens the connection (so a database that cannot be written stops the server at boot) and
    /// starts the thread.
    func prepare(on database: any SQLDatabase) async throws {
        start(with: try SQLiteWriterConnection(path: path, dialectOf: database))
    }

    private func start(with connection: SQLiteWriterConnection) {
        condition.lock()
        defer { condition.unlock() }
        guard case .idle = state else { return }
        state = .running
        let thread = Thread { [self] in
            Thread.current.name = "intake-writer"  // named from inside: Linux names the running thread
            run(connection)
        }
        thread.start()
    }

    func submit(preparing prepare: () throws -> PendingApplication?, answer: @escaping WriterAnswer) throws -> Bool {
        onTheirWay.add(1, ordering: .relaxed)
        let application: PendingApplication?
        do {
            application = try prepare()
        } catch {
            onTheirWay.subtract(1, ordering: .relaxed)
            throw error
        }
        guard let application else {
            onTheirWay.subtract(1, ordering: .relaxed)
            return false
        }
        condition.lock()
        defer { condition.unlock() }
        onTheirWay.subtract(1, ordering: .relaxed)  // with the lock: on its way until it is queued
        guard case .running = state else {
            answer(.failure(WriterError.notRunning))
            return true
        }
        queue.append(application, answer)
        // While gathering, the thread wakes once for the batch, not once per arrival.
        if !gathering || queue.count >= commitDelay.enough { condition.signal() }
        return true
    }

    func inTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await withCheckedContinuation { turn in takeTurn(turn) }
        defer { endTurn() }
        return try await body()
    }

    private func takeTurn(_ turn: CheckedContinuation<Void, Never>) {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case .running, .stopping:
            turns.append(turn)
            condition.signal()
        case .idle, .stopped:
            // No thread: nothing else writes.
            turn.resume()
        }
    }

    private func endTurn() {
        condition.lock()
        defer { condition.unlock() }
        turnTaken = false
        condition.signal()
    }

    /// Writes what is waiting, then stops the thread.
    func shutdownAsync(_ application: Application) async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            condition.lock()
            defer { condition.unlock() }
            guard case .running = state else {
                stopped.resume()
                return
            }
            state = .stopping(stopped)
            condition.signal()
        }
    }

    private func run(_ connection: SQLiteWriterConnection) {
        condition.lock()
        while true {
            while queue.isEmpty, turns.isEmpty, case .running = state { condition.wait() }
            if !turns.isEmpty {
                // A pool writer's turn, between two batches; the next batch waits until it is over.
                turnTaken = true
                turns.removeFirst().resume()
                while turnTaken { condition.wait() }
                continue
            }
            gather()
            guard let entries = queue.next() else {
                // Stopping, and nothing is left.
                if case .stopping(let stopped) = state { stopped?.resume() }
                state = .stopped
                condition.unlock()
                return
            }
            lastBatchCount = entries.count
            condition.unlock()
            let outcome = Result { try connection.write(entries.map(\.application)) }
            let retry = WriteQueue.answer(entries, outcome, logger: logger)
            condition.lock()
            queue.retry(retry)
        }
    }

    /// Waits, with the lock held, while submissions are arriving together (`CommitDelay`): until
    /// enough are queued or the delay is over. They are when one is being validated right now, or
    /// when the last batch held more than one.
    private func gather() {
        guard commitDelay.maximum > .zero, queue.count < commitDelay.enough,
            lastBatchCount > 1 || onTheirWay.load(ordering: .relaxed) > 0
        else { return }
        let (seconds, attoseconds) = commitDelay.maximum.components
        let deadline = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) * 1e-18)
        gathering = true
        defer { gathering = false }
        while queue.count < commitDelay.enough, turns.isEmpty, case .running = state {
            guard condition.wait(until: deadline) else { return }
        }
    }
}
