import Fluent
import Foundation

/// 地方公共団体 (tenant), keyed by its 団体コード.
final class MunicipalityRecord: Model, @unchecked Sendable {
    static let schema = "municipalities"

    // MARK: identity
    @ID(custom: "code", generatedBy: .user) var id: String?

    // MARK: data
    @Field(key: "name_ja") var nameJa: String
    @Field(key: "name_en") var nameEn: String

    // MARK: timestamps
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(code: String, nameJa: String, nameEn: String) {
        self.id = code
        self.nameJa = nameJa
        self.nameEn = nameEn
    }
}

/// 課: a department of a municipality.
final class DepartmentRecord: Model, @unchecked Sendable {
    static let schema = "departments"

    // MARK: identity
    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_code") var tenantCode: String

    // MARK: data
    @Field(key: "name") var name: String

    init() {}

    init(tenantCode: String, name: String) {
        self.tenantCode = tenantCode
        self.name = name
    }
}
