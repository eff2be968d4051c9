import Fluent
import Foundation
import MadoguchiDomain
import SQLKit
import Testing
import VaporTesting

@testable import MadoguchiServer

/// Migrations are history: each must run on the database as it was when it landed, on both kinds.
@Suite struct MigrationTests {
    /// The tables of the current schema, by name (SQLite's catalog or PostgreSQL's search path).
    static func tables(_ app: Application) async throws -> Set<String> {
        let sql = try #require(app.db as? any SQLDatabase)
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    @Test func anEmptyDatabaseMigratesFromZeroRevertsAndMigratesAgain() async throws {
        try await withMadoguchi(migrate: false) { app in
            // given: nothing at all
            #expect(try await Self.tables(app).intersection(["applications", "municipalities"]).isEmpty)
            // when
            try await app.autoMigrate()
            // then: every table is there
            let migrated = try await Self.tables(app)
            for table in [
                "municipalities", "departments", "applications", "application_events", "receipt_counters",
                "drafts", "procedure_versions", AttachmentFiles.table, UploadAllowance.table,
            ] {
                #expect(migrated.contains(table), "\(table)")
            }
            // and: each migration reverts, and the whole history runs again
            try await app.autoRevert()
            #expect(try await Self.tables(app).intersection(["applications", AttachmentFiles.table]).isEmpty)
            try await prepareDatabase(app)
            #expect(try await Self.tables(app).isSuperset(of: migrated))
        }
    }

    @Test func theAttachmentFilesMigrationReadsTheApplicationsStoredBeforeIt() async throws {
        try await withMadoguchi(migrate: false) { app in
            // given: the database as 0003 left it, with one application referring to a file
            let migrations = Migrations.all
            for migration in migrations.prefix(3) { try await migration.prepare(on: app.db).get() }
            let sql = try #require(app.db as? any SQLDatabase)
            let digest = String(repeating: "ab", count: 32)
            let data = #"{"photo":{"filename":"a.pdf","sha256":"\#(digest)","size":3}}"#
            try await sql.raw(
                "INSERT INTO municipalities (code, name_ja, name_en) VALUES ('990019', 'デモ市', 'Demo City')"
            ).run()
            try await sql.raw(
                """
                INSERT INTO applications (id, tenant_code, receipt_number, procedure_id, procedure_version, channel,
                status, data, submitted_at, request_digest) VALUES (\(bind: UUID()), '990019', '2026-000001-5',
                'ninshin-todoke', '2026-01-01', 'web', 'received', \(bind: data), \(bind: testNow), 'x')
                """
            ).run()
            // when: the rest of the history runs
            for migration in migrations.dropFirst(3) { try await migration.prepare(on: app.db).get() }
            // then: the file is recorded as used
            let rows = try await sql.raw("SELECT sha256, tenant_code FROM attachment_files").all()
            #expect(rows.count == 1)
            #expect(try rows.first?.decode(column: "sha256", as: String.self) == digest)
        }
    }
}
