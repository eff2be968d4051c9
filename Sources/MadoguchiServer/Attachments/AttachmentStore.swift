import Crypto
import Foundation
import MadoguchiDomain

/// 添付ファイル: stored on disk under the data folder, content-addressed by SHA-256 (`ab/cd/abcd…`),
/// never overwritten, written and fsynced before any application refers to them.
///
/// Inputs carry a token (the reference, encrypted and authenticated), so a form can refer only to
/// files the server itself stored and described.
///
/// Files nobody submitted are removed (`AttachmentSweep`): an uploaded 通帳 or 本人確認書類 is personal
/// data, and a resident who gives up halfway leaves it behind. What keeps a file:
/// - an application that refers to it (a row of `attachment_files`, written in the application's
///   transaction);
/// - its modification time, which says until when a token or a draft may still bring it: a token is
///   good for `tokenLifetime` after it was issued, and storing or re-issuing sets the time to at
///   least now; a saved draft sets it to at least the draft's expiry.
/// A file that no application refers to is removed once its time is `unusedRetention` past.
struct AttachmentStore: Sendable {
    let directory: URL
    let secret: SymmetricKey
    /// Files are refused once storing one would leave less free space than this on the store's
    /// volume: a full disk must not reach the database (usually on the same volume) or the logs.
    var minimumFreeBytes: Int = 0
    private let tokens: SealedToken

    /// How long a token from an upload is accepted: a week, for a resident who comes back to an open
    /// form. A saved draft brings its files back by re-issuing their tokens (`reissue`).
    static let tokenLifetime: TimeInterval = 7 * 24 * 3600
    /// How long a file no application refers to is kept after its time (`AttachmentSweep`). Longer
    /// than `tokenLifetime`, so no token still accepted can name a removed file.
    static let unusedRetention: TimeInterval = 14 * 24 * 3600

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

    /// Stores the bytes (if not already there: then only its time moves to `now`) and returns the
    /// reference.
    func store(_ bytes: [UInt8], filename: String, now: Date) throws -> AttachmentReference {
        guard !bytes.isEmpty else { throw Failure.empty }
        guard let kind = AttachmentReference.kind(ofContentStartingWith: bytes) else { throw Failure.unsupportedKind }
        let digest = try storeAsReceived(bytes, now: now)
        let name = String(filename.split(separator: "/").last ?? "file").prefix(120)
        return AttachmentReference(sha256: digest, size: bytes.count, kind: kind, filename: String(name))
    }

    /// Stores any bytes as they are (a package from マイナポータル, kept byte for byte), returning
    /// their SHA-256. Kept like an attachment: an application or quarantine entry refers to it.
    func storeAsReceived(_ bytes: [UInt8], now: Date) throws -> String {
        guard !bytes.isEmpty else { throw Failure.empty }
        let digest = SHA256Hex.of(bytes)
        let target = path(for: digest)
        if !keep(target, until: now) {
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
            _ = keep(target, until: now)
        }
        return digest
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

    /// Moves the file's time forward to `date` (never back); false if there is no such file.
    @discardableResult
    func keep(_ file: URL, until date: Date) -> Bool {
        var status = stat()
        guard stat(file.path, &status) == 0 else { return false }
        let wanted = date.timeIntervalSince1970.rounded(.up)
        if Double(status.st_mtim.tv_sec) >= wanted { return true }
        let seconds = timespec(tv_sec: Int(wanted), tv_nsec: 0)
        let times = [seconds, seconds]  // access and modification
        return utimensat(AT_FDCWD, file.path, times, 0) == 0
    }

    /// The token a form input carries for a stored file: its reference encrypted and authenticated
    /// (AES-GCM), so that a page's source does not show the file's name, which often names the
    /// resident (山田太郎_通帳.pdf). It says when it was issued (it is good for `tokenLifetime`) and
    /// is bound to the municipality it was issued for: another one's forms do not accept it.
    func token(for reference: AttachmentReference, issuedAt now: Date, tenant: LocalGovernmentCode) -> String {
        let payload = TokenPayload(reference, issued: now.timeIntervalSince1970)
        return (try? JSONEncoder().encode(payload)).flatMap { tokens.seal($0, binding: tenant.value) } ?? ""
    }

    /// The reference behind a token, if the token is ours, issued for `tenant` within
    /// `tokenLifetime` before `now`, and the file exists.
    func resolve(token: String, at now: Date, tenant: LocalGovernmentCode) -> AttachmentReference? {
        guard let payload = payload(of: token, tenant: tenant), let issued = payload.issued,
            (-300...Self.tokenLifetime).contains(now.timeIntervalSince1970 - issued),
            FileManager.default.fileExists(atPath: path(for: payload.sha256).path)
        else { return nil }
        return payload.reference
    }

    /// A fresh token for the file behind any token of ours for `tenant`, however old, if the file
    /// still exists; the file's time moves to `now`. For a draft brought back: the draft vouches for
    /// its files.
    func reissue(token: String, at now: Date, tenant: LocalGovernmentCode) -> String? {
        guard let payload = payload(of: token, tenant: tenant, orMadeBefore: true),
            keep(path(for: payload.sha256), until: now)
        else { return nil }
        return self.token(for: payload.reference, issuedAt: now, tenant: tenant)
    }

    /// Keeps the file behind a token of ours for `tenant` until `date` (a draft's expiry); false if
    /// the value is not such a token or the file is gone.
    @discardableResult
    func keep(token: String, until date: Date, tenant: LocalGovernmentCode) -> Bool {
        guard let payload = payload(of: token, tenant: tenant, orMadeBefore: true) else { return false }
        return keep(path(for: payload.sha256), until: date)
    }

    /// What a token for `tenant` holds. `orMadeBefore`: also a token made before tokens were bound
    /// to a municipality, or encrypted at all (signed only: `payload.mac`), for drafts saved with
    /// one; such a token says no time, so only `reissue` and `keep` take it.
    private func payload(of token: String, tenant: LocalGovernmentCode, orMadeBefore: Bool = false) -> TokenPayload? {
        let payload =
            token.contains(".")
            ? (orMadeBefore ? SignedToken.open(token, purpose: "attachment", secret: secret) : nil)
            : tokens.open(token, binding: tenant.value) ?? (orMadeBefore ? tokens.open(token) : nil)
        return payload.flatMap { try? JSONDecoder().decode(TokenPayload.self, from: $0) }
    }

    private struct TokenPayload: Codable {
        var sha256: String
        var size: Int
        var kind: String
        var filename: String
        /// Seconds since 1970; absent from tokens made before tokens expired.
        var issued: Double?

        init(_ reference: AttachmentReference, issued: Double) {
            (sha256, size, kind, filename) = (reference.sha256, reference.size, reference.kind, reference.filename)
            self.issued = issued
        }

        var reference: AttachmentReference {
            AttachmentReference(sha256: sha256, size: size, kind: kind, filename: filename)
        }
    }
}

/// The file work of `AttachmentSweep`. A file is taken out of the way before it is removed
/// (`.sweep-<digest>` beside it), so a submission that resolved its token a moment earlier either
/// finds it gone or keeps it: once parked, the file's time and the database are read again.
extension AttachmentStore {
    /// The folders files are stored in (`ab/cd`), so that a sweep takes one at a time.
    func sweepFolders() -> [URL] {
        func subfolders(of folder: URL) -> [URL] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { SHA256Hex.isHex($0.utf8, count: 2) }.sorted().map {
                folder.appendingPathComponent($0)
            }
        }
        return subfolders(of: directory).flatMap(subfolders)
    }

    /// The files of one folder whose time is before `cutoff` (their digests). Files a crashed sweep
    /// left parked are put back first, and temporary files of failed writes older than `cutoff` are
    /// removed.
    func sweepCandidates(in folder: URL, before cutoff: Date) -> [String] {
        var candidates: Set<String> = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            var status = stat()
            let file = folder.appendingPathComponent(name)
            guard stat(file.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let old = Double(status.st_mtim.tv_sec) < cutoff.timeIntervalSince1970
            if name.hasPrefix(Self.parkedPrefix), SHA256Hex.isHex(name.utf8.dropFirst(Self.parkedPrefix.utf8.count)) {
                let digest = String(name.dropFirst(Self.parkedPrefix.count))
                restore(digest)
                if old { candidates.insert(digest) }
            } else if name.hasPrefix("."), name.hasSuffix(".tmp"), old {
                unlink(file.path)
            } else if SHA256Hex.isHex(name.utf8), old {
                candidates.insert(name)
            }
        }
        return candidates.sorted()
    }

    /// Moves the file out of the way; true if it is parked and its time is still before `cutoff`.
    /// A file whose time moved meanwhile (uploaded again, re-issued) is put back at once.
    func park(_ digest: String, before cutoff: Date) -> Bool {
        let parked = parkedPath(for: digest)
        guard rename(path(for: digest).path, parked.path) == 0 else { return false }
        var status = stat()
        guard stat(parked.path, &status) == 0, Double(status.st_mtim.tv_sec) < cutoff.timeIntervalSince1970 else {
            restore(digest)
            return false
        }
        return true
    }

    /// Puts a parked file back (if the same content was stored again meanwhile, that copy stays).
    func restore(_ digest: String) {
        let parked = parkedPath(for: digest)
        if link(parked.path, path(for: digest).path) == 0 || errno == EEXIST { unlink(parked.path) }
    }

    /// Removes a parked file for good.
    func discard(_ digest: String) {
        unlink(parkedPath(for: digest).path)
        Self.syncDirectory(path(for: digest).deletingLastPathComponent())
    }

    private static let parkedPrefix = ".sweep-"

    private func parkedPath(for digest: String) -> URL {
        path(for: digest).deletingLastPathComponent().appendingPathComponent(Self.parkedPrefix + digest)
    }

}
