import Fluent
import Foundation
import MadoguchiDomain
import SQLKit

/// 住民記録: a municipality's copy of the resident-register extract, kept to identify applicants
/// (by certificate serial number, `CertificateSerials`) and to show staff the register's name
/// beside the certificate's. Imported from the core system's CSV, full or incremental; importing
/// the same file twice changes nothing the second time.
enum ResidentRegister {
    struct Summary: Sendable, Equatable {
        var inserted = 0
        var updated = 0
        var ended = 0
        var unchanged = 0
        /// The rows not taken, with their line and reason (no personal data).
        var errors: [String] = []
        var endingsWithheld = false

        var lines: [String] {
            ["added: \(inserted)", "changed: \(updated)", "ended: \(ended)", "unchanged: \(unchanged)"]
                + (endingsWithheld ? ["nobody ended: the full file had errors or no rows"] : [])
                + errors.map { "error: \($0)" }
        }
    }

    /// Imports an extract for `tenant` as of `asOf`.
    static func importFile(
        _ bytes: [UInt8], encoding: RegisterTextEncoding, kind: ImportKind?, asOf: CivilDate,
        tenant: LocalGovernmentCode, services: MadoguchiServices, on database: any Database
    ) async throws -> Summary {
        let text = try encoding.decode(bytes)
        let file: ResidentRegisterFile
        do { file = try ResidentRegisterFile.parse(text, kind: kind) } catch {
            throw RegisterTextEncoding.Unreadable(description: error.message.en)
        }
        let digest = SHA256Hex.of(bytes)
        let now = services.clock.now()
        return try await services.writer.transaction(on: database) { db in
            let sql = db.sql
            let current = try await load(tenant: tenant, only: file.kind == .full ? nil : file.atenaNumbers, on: sql)
            let plan = ResidentImportPlan.make(file: file, current: current, asOf: asOf)
            var summary = Summary(
                unchanged: plan.unchanged, errors: plan.errors.map { "line \($0.line): \($0.message.en)" },
                endingsWithheld: plan.endingsWithheld)
            for change in plan.changes {
                switch change {
                case .insert(let record, _, _):
                    try await upsert(record, tenant: tenant, at: now, on: sql)
                    summary.inserted += 1
                    try await log(change: "insert", record.atenaNumber, fields: "", digest, tenant, now, sql)
                case .update(_, let record, _, let fields):
                    try await upsert(record, tenant: tenant, at: now, on: sql)
                    summary.updated += 1
                    try await log(
                        change: "update", record.atenaNumber, fields: fields.map(\.rawValue).joined(separator: ","),
                        digest, tenant, now, sql)
                case .end(let record, _):
                    try await sql.raw(
                        """
                        UPDATE residents SET ended_on = \(bind: asOf.iso), updated_at = \(bind: now)
                        WHERE tenant_code = \(bind: tenant.value) AND atena_number = \(bind: record.atenaNumber.digits)
                        """
                    ).run()
                    summary.ended += 1
                    try await log(change: "end", record.atenaNumber, fields: "", digest, tenant, now, sql)
                }
            }
            try await AuditLog.append(
                .registerImported, actor: "import", target: "residents",
                detail: "sha256=\(digest);added=\(summary.inserted);changed=\(summary.updated);ended=\(summary.ended)",
                tenant: tenant, at: now, on: sql)
            return summary
        }
    }

    /// The current records of `tenant` (only those numbers when given).
    static func load(
        tenant: LocalGovernmentCode, only numbers: Set<AtenaNumber>?, on sql: any SQLDatabase
    ) async throws -> [AtenaNumber: ResidentRecord] {
        var found: [AtenaNumber: ResidentRecord] = [:]
        let base: SQLQueryString = """
            SELECT atena_number, name, furigana, birth_date, sex, address, household_number FROM residents
            WHERE tenant_code = \(bind: tenant.value) AND ended_on IS NULL
            """
        let batches: [[String]?] =
            numbers.map { set in
                let sorted = set.map(\.digits).sorted()
                return stride(from: 0, to: sorted.count, by: 500).map {
                    Array(sorted[$0..<min($0 + 500, sorted.count)])
                }
            } ?? [nil]
        for batch in batches {
            if let batch, batch.isEmpty { continue }
            var query = base
            if let batch { query += " AND atena_number IN (\(binds: batch))" }
            for row in try await sql.raw(query).all() {
                guard let atena = AtenaNumber(try row.decode(column: "atena_number", as: String.self)),
                    let birth = CivilDate(iso: try row.decode(column: "birth_date", as: String.self)),
                    let sex = Sex(rawValue: try row.decode(column: "sex", as: Int.self))
                else { continue }
                found[atena] = ResidentRecord(
                    atenaNumber: atena, name: try row.decode(column: "name", as: String.self),
                    furigana: try row.decode(column: "furigana", as: String.self), birthDate: birth, sex: sex,
                    address: try row.decode(column: "address", as: String.self),
                    householdNumber: try row.decode(column: "household_number", as: String?.self))
            }
        }
        return found
    }

    /// Whether the municipality keeps a register here (a prefecture's deployment has none).
    static func isKept(tenant: LocalGovernmentCode, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT atena_number FROM residents WHERE tenant_code = \(bind: tenant.value) LIMIT 1")
            .first() != nil
    }

    private static func upsert(
        _ record: ResidentRecord, tenant: LocalGovernmentCode, at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO residents (tenant_code, atena_number, name, furigana, birth_date, sex, address, household_number, \
            ended_on, updated_at) VALUES (\(bind: tenant.value), \(bind: record.atenaNumber.digits), \(bind: record.name), \
            \(bind: record.furigana), \(bind: record.birthDate.iso), \(bind: record.sex.rawValue), \(bind: record.address), \
            \(bind: record.householdNumber), NULL, \(bind: now))
            ON CONFLICT (tenant_code, atena_number) DO UPDATE SET name = excluded.name, furigana = excluded.furigana, \
            birth_date = excluded.birth_date, sex = excluded.sex, address = excluded.address, \
            household_number = excluded.household_number, ended_on = NULL, updated_at = excluded.updated_at
            """
        ).run()
    }

    private static func log(
        change: String, _ atena: AtenaNumber, fields: String, _ digest: String, _ tenant: LocalGovernmentCode,
        _ now: Date, _ sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO resident_changes (id, tenant_code, atena_number, change, fields, file_sha256, changed_at)
            VALUES (\(bind: UUID.timeOrdered(at: now)), \(bind: tenant.value), \(bind: atena.digits), \(bind: change), \
            \(bind: fields), \(bind: digest), \(bind: now))
            """
        ).run()
    }
}
