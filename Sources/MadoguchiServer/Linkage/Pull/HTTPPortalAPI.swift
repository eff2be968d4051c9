import Foundation
import MadoguchiDomain
import Vapor

/// The default mapping of `PortalAPI` onto HTTP and JSON (docs/linkage.md, "The pull"):
///
///     POST {base}/auth/token                    {"user_id","password"} → {"access_token"}
///     GET  {base}/applications?from=…&until=…   → {"applications":[{"受付番号","受付日時"}]}
///     GET  {base}/applications/{受付番号}        → the package (application/zip)
///     POST {base}/applications/{受付番号}/status {"status":"受付済"|"保留"}
struct HTTPPortalAPI: PortalAPI {
    let base: URL
    let user: String
    let password: String
    let client: any Client
    /// Packages larger than this are refused before they are read (a package's own limit is 100 MB).
    static let maxPackageBytes = 110 * 1024 * 1024

    func signIn() async throws -> PortalToken {
        let response = try await client.post(uri("auth/token")) { request in
            try request.content.encode(["user_id": user, "password": password], as: .json)
        }
        guard response.status == .ok, let token = try? response.content.get(String.self, at: "access_token"),
            !token.isEmpty
        else { throw PortalAPIError(description: "sign-in refused (\(response.status.code))") }
        return PortalToken(value: token)
    }

    func list(from: Date, until: Date, token: PortalToken) async throws -> [PortalListing] {
        var uri = uri("applications")
        uri.query = "from=\(from.formatted(.iso8601))&until=\(until.formatted(.iso8601))"
            .replacingOccurrences(of: "+", with: "%2B")
        let response = try await client.get(uri, headers: headers(token))
        guard response.status == .ok else {
            throw PortalAPIError(description: "list refused (\(response.status.code))")
        }
        struct Listing: Decodable {
            var number: String
            var received: String
            enum CodingKeys: String, CodingKey {
                case number = "受付番号"
                case received = "受付日時"
            }
        }
        struct Page: Decodable { var applications: [Listing] }
        guard let page = try? response.content.decode(Page.self, as: .json) else {
            throw PortalAPIError(description: "the list is not the expected JSON")
        }
        return page.applications.compactMap { listing in
            guard PortalPackage.isPortalNumber(listing.number),
                let received = try? Date(listing.received, strategy: .iso8601)
            else { return nil }
            return PortalListing(portalNumber: listing.number, receivedAt: received)
        }
    }

    func fetch(_ portalNumber: String, token: PortalToken) async throws -> [UInt8] {
        let response = try await client.get(uri("applications/\(portalNumber)"), headers: headers(token))
        guard response.status == .ok, var body = response.body else {
            throw PortalAPIError(description: "fetch of \(portalNumber) refused (\(response.status.code))")
        }
        guard body.readableBytes <= Self.maxPackageBytes else {
            throw PortalAPIError(
                description: "the package \(portalNumber) is larger than \(Self.maxPackageBytes) bytes")
        }
        return body.readBytes(length: body.readableBytes) ?? []
    }

    func report(_ portalNumber: String, taken: Bool, token: PortalToken) async throws {
        let response = try await client.post(uri("applications/\(portalNumber)/status"), headers: headers(token)) {
            try $0.content.encode(["status": taken ? "受付済" : "保留"], as: .json)
        }
        guard response.status == .ok || response.status == .noContent else {
            throw PortalAPIError(description: "status report for \(portalNumber) refused (\(response.status.code))")
        }
    }

    private func uri(_ path: String) -> URI {
        URI(string: base.appendingPathComponent(path).absoluteString)
    }

    private func headers(_ token: PortalToken) -> HTTPHeaders {
        ["Authorization": "Bearer \(token.value)"]
    }
}
