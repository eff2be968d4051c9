import Fluent
import NIOPosix
import Vapor

/// The intake writer's own connection, event loop and blocking thread, apart from the pool that
/// serves requests.
///
/// A batch makes several round trips (BEGIN, idempotency lookup, numbering, two INSERTs, COMMIT),
/// each a hop to a blocking thread and back. On the shared event loops, busy with HTTP and behind
/// every request's validation, each hop waited ~1 ms for a CPU under load and a batch took ~10 ms.
/// Threads that only the writer uses sleep between hops, so the scheduler runs them as soon as they
/// wake.
///
/// Exactly one blocking thread: SQLite statements sent on the writer's connection run in the order
/// they were sent, which the pipelined batch (`BatchWrite`) relies on.
final class WriterDatabase: LifecycleHandler, Sendable {
    let eventLoopGroup: MultiThreadedEventLoopGroup
    let threadPool: NIOThreadPool
    let databases: Databases
    let database: any Database
    let executor: EventLoopExecutor

    init(configuration: DatabaseConfigurationFactory, id: DatabaseID, logger: Logger) {
        eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: eventLoopGroup)
        databases.use(configuration, as: id, isDefault: true)
        let loop = eventLoopGroup.next()
        database = databases.database(logger: logger, on: loop)!
        executor = EventLoopExecutor(loop)
    }

    func shutdownAsync(_ application: Application) async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
        try? await eventLoopGroup.shutdownGracefully()
    }
}
