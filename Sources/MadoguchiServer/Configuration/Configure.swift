import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import MadoguchiDomain
import Vapor

public struct ConfigurationFailure: Error, CustomStringConvertible {
    public var description: String
}

/// Builds the application: catalog, municipalities, database, middleware, routes.
/// Does not touch the database; `prepareDatabase` migrates and syncs it.
public func configure(
    _ app: Application, config: AppConfig, clock: any WallClock = SystemClock(),
    municipalities: MunicipalityDirectory? = nil, postgresSearchPath: [String]? = nil
) throws {
    let loaded = Catalog.load(directory: config.catalogDirectory)
    guard loaded.issues.isEmpty else {
        throw ConfigurationFailure(
            description: "the catalog has problems:\n" + loaded.issues.map(\.description).joined(separator: "\n"))
    }
    let handOff = HandOffCatalog.load(
        directory: config.catalogDirectory.appendingPathComponent(HandOffCatalog.folderName), catalog: loaded.catalog)
    guard handOff.issues.isEmpty else {
        throw ConfigurationFailure(
            description: "the hand-off layouts have problems:\n"
                + handOff.issues.map(\.description).joined(separator: "\n"))
    }
    var sources: [String: String] = [:]
    for procedure in loaded.catalog.procedures {
        let url = config.catalogDirectory.deletingLastPathComponent().appendingPathComponent(procedure.file)
        sources[procedure.id] =
            (try? String(contentsOf: url, encoding: .utf8))
            ?? (try? String(contentsOf: URL(fileURLWithPath: procedure.file), encoding: .utf8)) ?? ""
    }
    let directory = try municipalities ?? config.municipalitiesFile.map(MunicipalityDirectory.load) ?? .demo

    // The intake writer has a connection of its own on the same database.
    let writer: any DatabaseWriter
    switch config.database {
    case .sqlite(let path):
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        let sqliteWriter = SQLiteWriter(
            path: path, logger: app.logger,
            commitDelay: CommitDelay(
                maximum: .microseconds(config.commitDelayMicroseconds), enough: config.commitEnough))
        app.lifecycle.use(sqliteWriter)
        writer = sqliteWriter
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = postgresSearchPath
        // SQL with its bound values (personal data) is logged only at trace, which production must not use.
        app.databases.use(
            .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
        let writerDatabase = WriterDatabase(
            configuration: .postgres(configuration: configuration, maxConnectionsPerEventLoop: 1, sqlLogLevel: .trace),
            id: .psql, logger: app.logger)
        app.lifecycle.use(writerDatabase)
        writer = PostgresWriter(
            database: writerDatabase.database, executor: writerDatabase.executor, logger: app.logger)
    }
    app.migrations.add(Migrations.all)

    let secret = SymmetricKey(data: config.secret)
    guard !config.numberKeys.isEmpty else {
        throw ConfigurationFailure(description: "no key to seal 個人番号 with (MADOGUCHI_NUMBER_KEYS)")
    }
    let attachments = AttachmentStore(
        directory: config.attachmentsDirectory, secret: secret, minimumFreeBytes: config.minimumFreeBytes)
    app.madoguchi = MadoguchiServices(
        config: config, catalog: loaded.catalog, handOffLayouts: handOff.layouts, catalogSources: sources,
        municipalities: directory,
        offered: Dictionary(
            uniqueKeysWithValues: directory.municipalities.map { ($0.code, $0.offered(from: loaded.catalog)) }),
        clock: clock,
        secret: secret,
        intake: IntakeService(
            writer: writer, clock: clock, inquiryKeys: AccessCode.InquiryKeySigner(secret: secret),
            attachments: attachments, numberVault: NumberVault(keys: config.numberKeys)),
        attachments: attachments, formSealer: FormStateSealer(secret: secret),
        passwordHasher: try PasswordHasher(cost: config.passwordCost, threadPool: app.threadPool),
        audit: AuditBatcher(writer: writer, database: app.db))

    if config.mode != .testing {
        // Tests run the sweep and the delivery themselves, at the times they choose.
        app.lifecycle.use(AttachmentSweeper())
        if let pull = config.portalPull { app.lifecycle.use(PortalPoller(interval: pull.interval)) }
        if let smtp = config.smtp, let from = config.mailFrom {
            let transport = try SMTPTransport(configuration: smtp, logger: app.logger)
            app.lifecycle.use(
                OutboxDeliverer(
                    delivery: OutboxDelivery(
                        transport: transport, from: MailAddress(from), messageHost: smtp.clientName,
                        logger: app.logger)))
        } else {
            app.logger.notice("MADOGUCHI_SMTP_HOST is not set: notices to residents wait in the outbox")
        }
    }

    app.middleware = Middlewares()
    // Outermost, so that the error pages and error answers carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorMiddleware())
    app.middleware.use(TenantMiddleware(directory: directory))
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)
    registerRoutes(app, secureCookies: config.mode == .production)
}

/// Migrates the database and records municipalities and catalog versions. Run on every `serve`.
public func prepareDatabase(_ app: Application) async throws {
    if case .sqlite = app.madoguchi.config.database, let sql = app.db as? any SQLDatabase {
        // WAL: readers do not block the writer; synchronous stays FULL (the default), so a commit is on disk.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    try await app.autoMigrate()
    guard let sql = app.db as? any SQLDatabase else {
        throw ConfigurationFailure(description: "the database is not SQL")
    }
    try await app.madoguchi.intake.writer.prepare(on: sql)
    try await syncMunicipalities(app.madoguchi.municipalities, on: app.db)
    try await AuditLog.ensureHeads(app.madoguchi.municipalities.municipalities.map(\.code), on: sql)
    try await DraftRecord.purgeExpired(now: app.madoguchi.clock.now(), on: app.db)
    try await ProcedureVersions.register(
        app.madoguchi.catalog, sources: app.madoguchi.catalogSources,
        strict: app.madoguchi.config.mode == .production, logger: app.logger, on: app.db)
    try await InboxProjection.fillMissing(app)
    _ = try await NumberSealing.run(app, unmarkedOnly: true)
}

func syncMunicipalities(_ directory: MunicipalityDirectory, on db: any Database) async throws {
    for municipality in directory.municipalities {
        let code = municipality.code.value
        if let record = try await MunicipalityRecord.find(code, on: db) {
            record.nameJa = municipality.name.ja
            record.nameEn = municipality.name.en
            try await record.save(on: db)
        } else {
            try await MunicipalityRecord(code: code, nameJa: municipality.name.ja, nameEn: municipality.name.en)
                .create(on: db)
        }
        let existing = Set(
            try await DepartmentRecord.query(on: db).filter(\.$tenantCode == code).all().map(\.name))
        for name in municipality.departments where !existing.contains(name) {
            try await DepartmentRecord(tenantCode: code, name: name).create(on: db)
        }
    }
}
