import Foundation
import Logging
import MadoguchiDomain
import SQLKit
import Vapor

/// Delivers the outbox: claims the notices that are due (a claim lasts five minutes, so another
/// server leaves them alone, and one that died holding them gives them back), sends each, and
/// records what happened. A temporary failure (the server down, 4xx) is tried again later, each
/// time waiting twice as long, up to an hour; a permanent one (5xx) is given up and kept with its
/// code; after three days of failures a notice is given up too. Staff never wait for it.
struct OutboxDelivery: Sendable {
    let transport: any MailTransport
    let from: MailAddress
    /// Where the Message-ID is made (`<notice-id@host>`): the same id for every attempt of a notice.
    let messageHost: String
    let logger: Logger

    static let claimFor: TimeInterval = 300
    static let giveUpAfter: TimeInterval = 3 * 86400
    static let batch = 20

    struct Summary: Sendable, Equatable {
        var sent = 0
        var retrying = 0
        var failed = 0
    }

    struct Due: Sendable {
        var id: UUID
        var tenant: String
        var application: UUID
        var kind: Outbox.Kind
        var recipient: String
        var attempts: Int
        var createdAt: Date
    }

    /// Delivers what is due now; returns what became of it.
    func deliverDue(_ app: Application) async throws -> Summary {
        let services = app.madoguchi
        let now = services.clock.now()
        let due = try await services.writer.transaction(on: app.db) { db in try await Self.claim(at: now, on: db.sql) }
        var summary = Summary()
        for notice in due {
            do {
                try await transport.send(try await message(for: notice, app: app, at: now))
                try await record(notice.id, sentAt: services.clock.now(), app: app)
                summary.sent += 1
            } catch let error as MailError where error.isPermanent && ![530, 535].contains(error.code ?? 0) {
                logger.error("notice \(notice.id) given up: the mail server refused it (\(error.code ?? 0))")
                try await record(notice.id, failedAt: now, error: "\(error.code ?? 0)", app: app)
                summary.failed += 1
            } catch {
                let code = (error as? MailError)?.code.map(String.init) ?? "unreachable"
                if now.timeIntervalSince(notice.createdAt) > Self.giveUpAfter {
                    logger.error("notice \(notice.id) given up after three days of failures (\(code))")
                    try await record(notice.id, failedAt: now, error: code, app: app)
                    summary.failed += 1
                } else {
                    let wait = min(60 * pow(2, Double(max(notice.attempts - 1, 0))), 3600)
                    logger.warning("notice \(notice.id) not delivered (\(code)); next try in \(Int(wait)) s")
                    try await retry(notice.id, at: now.addingTimeInterval(wait), error: code, app: app)
                    summary.retrying += 1
                }
            }
        }
        return summary
    }

    static func claim(at now: Date, on sql: any SQLDatabase) async throws -> [Due] {
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw(
            """
            SELECT id, tenant_code, application_id, kind, recipient, attempts, created_at FROM outbox
            WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(bind: now)
            AND (claimed_until IS NULL OR claimed_until <= \(bind: now))
            ORDER BY next_attempt_at LIMIT \(literal: batch)\(lock)
            """
        ).all()
        var due: [Due] = []
        for row in rows {
            guard let kind = Outbox.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let id = try row.decode(column: "id", as: UUID.self)
            try await sql.raw(
                """
                UPDATE outbox SET claimed_until = \(bind: now.addingTimeInterval(claimFor)), attempts = attempts + 1
                WHERE id = \(bind: id)
                """
            ).run()
            due.append(
                Due(
                    id: id, tenant: try row.decode(column: "tenant_code", as: String.self),
                    application: try row.decode(column: "application_id", as: UUID.self), kind: kind,
                    recipient: try row.decode(column: "recipient", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self) + 1,
                    createdAt: try row.decode(column: "created_at", as: Date.self)))
        }
        return due
    }

    /// The message of a notice, from the template in force and the application's public facts.
    func message(for notice: Due, app: Application, at now: Date) async throws -> MailMessage {
        let services = app.madoguchi
        let sql = app.db.sql
        guard
            let row = try await sql.raw(
                "SELECT receipt_number, procedure_id FROM applications WHERE id = \(bind: notice.application)"
            ).first()
        else { throw MailError.permanent(code: 0, text: "the application is gone") }
        let procedureID = try row.decode(column: "procedure_id", as: String.self)
        let municipality = LocalGovernmentCode(notice.tenant).flatMap { services.municipalities.municipality(code: $0) }
        let procedure = services.catalog.procedure(procedureID)
        let template = try await NotificationTemplate.find(
            tenant: notice.tenant, procedure: procedureID, kind: notice.kind, on: sql)
        let host = municipality?.hosts.first
        let (subject, body) = template.render([
            "{municipality}": municipality?.name.ja ?? "",
            "{procedure}": procedure?.name.ja ?? procedureID,
            "{receipt_number}": try row.decode(column: "receipt_number", as: String.self),
            "{status_url}": host.map { "https://\($0)\(SiteURL.status.path)" } ?? SiteURL.status.path,
        ])
        return MailMessage(
            from: MailAddress(from.address, displayName: municipality?.name.ja ?? from.displayName),
            to: MailAddress(notice.recipient), subject: subject, textBody: body,
            messageID: MailMessage.messageID(for: notice.id, host: messageHost), date: now)
    }

    private func record(_ id: UUID, sentAt: Date, app: Application) async throws {
        try await app.madoguchi.writer.transaction(on: app.db) { db in
            try await db.sql.raw(
                "UPDATE outbox SET sent_at = \(bind: sentAt), claimed_until = NULL, last_error = NULL WHERE id = \(bind: id)"
            ).run()
        }
    }

    private func record(_ id: UUID, failedAt: Date, error: String, app: Application) async throws {
        try await app.madoguchi.writer.transaction(on: app.db) { db in
            try await db.sql.raw(
                """
                UPDATE outbox SET failed_at = \(bind: failedAt), claimed_until = NULL, last_error = \(bind: error)
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    private func retry(_ id: UUID, at next: Date, error: String, app: Application) async throws {
        try await app.madoguchi.writer.transaction(on: app.db) { db in
            try await db.sql.raw(
                """
                UPDATE outbox SET next_attempt_at = \(bind: next), claimed_until = NULL, last_error = \(bind: error)
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }
}

/// Runs the delivery every few seconds while the server runs (when SMTP is configured).
final class OutboxDeliverer: LifecycleHandler, @unchecked Sendable {
    let delivery: OutboxDelivery
    private var task: Task<Void, Never>?

    init(delivery: OutboxDelivery) {
        self.delivery = delivery
    }

    func didBootAsync(_ application: Application) async throws {
        let delivery = self.delivery
        task = Task {
            while !Task.isCancelled {
                do {
                    _ = try await delivery.deliverDue(application)
                } catch {
                    application.logger.error("outbox delivery: \(String(reflecting: type(of: error)))")
                }
                try? await Task.sleep(for: .seconds(3))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}
