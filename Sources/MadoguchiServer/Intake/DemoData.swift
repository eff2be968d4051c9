import Foundation
import MadoguchiDomain
import Vapor

/// `madoguchi demo-data`: fills a municipality with sample applications (every procedure in turn),
/// made through the same intake as real ones, so a demo or a load test starts from realistic data.
public enum DemoData {
    public static func create(count: Int, app: Application) async throws -> [String] {
        let services = app.madoguchi
        guard let code = services.municipalities.defaultCode ?? services.municipalities.municipalities.first?.code,
            let municipality = services.municipalities.municipality(code: code)
        else { return [] }
        let catalog = municipality.offered(from: services.catalog)
        guard !catalog.procedures.isEmpty else { return [] }
        let pdf = Array("%PDF-1.4\n% Madoguchi demo attachment\n%%EOF\n".utf8)
        let now = services.clock.now()
        let token = services.attachments.token(
            for: try services.attachments.store(pdf, filename: "demo.pdf", now: now), issuedAt: now, tenant: code)
        let today = JapanCalendar.civilDate(of: services.clock.now())
        var numbers: [String] = []
        for index in 0..<count {
            let procedure = catalog.procedures[index % catalog.procedures.count]
            let input = SampleInput.make(for: procedure, today: today, attachmentToken: token)
            let outcome = try await services.intake.submit(
                procedure, input: input, municipality: municipality,
                channel: IntakeChannel.allCases[index % IntakeChannel.allCases.count], idempotencyKey: nil)
            if case .stored(let receipt) = outcome { numbers.append(receipt.receiptNumber.description) }
        }
        return numbers
    }
}
