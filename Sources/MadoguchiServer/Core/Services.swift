import Crypto
import Fluent
import Foundation
import MadoguchiDomain
import Vapor

/// Everything the routes need, built once at boot and reached through `app.madoguchi` / `req.madoguchi`.
/// A class: a request reads it several times, and each read of a struct this size copied every member.
public final class MadoguchiServices: Sendable {
    public let config: AppConfig
    public let catalog: Catalog
    /// The hand-off layouts (Catalog/handoff/), read and checked once at start-up.
    let handOffLayouts: HandOffCatalog
    /// The catalog YAML of each procedure (for the versioned snapshot).
    let catalogSources: [String: String]
    public let municipalities: MunicipalityDirectory
    /// Each municipality's offer (its procedures, its 担当課), computed once at boot.
    let offered: [LocalGovernmentCode: Catalog]
    public let clock: any WallClock
    let secret: SymmetricKey
    let intake: IntakeService
    /// The database's single writer: intake batches, and every other write in its turn.
    var writer: any DatabaseWriter { intake.writer }
    let attachments: AttachmentStore
    let uploads: UploadAllowance
    let formSealer: FormStateSealer
    let passwordHasher: PasswordHasher
    let staffSecrets: StaffSecrets
    /// Seals and opens 個人番号 at rest.
    let numberVault: NumberVault
    /// Records page views in the audit log, many to a commit.
    let audit: AuditBatcher

    init(
        config: AppConfig, catalog: Catalog, handOffLayouts: HandOffCatalog, catalogSources: [String: String],
        municipalities: MunicipalityDirectory,
        offered: [LocalGovernmentCode: Catalog], clock: any WallClock, secret: SymmetricKey, intake: IntakeService,
        attachments: AttachmentStore, formSealer: FormStateSealer, passwordHasher: PasswordHasher,
        audit: AuditBatcher
    ) {
        self.config = config
        self.catalog = catalog
        self.handOffLayouts = handOffLayouts
        self.catalogSources = catalogSources
        self.municipalities = municipalities
        self.offered = offered
        self.clock = clock
        self.secret = secret
        self.intake = intake
        self.attachments = attachments
        self.uploads = UploadAllowance(bytesPerHour: config.uploadBytesPerHour, secret: secret)
        self.formSealer = formSealer
        self.passwordHasher = passwordHasher
        self.staffSecrets = StaffSecrets(secret: secret)
        self.numberVault = intake.numberVault
        self.audit = audit
    }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = MadoguchiServices
    }

    public var madoguchi: MadoguchiServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var madoguchi: MadoguchiServices { application.madoguchi }

    /// The municipality this request reached (set by `TenantMiddleware`).
    var municipality: Municipality {
        get throws {
            guard let municipality = storage[MunicipalityKey.self] else { throw AppError.unknownMunicipality }
            return municipality
        }
    }

    /// The procedures this municipality offers (worked out for every municipality at start-up).
    var offeredCatalog: Catalog {
        get throws {
            guard let offered = madoguchi.offered[try municipality.code] else { throw AppError.unknownMunicipality }
            return offered
        }
    }

    struct MunicipalityKey: StorageKey {
        typealias Value = Municipality
    }
}

extension Request {
    /// The request body, at most `max` bytes (more → 413). A body that arrived with the request head
    /// (every form and JSON submission of ordinary size) is already held by the server and read
    /// as it is; only a longer one is collected from the stream, which costs two trips to the
    /// request's event loop.
    /// The most a body without files may carry (the API's JSON, a form posted url-encoded): a
    /// whole application is a few kilobytes; parsing twenty megabytes of keys would take seconds
    /// and a gigabyte of memory.
    static let maxTextBodyBytes = 1_048_576

    func bodyBytes(max: Int) async throws -> ByteBuffer {
        if let held = body.data {
            guard held.readableBytes <= max else { throw Abort(.payloadTooLarge) }
            return held
        }
        return try await body.collect(max: max).get() ?? ByteBuffer()
    }
}
