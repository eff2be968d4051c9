import Foundation
import ZIPFoundation

/// The files of a package's ZIP archive, read into memory within limits: nothing of a package is
/// ever written to disk under a name the archive chose, so no entry can land outside its folder
/// (the archive itself is read from a temporary file named by us).
public struct PackageArchive: Sendable {
    /// How much an archive may hold. A package is a form, a signature and a few scanned documents.
    public struct Limits: Sendable {
        public var maxEntries = 64
        public var maxEntryBytes = 20 * 1024 * 1024
        public var maxTotalBytes = 100 * 1024 * 1024
        /// Deflate rarely shrinks a PDF or image more than a few times; a bomb shrinks a thousandfold.
        public var maxCompressionRatio = 200

        public init() {}
    }

    /// The files by their path inside the archive (directories left out).
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) { self.files = files }

    /// Reads every file of the archive, checking names, declared and actual sizes and checksums.
    public static func read(_ bytes: [UInt8], limits: Limits = Limits()) throws(PackageRejection) -> PackageArchive {
        guard bytes.count >= 22, bytes.starts(with: [0x50, 0x4B]) else {
            throw PackageRejection(.corrupt, "not a ZIP archive")
        }
        // Read from a private temporary file, not from memory: ZIPFoundation's in-memory archive
        // traps when an entry points past the end of the data (found by the package fuzz test);
        // through a file such a read is short and answered with an error. The file's name is ours.
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "madoguchi-package-\(UUID().uuidString).zip")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw PackageRejection(.corrupt, "the archive could not be set aside for reading") }
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive: Archive
        do {
            archive = try Archive(url: temporary, accessMode: .read)
        } catch {
            throw PackageRejection(.corrupt, "the archive's directory cannot be read")
        }
        var files: [String: [UInt8]] = [:]
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw PackageRejection(.tooLarge, "more than \(limits.maxEntries) entries")
            }
            let path = entry.path
            guard entry.type != .symlink else { throw PackageRejection(.unsafeEntry, "symbolic link: \(path)") }
            guard entry.type == .file else { continue }
            guard let name = safeName(path) else { throw PackageRejection(.unsafeEntry, "entry name: \(path)") }
            guard files[name] == nil else { throw PackageRejection(.unsafeEntry, "duplicate entry: \(name)") }
            let declared = entry.uncompressedSize
            guard declared <= UInt64(limits.maxEntryBytes) else {
                throw PackageRejection(.tooLarge, "entry \(name) declares \(declared) bytes")
            }
            guard entry.compressedSize == 0 || declared / max(entry.compressedSize, 1) <= limits.maxCompressionRatio
            else {
                throw PackageRejection(.tooLarge, "entry \(name) expands more than \(limits.maxCompressionRatio)-fold")
            }
            var content: [UInt8] = []
            content.reserveCapacity(Int(declared))
            do {
                let checksum = try archive.extract(entry) { chunk in
                    guard content.count + chunk.count <= Int(declared),
                        total + content.count + chunk.count <= limits.maxTotalBytes
                    else { throw PackageRejection(.tooLarge, "entry \(name) is larger than it declares") }
                    content.append(contentsOf: chunk)
                }
                guard checksum == entry.checksum, content.count == Int(declared) else {
                    throw PackageRejection(.corrupt, "entry \(name) fails its checksum")
                }
            } catch let rejection as PackageRejection {
                throw rejection
            } catch {
                throw PackageRejection(.corrupt, "entry \(name) cannot be decompressed")
            }
            total += content.count
            files[name] = content
        }
        guard count > 0 else { throw PackageRejection(.corrupt, "the archive is empty") }
        return PackageArchive(files: files)
    }

    /// The entry's name if it is a plain relative path: printable, no `..` or `.` segment, no
    /// leading slash, no backslash or drive letter, at most 200 characters.
    static func safeName(_ path: String) -> String? {
        guard !path.isEmpty, path.count <= 200, !path.hasPrefix("/"), !path.contains("\\"),
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == ":" })
        else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        return path
    }
}
