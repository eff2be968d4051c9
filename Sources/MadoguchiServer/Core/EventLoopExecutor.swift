import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop, as an actor's executor and as a task's
/// preferred executor.
///
/// The intake writer runs on it: every database round trip of a batch completes its future on this
/// loop, and the writer resumes right there instead of hopping to the shared cooperative pool,
/// where it would queue behind the validation work of the requests in flight.
final class EventLoopExecutor: SerialExecutor, TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(
                isolatedTo: self.asUnownedSerialExecutor(), taskExecutor: self.asUnownedTaskExecutor())
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        eventLoop.preconditionInEventLoop()
    }
}

extension EventLoop {
    /// Like `makeFutureWithTask`, with the task running on `executor` rather than the shared pool.
    func makeFutureWithTask<Value: Sendable>(
        on executor: EventLoopExecutor, _ body: @escaping @Sendable () async throws -> Value
    ) -> EventLoopFuture<Value> {
        let promise = makePromise(of: Value.self)
        Task(executorPreference: executor) {
            do {
                promise.succeed(try await body())
            } catch {
                promise.fail(error)
            }
        }
        return promise.futureResult
    }
}
