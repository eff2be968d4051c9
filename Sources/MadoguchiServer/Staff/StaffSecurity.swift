import Crypto
import Foundation
import MadoguchiDomain
import NIOPosix
import Vapor

/// Bcrypt on the thread pool: a hash takes a quarter of a second at cost 12, which must not hold up
/// an event loop.
struct PasswordHasher: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool
    /// A hash of a random password, checked when the login is unknown, so that an unknown login
    /// takes as long to refuse as a wrong password.
    let unmatchable: String

    init(cost: Int, threadPool: NIOThreadPool) throws {
        self.cost = cost
        self.threadPool = threadPool
        self.unmatchable = try Bcrypt.hash(UUID().uuidString, cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}

/// The authenticator secrets at rest: sealed (AES-GCM) under a key derived from the server secret
/// and bound to the account, so a copied database column opens for no other account.
struct StaffSecrets: Sendable {
    private let token: SealedToken

    init(secret: SymmetricKey) {
        token = SealedToken(purpose: "staff-totp-secret", secret: secret)
    }

    func seal(_ secret: MadoguchiDomain.TOTP.Secret, account: UUID) -> String {
        token.seal(Data(secret.bytes), binding: account.uuidString) ?? ""
    }

    func open(_ sealed: String, account: UUID) -> MadoguchiDomain.TOTP.Secret? {
        token.open(sealed, binding: account.uuidString).map { MadoguchiDomain.TOTP.Secret(bytes: Array($0)) }
    }
}

/// Repeated failed sign-ins lock the account for a while, longer each time: after 5 failures one
/// minute, then 2, 4, … up to an hour. A correct password + code resets the count.
enum SignInLockout {
    static let freeAttempts = 5
    static let longest: TimeInterval = 3600

    static func lockedUntil(afterFailures failures: Int, at now: Date) -> Date? {
        guard failures >= freeAttempts else { return nil }
        let minutes = pow(2.0, Double(min(failures - freeAttempts, 10)))
        return now.addingTimeInterval(min(minutes * 60, longest))
    }
}
