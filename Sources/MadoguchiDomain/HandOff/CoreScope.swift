/// A scope of the hand-off API, in the form of デジタル庁 共通機能標準仕様書 §2.2.5:
/// `${業務システムID}:${リソース名}:${操作名}`, e.g. `jidou-teate:applications:read`. A client holds
/// only scopes that carry its own 業務システムID.
public struct CoreScope: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What a scope lets a core system do here: the resource and the operation.
    public enum Permission: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Pull the applications released for hand-off (with their answers).
        case readApplications = "applications:read"
        /// Acknowledge that it took an application (連携済み).
        case acknowledgeApplications = "applications:acknowledge"
        /// Return the decision made in the core system (承認/却下).
        case writeDecisions = "decisions:write"

        public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var clientID: String
    public var permission: Permission

    public init(clientID: String, permission: Permission) {
        self.clientID = clientID
        self.permission = permission
    }

    /// Reads `ID:resource:operation`; nil for any other form, an id that cannot be a client's, or a
    /// resource and operation this API does not have.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, Self.isClientID(parts[0]),
            let permission = Permission(rawValue: "\(parts[1]):\(parts[2])")
        else { return nil }
        self.init(clientID: String(parts[0]), permission: permission)
    }

    public var description: String { "\(clientID):\(permission.rawValue)" }

    public static func < (lhs: CoreScope, rhs: CoreScope) -> Bool { lhs.description < rhs.description }

    /// A 業務システムID as this server takes it: 1 to 64 ASCII letters, digits, `.`, `_` or `-`
    /// (no colon: it separates the parts of a scope).
    public static func isClientID(_ text: some StringProtocol) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }

    /// A space-separated scope list (OAuth 2.0's `scope` parameter); nil when any item is not a scope.
    public static func list(_ text: String) -> Set<CoreScope>? {
        var scopes: Set<CoreScope> = []
        for item in text.split(separator: " ") {
            guard let scope = CoreScope(item) else { return nil }
            scopes.insert(scope)
        }
        return scopes
    }

    /// As the `scope` parameter writes them: sorted, space-separated.
    public static func text(_ scopes: Set<CoreScope>) -> String {
        scopes.sorted().map(\.description).joined(separator: " ")
    }
}
