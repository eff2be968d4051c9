import Foundation
import MadoguchiDomain
import Vapor

/// Entry points of the pull: one poll now (`madoguchi pull`, tests), or a poll every interval while
/// the server runs.
public enum PortalPull {
    /// The puller the configuration describes, for the default municipality.
    static func puller(_ app: Application, api: (any PortalAPI)? = nil) throws -> PortalPuller {
        let services = app.madoguchi
        guard let municipality = services.municipalities.defaultCode.flatMap(services.municipalities.municipality)
        else { throw ConfigurationFailure(description: "no default municipality to pull for") }
        let chosen: any PortalAPI
        if let api {
            chosen = api
        } else {
            guard let pull = services.config.portalPull else {
                throw ConfigurationFailure(description: "the pull is not configured: set MADOGUCHI_PORTAL_URL")
            }
            chosen = HTTPPortalAPI(base: pull.base, user: pull.user, password: pull.password, client: app.client)
        }
        return PortalPuller(
            api: chosen, importer: try PortalImporter(services: services, database: app.db),
            municipality: municipality)
    }

    /// Polls once; nil if another server is polling now.
    public static func once(_ app: Application) async throws -> PortalImportBatch.Summary? {
        try await puller(app).pollOnce()
    }
}

/// Polls マイナポータル every interval while the server runs (when the pull is configured).
final class PortalPoller: LifecycleHandler, @unchecked Sendable {
    let interval: TimeInterval
    private var task: Task<Void, Never>?

    init(interval: TimeInterval) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        let interval = interval
        let puller = try PortalPull.puller(application)
        task = Task {
            while !Task.isCancelled {
                do {
                    if let summary = try await puller.pollOnce() {
                        application.logger.info("portal pull: \(summary.lines.joined(separator: ", "))")
                    }
                } catch {
                    application.logger.error("portal pull failed: \(String(describing: error).prefix(200))")
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}
