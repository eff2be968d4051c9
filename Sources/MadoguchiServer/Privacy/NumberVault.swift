import Crypto
import Foundation
import MadoguchiDomain

/// 個人番号 at rest: every individual-number answer is stored sealed (AES-GCM) under a key named by
/// its id, bound to the municipality, as `enc:v1:KEYID:LAST4:BASE64`. The last four digits stay
/// readable for the masked display (●●●● ●●●● 1234); the number is revealed only by an explicit,
/// audited action. Keys come from a file or the environment (`NumberKeys`); the last one seals, the
/// others still open what they sealed until `madoguchi keys rotate` has re-sealed it.
struct NumberVault: Sendable {
    static let prefix = "enc:v1:"

    struct Key: Sendable {
        var id: String
        var key: SymmetricKey
    }

    let current: Key
    private let keys: [String: SymmetricKey]

    init(keys: [Key]) {
        precondition(!keys.isEmpty)
        current = keys.last!
        self.keys = Dictionary(keys.map { ($0.id, $0.key) }) { _, last in last }
    }

    var keyIDs: [String] { keys.keys.sorted() }

    func seal(_ digits: String, tenant: String) -> String {
        let box = try! AES.GCM.seal(Data(digits.utf8), using: current.key, authenticating: Data(tenant.utf8))
        return Self.prefix + current.id + ":" + String(digits.suffix(4)) + ":" + box.combined!.base64EncodedString()
    }

    func open(_ text: String, tenant: String) -> String? {
        guard let parts = Self.parts(text), let key = keys[parts.keyID],
            let data = Data(base64Encoded: parts.sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key, authenticating: Data(tenant.utf8))
        else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    /// A whole text sealed (a draft's answers, 個人番号 among them): `enc:v1:KEYID::SEALED`.
    func sealText(_ text: String, tenant: String) -> String {
        let box = try! AES.GCM.seal(Data(text.utf8), using: current.key, authenticating: Data(tenant.utf8))
        return Self.prefix + current.id + "::" + box.combined!.base64EncodedString()
    }

    /// A text as stored: opened when sealed, as it is otherwise (stored before sealing).
    func openText(_ stored: String, tenant: String) -> String? {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        return open(stored, tenant: tenant)
    }

    static func parts(_ text: String) -> (keyID: String, last4: String, sealed: String)? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard rest.count == 3 else { return nil }
        return (String(rest[0]), String(rest[1]), String(rest[2]))
    }

    /// The masked form of a stored value, sealed or (before migration) plain.
    static func masked(_ stored: String) -> String {
        if let parts = parts(stored) { return "●●●● ●●●● \(parts.last4)" }
        return IndividualNumber.masked(stored)
    }

    /// `data` with every individual-number answer passed through `transform` (top level and in
    /// repeating groups), for a procedure's fields.
    static func mapNumbers(
        _ data: FormData, fields: [FieldDefinition], _ transform: (String) -> String
    ) -> FormData {
        var out = data
        for field in fields {
            guard let value = data[field.id] else { continue }
            switch (field.type, value) {
            case (.individualNumber, .string(let text)): out[field.id] = .string(transform(text))
            case (.group, .items(let items)):
                out[field.id] = .items(items.map { mapNumbers($0, fields: field.fields, transform) })
            default: break
            }
        }
        return out
    }

    /// Seals the plain numbers of `data` (and re-seals those under an older key).
    func sealAll(_ data: FormData, procedure: Procedure, tenant: String) -> FormData {
        Self.mapNumbers(data, fields: procedure.fields) { text in
            if let parts = Self.parts(text) {
                guard parts.keyID != current.id, let plain = open(text, tenant: tenant) else { return text }
                return seal(plain, tenant: tenant)
            }
            return seal(text, tenant: tenant)
        }
    }

    /// Opens the sealed numbers of `data` (for validating a 補正, or an explicit reveal).
    func openAll(_ data: FormData, procedure: Procedure, tenant: String) -> FormData {
        Self.mapNumbers(data, fields: procedure.fields) { open($0, tenant: tenant) ?? $0 }
    }

    /// The plain numbers of `data`, field by field (label path → digits), for a reveal.
    func revealed(_ data: FormData, procedure: Procedure, tenant: String) -> [(label: LocalizedText, digits: String)] {
        var found: [(LocalizedText, String)] = []
        func visit(_ data: FormData, fields: [FieldDefinition], prefix: LocalizedText?) {
            for field in fields {
                guard let value = data[field.id] else { continue }
                switch (field.type, value) {
                case (.individualNumber, .string(let text)):
                    let label =
                        prefix.map { LocalizedText(ja: "\($0.ja) \(field.label.ja)", en: "\($0.en) \(field.label.en)") }
                        ?? field.label
                    found.append((label, open(text, tenant: tenant) ?? text))
                case (.group, .items(let items)):
                    for (index, item) in items.enumerated() {
                        let label = LocalizedText(
                            ja: "\(field.label.ja)（\(index + 1)）", en: "\(field.label.en) (\(index + 1))")
                        visit(item, fields: field.fields, prefix: label)
                    }
                default: break
                }
            }
        }
        visit(data, fields: procedure.fields, prefix: nil)
        return found
    }
}

/// Where the vault's keys come from: MADOGUCHI_NUMBER_KEYS ("id:base64key,id:base64key", the last
/// one current) or the file MADOGUCHI_NUMBER_KEYS_FILE (one "id base64key" per line, the last
/// current). Development keeps a generated key in the data folder; production must set one.
enum NumberKeys {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String, separator: Character, source: String) throws -> [NumberVault.Key] {
        var keys: [NumberVault.Key] = []
        for line in text.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let parts = trimmed.split(separator: separator, maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains(":"),
                parts[0].utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
                let data = Data(base64Encoded: parts[1]), data.count == 32
            else {
                throw Invalid(
                    description: "\(source): each key must be an id and 32 bytes in base64 (id\(separator)KEY)")
            }
            keys.append(NumberVault.Key(id: parts[0], key: SymmetricKey(data: data)))
        }
        guard !keys.isEmpty else { throw Invalid(description: "\(source) holds no key") }
        return keys
    }

    static func load(environment: [String: String], dataDirectory: URL, production: Bool) throws -> [NumberVault.Key] {
        if let text = environment["MADOGUCHI_NUMBER_KEYS"], !text.isEmpty {
            return try parse(text, separator: ":", source: "MADOGUCHI_NUMBER_KEYS")
        }
        if let path = environment["MADOGUCHI_NUMBER_KEYS_FILE"], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw Invalid(description: "MADOGUCHI_NUMBER_KEYS_FILE: cannot read \(path)")
            }
            return try parse(text, separator: " ", source: "MADOGUCHI_NUMBER_KEYS_FILE")
        }
        if production {
            throw Invalid(
                description:
                    "MADOGUCHI_NUMBER_KEYS or MADOGUCHI_NUMBER_KEYS_FILE is not set: production needs a key for 個人番号")
        }
        let file = dataDirectory.appendingPathComponent("number-keys")
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            return try parse(text, separator: " ", source: file.path)
        }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let line = "dev-1 " + newKey() + "\n"
        try line.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return try parse(line, separator: " ", source: file.path)
    }

    /// 32 random bytes in base64: a new key (`madoguchi keys generate`).
    static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }
}
