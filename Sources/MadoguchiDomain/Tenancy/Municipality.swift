/// 地方公共団体: a tenant of the deployment. Every tenant-owned row carries its code.
public struct Municipality: Sendable, Hashable {
    public var code: LocalGovernmentCode
    public var name: LocalizedText
    /// Host names that reach this municipality (e.g. madoguchi.city.example.lg.jp).
    public var hosts: [String]
    /// 課 of the municipality.
    public var departments: [String]
    /// Procedures this municipality does not offer.
    public var disabledProcedures: Set<String>
    /// 担当課 overrides by procedure id.
    public var departmentOverrides: [String: String]
    /// 開庁日, with the municipality's own 休日開庁 and 臨時閉庁 days.
    public var openDays: OpenDays

    public init(
        code: LocalGovernmentCode, name: LocalizedText, hosts: [String] = [], departments: [String] = [],
        disabledProcedures: Set<String> = [], departmentOverrides: [String: String] = [:],
        openDays: OpenDays = .standard
    ) {
        self.code = code
        self.name = name
        self.hosts = hosts
        self.departments = departments
        self.disabledProcedures = disabledProcedures
        self.departmentOverrides = departmentOverrides
        self.openDays = openDays
    }

    /// The procedures this municipality offers, with its 担当課 applied.
    public func offered(from catalog: Catalog) -> Catalog {
        Catalog(
            procedures: catalog.procedures.filter { !disabledProcedures.contains($0.id) }.map(withOwnDepartment))
    }

    /// `procedure` with this municipality's 担当課, when it names its own.
    public func withOwnDepartment(_ procedure: Procedure) -> Procedure {
        guard let department = departmentOverrides[procedure.id] else { return procedure }
        var copy = procedure
        copy.department = department
        return copy
    }
}
