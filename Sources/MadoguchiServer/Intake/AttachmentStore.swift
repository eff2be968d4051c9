import Crypto
import Foundation
import MadoguchiDomain

/// 添付ファイル: stored on disk under the data folder, content-addressed by SHA-256 (`ab/cd/abcd…`),
/// never overwritten, written and fsynced before any application refers to them.
///
/// Inputs carry a token (the reference, encrypted and authenticated), so a form can refer only to
/// files the server itself stored and described.
struct AttachmentStore: Sendable {
    let directory: URL
    let secret: SymmetricKey
    /// Files are refused once storing one would leave less free space than this on the store's
    /// volume: a full disk must not reach the database (usually on the same volume) or the logs.
    var minimumFreeBytes: Int = 0
    private let tokens: SealedToken

    init(directory: URL, secret: SymmetricKey, minimumFreeBytes: Int = 0) {
        self.directory = directory
        self.secret = secret
        self.minimumFreeBytes = minimumFreeBytes
        tokens = SealedToken(purpose: "attachment-token", secret: secret)
    }

    func path(for sha256: String) -> URL {
        directory.appendingPathComponent(String(sha256.prefix(2)))
            .appendingPathComponent(String(sha256.dropFirst(2).prefix(2)))
            .appendingPathComponent(sha256)
    }

    enum Failure: Error {
        case unsupportedKind
        case empty
        case storageFull
    }

    /// Stores the bytes (if not already there) and returns the reference.
    func store(_ bytes: [UInt8], filename: String) throws -> AttachmentReference {
        guard !bytes.isEmpty else { throw Failure.empty }
        guard let kind = AttachmentReference.kind(ofContentStartingWith: bytes) else { throw Failure.unsupportedKind }
        let digest = SHA256Hex.of(bytes)
        let target = path(for: digest)
        if !FileManager.default.fileExists(atPath: target.path) {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard let free = Self.freeBytes(on: target.deletingLastPathComponent()),
                free - bytes.count >= minimumFreeBytes
            else { throw Failure.storageFull }
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
            // Never overwrite: if another request stored the same content meanwhile, keep theirs.
            if link(temporary.path, target.path) != 0 && errno != EEXIST {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
            try? FileManager.default.removeItem(at: temporary)
            Self.syncDirectory(target.deletingLastPathComponent())
        }
        let name = String(filename.split(separator: "/").last ?? "file").prefix(120)
        return AttachmentReference(sha256: digest, size: bytes.count, kind: kind, filename: String(name))
    }

    /// The space left to unprivileged writers on the volume of `folder` (nil if it cannot be read).
    private static func freeBytes(on folder: URL) -> Int? {
        var stats = statvfs()
        guard statvfs(folder.path, &stats) == 0 else { return nil }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    private static func syncDirectory(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The token a form input carries for a stored file: its reference encrypted and authenticated
    /// (AES-GCM), so that a page's source does not show the file's name, which often names the
    /// resident (山田太郎_通帳.pdf).
    func token(for reference: AttachmentReference) -> String {
        (try? JSONEncoder().encode(reference)).flatMap { tokens.seal($0) } ?? ""
    }

    /// The reference behind a token, if the token is ours and the file exists. A token made before
    /// tokens were encrypted (signed only: `payload.mac`) is still read, for drafts saved with one.
    func resolve(token: String) -> AttachmentReference? {
        let payload =
            token.contains(".")
            ? SignedToken.open(token, purpose: "attachment", secret: secret)
            : tokens.open(token)
        guard let payload, let reference = try? JSONDecoder().decode(AttachmentReference.self, from: payload),
            FileManager.default.fileExists(atPath: path(for: reference.sha256).path)
        else { return nil }
        return reference
    }
}
