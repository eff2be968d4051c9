import Crypto
import Foundation
import MadoguchiDomain

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}

private func systemRename(_ from: String, _ to: String) -> Int32 {
    #if canImport(Glibc)
        Glibc.rename(from, to)
    #else
        Darwin.rename(from, to)
    #endif
}

/// A file written so that a crash leaves it whole or absent: bytes go to a file of its own (a temp
/// name), which is fsynced before it is renamed to its final name and the folder is fsynced.
/// Its SHA-256 and size are counted as it is written.
final class DurableFile {
    let url: URL
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    private(set) var byteCount = 0

    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var path: String
        var code: Int32

        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Creates (or empties) the file, owner-only.
    init(creating url: URL) throws {
        self.url = url
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: url.path, code: errno) }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    func write(_ bytes: [UInt8]) throws {
        hasher.update(data: bytes)
        byteCount += bytes.count
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(operation: "write", path: url.path, code: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, fsyncs and closes; the file's SHA-256 (lower-case hex).
    func finish() throws -> String {
        try flush()
        guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", path: url.path, code: errno) }
        close(descriptor)
        descriptor = -1
        return SHA256Hex.hex(hasher.finalize())
    }

    /// Closes and removes the file.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(url.path)
    }

    /// Renames `from` to `to` (replacing it) within one folder, and fsyncs the folder.
    static func rename(_ from: URL, to: URL) throws {
        guard systemRename(from.path, to.path) == 0 else {
            throw Failure(operation: "rename", path: from.path, code: errno)
        }
        try syncFolder(of: to)
    }

    /// Fsyncs the folder holding `url`, so that a name made or changed in it survives a crash.
    static func syncFolder(of url: URL) throws {
        let folder = url.deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(operation: "open", path: folder, code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", path: folder, code: errno) }
    }

    /// Writes `bytes` to `url` atomically: a temp file beside it, fsynced, renamed, the folder fsynced.
    static func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let temp = temporary(for: url)
        let file = try DurableFile(creating: temp)
        do {
            try file.write(bytes)
            _ = try file.finish()
            try rename(temp, to: url)
        } catch {
            file.discard()
            throw error
        }
    }

    /// The temp name of a file: hidden, beside it (`.name.tmp`), so a reader listing the folder
    /// for its files never sees it.
    static func temporary(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
    }

    /// The SHA-256 of a file as it is on disk, or nil when it cannot be read.
    static func sha256(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return SHA256Hex.hex(hasher.finalize())
    }
}

/// An exclusive lock on a folder for the time of one export (`flock` on a lock file in it), so that
/// two runs writing the same target's files never interleave.
final class FolderLock {
    private let descriptor: Int32

    /// Takes the lock, or nil when another process holds it.
    init?(folder: URL) throws {
        let path = folder.appendingPathComponent(".madoguchi-handoff.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DurableFile.Failure(operation: "open", path: path, code: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
