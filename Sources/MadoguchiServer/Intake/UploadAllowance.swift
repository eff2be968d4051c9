import Crypto
import Foundation
import MadoguchiDomain
import SQLKit

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
        let digest = mac.prefix(16).map { String(format: "%02x", $0) }.joined()
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
