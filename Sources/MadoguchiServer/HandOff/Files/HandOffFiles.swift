import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// `madoguchi handoff-files`, run by cron or a systemd timer: for every municipality (or one), a
/// CSV file of each procedure that has applications waiting, into the hand-off folder
/// (MADOGUCHI_HANDOFF_DIR), one folder per 団体コード. The same engine as `madoguchi export`: the
/// same cursors, manifests and crash safety.
public enum HandOffFiles {
    /// One procedure's export: what it wrote, or why it wrote nothing.
    public struct Line: Sendable {
        public var municipality: String
        public var procedure: String
        public var result: Result<HandOffFileExport.Outcome, any Error>
    }

    /// The folder a municipality's files go to.
    public static func folder(for code: LocalGovernmentCode, config: AppConfig) -> URL {
        (config.handOffDirectory ?? config.dataDirectory.appendingPathComponent("handoff"))
            .appendingPathComponent(code.value, isDirectory: true)
    }

    /// Exports every procedure with applications in the hand-off queue; one procedure failing does
    /// not stop the others. `layout` is used where a procedure has one of that name, else its CSV.
    public static func run(
        municipality: String?, layout: String?, encoding: HandOffLayout.Encoding?, actor: String, app: Application
    ) async throws -> [Line] {
        let directory = app.madoguchi.municipalities
        let municipalities: [Municipality]
        if let municipality {
            guard let code = LocalGovernmentCode(municipality), let found = directory.municipality(code: code) else {
                throw HandOffFileExport.Failure.unknownMunicipality(municipality)
            }
            municipalities = [found]
        } else {
            municipalities = directory.municipalities
        }
        let services = app.madoguchi
        let layouts = services.handOffLayouts
        var lines: [Line] = []
        for municipality in municipalities {
            let procedures = try await app.db.sql.raw(
                """
                SELECT DISTINCT procedure_id FROM handoff_queue WHERE tenant_code = \(bind: municipality.code.value)
                ORDER BY procedure_id
                """
            ).all().map { try $0.decode(column: "procedure_id", as: String.self) }
            for procedure in procedures {
                let hasLayout =
                    services.catalog.procedure(procedure).map { found in
                        layouts.layouts(for: found).contains { $0.name == layout }
                    } == true
                let request = HandOffFileExport.Request(
                    procedureID: procedure, municipality: municipality.code.value, format: hasLayout ? nil : .csv,
                    layout: hasLayout ? layout : nil, encoding: encoding,
                    folder: folder(for: municipality.code, config: services.config), actor: actor)
                let result: Result<HandOffFileExport.Outcome, any Error>
                do {
                    result = .success(try await HandOffFileExport.run(request, app: app))
                } catch {
                    result = .failure(error)
                }
                lines.append(Line(municipality: municipality.code.value, procedure: procedure, result: result))
            }
        }
        return lines
    }
}
