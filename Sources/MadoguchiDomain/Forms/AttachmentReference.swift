/// A file attached to an application: content-addressed by its SHA-256, stored once, never overwritten.
public struct AttachmentReference: Sendable, Hashable, Codable {
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String
    public var size: Int
    /// pdf, jpeg or png, from the file's content (not its name).
    public var kind: String
    /// The file name the resident chose (shown to staff; never used as a path).
    public var filename: String

    public init(sha256: String, size: Int, kind: String, filename: String) {
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.filename = filename
    }

    /// Recognises the kinds we accept by their first bytes.
    public static func kind(ofContentStartingWith bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46]) { return "pdf" }  // %PDF
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpeg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        return nil
    }

    var formValue: FormValue {
        .object([
            "sha256": .string(sha256), "size": .integer(size), "kind": .string(kind), "filename": .string(filename),
        ])
    }

    public init?(_ value: FormValue) {
        guard case .object(let parts) = value, case .string(let sha) = parts["sha256"],
            case .integer(let size) = parts["size"], case .string(let kind) = parts["kind"],
            case .string(let filename) = parts["filename"]
        else { return nil }
        self.init(sha256: sha, size: size, kind: kind, filename: filename)
    }
}

extension AttachmentReference {
    /// The files validated data refers to, in attachment boxes at any depth (a group's items too),
    /// each once.
    public static func all(in data: FormData) -> [AttachmentReference] {
        var found: [AttachmentReference] = []
        func visit(_ value: FormValue) {
            switch value {
            case .object(let parts):
                if let reference = AttachmentReference(value) {
                    if !found.contains(reference) { found.append(reference) }
                } else {
                    parts.values.forEach(visit)
                }
            case .items(let items):
                for item in items { item.values.forEach(visit) }
            case .string, .integer, .bool, .list:
                break
            }
        }
        data.values.forEach(visit)
        return found
    }
}
