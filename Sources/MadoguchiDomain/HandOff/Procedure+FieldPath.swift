/// What a `FieldPath` names in a procedure's form.
public struct ResolvedField: Sendable {
    /// The repeating group the field belongs to, if any.
    public var group: FieldDefinition?
    public var field: FieldDefinition
    public var part: String?
}

extension FieldType {
    /// The parts a path may name after a field of this type; `partRequired` when one must be named.
    var pathParts: [String] {
        switch self {
        case .name, .kanaName, .bankAccount: parts
        case .attachment: ["sha256", "filename", "kind", "size"]
        default: []
        }
    }

    var partRequired: Bool { self == .bankAccount }
}

extension Procedure {
    /// The field `path` names, or what is wrong with the path (a lint message).
    public func resolve(_ path: FieldPath) -> Result<ResolvedField, PathProblem> {
        guard let top = field(path.field) else { return .failure(.noField(path.field)) }
        var group: FieldDefinition?
        var target = top
        if top.type == .group {
            guard path.inGroup, let member = path.member else { return .failure(.groupNeedsItem(top.id)) }
            guard let inner = top.fieldsByID[member] else { return .failure(.noMember(group: top.id, member)) }
            if let index = path.index, index >= (top.max ?? Int.max) {
                return .failure(.beyondGroup(top.id, max: top.max ?? 0))
            }
            group = top
            target = inner
        } else if path.inGroup {
            return .failure(.notAGroup(top.id))
        }
        if let part = path.part {
            guard target.type.pathParts.contains(part) else {
                return .failure(.noPart(target.id, part, allowed: target.type.pathParts))
            }
        } else if target.type.partRequired {
            return .failure(.partRequired(target.id, allowed: target.type.pathParts))
        }
        return .success(ResolvedField(group: group, field: target, part: path.part))
    }

    public enum PathProblem: Error, Sendable, Hashable, CustomStringConvertible {
        case noField(String)
        case groupNeedsItem(String)
        case noMember(group: String, String)
        case beyondGroup(String, max: Int)
        case notAGroup(String)
        case noPart(String, String, allowed: [String])
        case partRequired(String, allowed: [String])

        public var description: String {
            switch self {
            case .noField(let id): "the procedure has no field '\(id)'"
            case .groupNeedsItem(let id): "'\(id)' is a repeating group: name an item and its field (\(id).0.…)"
            case .noMember(let group, let id): "the group '\(group)' has no field '\(id)'"
            case .beyondGroup(let id, let max): "'\(id)' holds at most \(max) items (numbered from 0)"
            case .notAGroup(let id): "'\(id)' is not a repeating group"
            case .noPart(let id, let part, let allowed):
                allowed.isEmpty
                    ? "'\(id)' has no parts ('\(part)')"
                    : "'\(id)' has no part '\(part)' (\(allowed.joined(separator: ", ")))"
            case .partRequired(let id, let allowed):
                "'\(id)' needs a part (\(allowed.joined(separator: ", ")))"
            }
        }
    }
}
