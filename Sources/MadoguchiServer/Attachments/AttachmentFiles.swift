import Foundation
import MadoguchiDomain
import SQLKit

/// `attachment_files`: which files (by SHA-256) the applications of each municipality refer to.
/// A row is written in the transaction of the first application that refers to the file, and is
/// what keeps the file from `AttachmentSweep`: whatever stores application data that refers to a
/// file (an edit, a 補正, an imported package) must record it the same way.
enum AttachmentFiles {
    static let table = "attachment_files"

    /// A municipality's application referring to a file, first at `at`.
    struct Use: Sendable {
        var sha256: String
        var tenant: String
        var at: Date
    }

    /// Records the uses (a row per file and municipality; none for one recorded already). Nil when
    /// there are none.
    static func insert(_ uses: [Use]) -> SQLQueryString? {
        guard !uses.isEmpty else { return nil }
        var query: SQLQueryString = "INSERT INTO attachment_files (sha256, tenant_code, first_used_at) VALUES "
        for (index, use) in uses.enumerated() {
            query += "\(unsafeRaw: index == 0 ? "" : ", ")(\(bind: use.sha256), \(bind: use.tenant), \(bind: use.at))"
        }
        return query + " ON CONFLICT DO NOTHING"
    }

    /// The file digests in an application's stored data (`FormDataCoding`: an attachment is an
    /// object with a `sha256` member). A resident's text cannot forge one: its quotes are escaped.
    static func digests(inStoredData data: String) -> [String] {
        let key = Array("\"sha256\":\"".utf8)
        let bytes = Array(data.utf8)
        var found: [String] = []
        var index = 0
        while index + key.count + 64 <= bytes.count {
            guard bytes[index] == key[0], bytes[index..<(index + key.count)].elementsEqual(key) else {
                index += 1
                continue
            }
            let digest = bytes[(index + key.count)..<(index + key.count + 64)]
            if SHA256Hex.isHex(digest) {
                let text = String(decoding: digest, as: UTF8.self)
                if !found.contains(text) { found.append(text) }
            }
            index += key.count
        }
        return found
    }
}
