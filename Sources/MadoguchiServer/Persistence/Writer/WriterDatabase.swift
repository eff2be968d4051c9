import Fluent
import NIOPosix
import Vapor

/// The PostgreSQL intake writer's own connection and event loop, apart from the pool that serves
/// requests. (The SQLite writer has a thread and a connection of its own: `SQLiteWriter`.)
///
/// On the shared event loops, busy with HTTP, the writer's round trips queued behind request work;
/// on its own loop they do not, and the writer keeps its one connection while it has work. (Most of
/// the gain came from sending a batch's statements together: see `BatchWrite`.)
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
