import Fluent

/// Where each municipality's pull from マイナポータル got to, and which server is polling now.
struct AddPortalPull: AsyncMigration {
    var name: String { "0016-add-portal-pull" }

    func prepare(on database: any Database) async throws {
        try await database.schema("portal_pull_state")
            .field("tenant_code", .string, .identifier(auto: false), .references("municipalities", "code"))
            // The end of the period the last completed poll listed.
            .field("listed_until", .datetime)
            // A poll in progress: other servers leave the municipality alone until then.
            .field("lease_until", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("portal_pull_state").delete()
    }
}
