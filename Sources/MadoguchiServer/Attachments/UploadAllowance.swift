import Crypto
import Foundation
import MadoguchiDomain
import SQLKit
import Vapor

/// How much one client may upload to one municipality in an hour (添付ファイルの受付量): without a
/// limit, one client could fill the attachment store's disk, and every resident would then be
/// refused (`AttachmentStore.minimumFreeBytes`) until the unused files are swept two weeks later.
///
/// Counted in the database (`upload_counts`), so every server of a deployment counts together. A
/// client is its address (`ClientAddress`), kept only as an HMAC under the server secret, and only
/// for the current and the previous hour.
struct UploadAllowance: Sendable {
    static let table = "upload_counts"

    /// Bytes per client, municipality and hour; 0: no limit.
    let bytesPerHour: Int
    let secret: SymmetricKey

    /// Counts an upload of `bytes` and answers whether it is within the limit. A refused upload
    /// counts too, so a client that keeps trying waits for the next hour.
    func take(
        _ bytes: Int, client: String?, tenant: LocalGovernmentCode, at now: Date, on database: any SQLDatabase
    ) async throws -> Bool {
        guard bytesPerHour > 0 else { return true }
        let hour = Int(now.timeIntervalSince1970 / 3600)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("upload-client|\(client ?? "unknown")".utf8), using: secret)
        let digest = SHA256Hex.hex(mac.prefix(16))
        try await database.raw("DELETE FROM upload_counts WHERE hour < \(bind: hour - 1)").run()
        let row = try await database.raw(
            """
            INSERT INTO upload_counts (tenant_code, client_digest, hour, bytes) \
            VALUES (\(bind: tenant.value), \(bind: digest), \(bind: hour), \(bind: bytes)) \
            ON CONFLICT (tenant_code, client_digest, hour) DO UPDATE SET bytes = upload_counts.bytes + excluded.bytes \
            RETURNING bytes
            """
        ).first()
        let total = try row?.decode(column: "bytes", as: Int.self) ?? bytes
        return total <= bytesPerHour
    }
}

extension Request {
    /// Who sent the request (`ClientAddress`): the peer, or the client a trusted proxy names.
    var clientAddress: String? {
        ClientAddress.of(
            peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
            trusted: madoguchi.config.trustedProxies)
    }

    /// Counts an upload of `bytes` against this client's hourly allowance (`UploadAllowance`);
    /// false when it is over. On SQLite the count takes a turn between the intake writer's batches.
    func takeUploadAllowance(_ bytes: Int) async throws -> Bool {
        let services = madoguchi
        guard services.uploads.bytesPerHour > 0 else { return true }
        guard let sql = db as? any SQLDatabase else { return true }
        let (client, tenant, now) = (clientAddress, try municipality.code, services.clock.now())
        let taken = try await services.writer.inTurn {
            try await services.uploads.take(bytes, client: client, tenant: tenant, at: now, on: sql)
        }
        // Without the address (personal data): a run of these says someone is pushing files.
        if !taken { logger.warning("upload refused: the client's hourly allowance is used up") }
        return taken
    }
}
