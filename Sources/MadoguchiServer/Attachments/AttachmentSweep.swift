import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Vapor

/// Removes the attachment files that no application refers to and that no token or draft can still
/// bring (`AttachmentStore` says what keeps a file). Runs once a day while the server serves, on
/// every server of a deployment (each run is safe beside the others).
enum AttachmentSweep {
    struct Report: Sendable, Equatable {
        /// Files old enough to be removed if nothing refers to them.
        var examined = 0
        var removed = 0
    }

    static func run(
        store: AttachmentStore, database: any SQLDatabase, threadPool: NIOThreadPool, now: Date
    ) async throws -> Report {
        let cutoff = now.addingTimeInterval(-AttachmentStore.unusedRetention)
        var report = Report()
        // A folder at a time, and the database asked about up to 500 files at once: a store of
        // millions of files is never listed whole in memory.
        var pending: [String] = []
        func sweep(_ chunk: [String]) async throws {
            let referenced = try await referencedDigests(among: chunk, on: database)
            let unreferenced = chunk.filter { !referenced.contains($0) }
            let parked = try await threadPool.runIfActive { unreferenced.filter { store.park($0, before: cutoff) } }
            // An application committed since the first look keeps its file.
            let nowReferenced = try await referencedDigests(among: parked, on: database)
            try await threadPool.runIfActive {
                for digest in parked {
                    if nowReferenced.contains(digest) { store.restore(digest) } else { store.discard(digest) }
                }
            }
            report.removed += parked.count - nowReferenced.count
        }
        for folder in try await threadPool.runIfActive({ store.sweepFolders() }) {
            let candidates = try await threadPool.runIfActive { store.sweepCandidates(in: folder, before: cutoff) }
            report.examined += candidates.count
            pending += candidates
            if pending.count >= 500 {
                try await sweep(pending)
                pending = []
            }
        }
        if !pending.isEmpty { try await sweep(pending) }
        return report
    }

    /// Which of `digests` an application (of any municipality) refers to.
    static func referencedDigests(among digests: [String], on database: any SQLDatabase) async throws -> Set<String> {
        guard !digests.isEmpty else { return [] }
        let rows = try await database.raw(
            "SELECT DISTINCT sha256 FROM attachment_files WHERE sha256 IN (\(binds: digests))"
        ).all()
        return Set(try rows.map { try $0.decode(column: "sha256", as: String.self) })
    }
}

/// Runs `AttachmentSweep` a minute after the server starts and then once a day.
final class AttachmentSweeper: LifecycleHandler, @unchecked Sendable {
    private var task: RepeatedTask?

    func didBoot(_ application: Application) throws {
        let services = application.madoguchi
        let logger = application.logger
        let threadPool = application.threadPool
        let database = application.db
        let loop = application.eventLoopGroup.next()
        task = loop.scheduleRepeatedAsyncTask(initialDelay: .minutes(1), delay: .hours(24)) { _ in
            loop.makeFutureWithTask {
                guard let sql = database as? any SQLDatabase else { return }
                do {
                    let report = try await AttachmentSweep.run(
                        store: services.attachments, database: sql, threadPool: threadPool,
                        now: services.clock.now())
                    logger.info(
                        "attachment sweep: \(report.removed) of \(report.examined) unused files removed")
                } catch {
                    logger.error("attachment sweep failed: \(String(reflecting: type(of: error)))")
                }
            }
        }
    }

    func shutdown(_ application: Application) {
        task?.cancel()
    }
}

/// `madoguchi sweep-attachments`: one sweep now (as the server runs once a day), for a deployment
/// whose servers do not run for days on end, or to run from cron.
public func sweepAttachments(_ app: Application) async throws -> (examined: Int, removed: Int) {
    guard let sql = app.db as? any SQLDatabase else {
        throw ConfigurationFailure(description: "the database is not SQL")
    }
    let report = try await AttachmentSweep.run(
        store: app.madoguchi.attachments, database: sql, threadPool: app.threadPool, now: app.madoguchi.clock.now())
    return (report.examined, report.removed)
}
