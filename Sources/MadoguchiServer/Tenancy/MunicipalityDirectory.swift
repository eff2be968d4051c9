import Foundation
import MadoguchiDomain
import Yams

/// The municipalities a deployment serves, and which one a request reaches.
///
/// A request reaches its municipality by **host name** (`hosts:` in the municipalities file);
/// a request for any other host reaches the default municipality, if one is marked `default: true`.
public struct MunicipalityDirectory: Sendable {
    public let municipalities: [Municipality]
    public let defaultCode: LocalGovernmentCode?

    public init(municipalities: [Municipality], defaultCode: LocalGovernmentCode?) {
        self.municipalities = municipalities
        self.defaultCode = defaultCode
    }

    public func municipality(forHost host: String?) -> Municipality? {
        let name = host.map { hostName in
            // strip the port, keep IPv6 brackets intact
            if hostName.hasPrefix("[") { return String(hostName.prefix { $0 != "]" }) + "]" }
            return String(hostName.split(separator: ":").first ?? "")
        }?.lowercased()
        if let name, let match = municipalities.first(where: { $0.hosts.contains(name) }) { return match }
        return defaultCode.flatMap(municipality(code:))
    }

    public func municipality(code: LocalGovernmentCode) -> Municipality? {
        municipalities.first { $0.code == code }
    }

    /// デモ市 (990019): a fictitious municipality (都道府県コード 99 does not exist) for demos and tests.
    public static let demo = MunicipalityDirectory(
        municipalities: [
            Municipality(
                code: LocalGovernmentCode("990019")!, name: LocalizedText(ja: "デモ市", en: "Demo City"),
                departments: ["こども支援課", "保育課", "健康推進課", "介護保険課", "防災課", "市民課"])
        ],
        defaultCode: LocalGovernmentCode("990019"))

    struct File: Decodable {
        struct Entry: Decodable {
            var code: String
            var name: String
            var nameEn: String
            var hosts: [String]?
            var `default`: Bool?
            var departments: [String]?
            var disabledProcedures: [String]?
            var departmentOverrides: [String: String]?
            /// 休日開庁日 and 臨時閉庁日, as YYYY-MM-DD.
            var openDays: [String]?
            var closedDays: [String]?

            enum CodingKeys: String, CodingKey {
                case code, name, hosts, `default`, departments
                case nameEn = "name_en"
                case disabledProcedures = "disabled_procedures"
                case departmentOverrides = "department_overrides"
                case openDays = "open_days"
                case closedDays = "closed_days"
            }
        }
        var municipalities: [Entry]
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a municipalities file (see docs/tenancy.md).
    public static func load(from url: URL) throws -> MunicipalityDirectory {
        let text = try String(contentsOf: url, encoding: .utf8)
        let file = try YAMLDecoder().decode(File.self, from: text)
        var list: [Municipality] = []
        var defaultCode: LocalGovernmentCode?
        for entry in file.municipalities {
            guard let code = LocalGovernmentCode(entry.code) else {
                throw Invalid(description: "\(url.lastPathComponent): '\(entry.code)' is not a valid 団体コード")
            }
            guard !list.contains(where: { $0.code == code }) else {
                throw Invalid(description: "\(url.lastPathComponent): \(code) is listed twice")
            }
            for host in (entry.hosts ?? []).map({ $0.lowercased() }) {
                // A host can lead to one municipality only, or its residents would reach another's portal.
                if let other = list.first(where: { $0.hosts.contains(host) }) {
                    throw Invalid(
                        description: "\(url.lastPathComponent): host \(host) is given to both \(other.code) and \(code)"
                    )
                }
            }
            if entry.default == true, let other = defaultCode {
                throw Invalid(description: "\(url.lastPathComponent): \(other) and \(code) are both marked default")
            }
            func dates(_ list: [String]?, _ key: String) throws -> Set<CivilDate> {
                try Set(
                    (list ?? []).map { text in
                        guard let date = CivilDate(iso: text) else {
                            throw Invalid(
                                description:
                                    "\(url.lastPathComponent): \(key) of \(code): '\(text)' is not a date (YYYY-MM-DD)")
                        }
                        return date
                    })
            }
            let openDays = try dates(entry.openDays, "open_days")
            let closedDays = try dates(entry.closedDays, "closed_days")
            if let both = openDays.intersection(closedDays).min() {
                throw Invalid(
                    description: "\(url.lastPathComponent): \(both) is in both open_days and closed_days of \(code)")
            }
            list.append(
                Municipality(
                    code: code, name: LocalizedText(ja: entry.name, en: entry.nameEn),
                    hosts: (entry.hosts ?? []).map { $0.lowercased() }, departments: entry.departments ?? [],
                    disabledProcedures: Set(entry.disabledProcedures ?? []),
                    departmentOverrides: entry.departmentOverrides ?? [:],
                    openDays: OpenDays.standard.with(extraOpenDays: openDays, extraClosedDays: closedDays)))
            if entry.default == true { defaultCode = code }
        }
        guard !list.isEmpty else { throw Invalid(description: "\(url.lastPathComponent): no municipalities") }
        return MunicipalityDirectory(municipalities: list, defaultCode: defaultCode)
    }
}
