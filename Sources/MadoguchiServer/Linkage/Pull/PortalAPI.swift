import Foundation

/// 電子申請等情報受取等API: how the municipality's 申請管理 system reaches マイナポータル — sign in for
/// a token, list the applications received in a period, fetch one by its 受付番号, and report the
/// processing status. The real message formats are not public (and the API is reachable only inside
/// the government network), so the puller talks to this small protocol; `HTTPPortalAPI` is the
/// documented default mapping (docs/linkage.md), which a corrected mapping can replace.
protocol PortalAPI: Sendable {
    /// Signs in; the token lasts for one poll.
    func signIn() async throws -> PortalToken
    /// The applications received from `from` (inclusive) to `until` (exclusive).
    func list(from: Date, until: Date, token: PortalToken) async throws -> [PortalListing]
    /// One application as the portal gives it: the package's bytes exactly as received.
    func fetch(_ portalNumber: String, token: PortalToken) async throws -> [UInt8]
    /// Tells the portal that the application was taken in (受付済) or held back (保留).
    func report(_ portalNumber: String, taken: Bool, token: PortalToken) async throws
}

struct PortalToken: Sendable {
    var value: String
}

/// One line of the list: what the puller needs to decide whether to fetch.
struct PortalListing: Sendable, Equatable {
    var portalNumber: String
    var receivedAt: Date
}

/// A failure talking to the portal: the poll stops and is tried again at the next one.
struct PortalAPIError: Error, CustomStringConvertible {
    var description: String
}
