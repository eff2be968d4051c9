import Foundation
import MadoguchiDomain

/// Where a resident is in a multi-step form. It travels entirely in the form body (hidden fields),
/// so any server process can take the next step and nothing personal is kept server-side until submit.
struct FormState: Sendable {
    var input: FormInput
    /// The rendered item indices of each repeating group (so an added, still empty item survives).
    var items: [String: [Int]]
    var step: Int
    var idempotencyKey: String
    var issues: [FieldIssue] = []

    static let stepField = "_step"
    static let actionField = "_action"
    static let idempotencyField = "_idem"
    static let itemsPrefix = "_items."

    /// A fresh form: required groups start with one empty item.
    static func start(_ procedure: Procedure, idempotencyKey: String) -> FormState {
        var items: [String: [Int]] = [:]
        for field in procedure.fields where field.type == .group {
            items[field.id] = field.minimumItems > 0 ? [0] : []
        }
        return FormState(input: FormInput(), items: items, step: 0, idempotencyKey: idempotencyKey)
    }

    /// Reads the state from a submitted form; unknown or private (`_`) names are not input.
    static func read(_ body: FormBody, procedure: Procedure, sealer: FormStateSealer.Bound) throws -> FormState {
        // Answers from other pages travel sealed; this page's boxes come as plain fields and win.
        var input = FormInput()
        if let sealed = body.first(FormStateSealer.fieldName) {
            // A state this server cannot open (tampered, or sealed under another secret) is not
            // silently dropped: the resident is told the page expired.
            guard let opened = sealer.open(sealed) else { throw AppError.formExpired }
            input = FormInput(opened)
        }
        var items: [String: [Int]] = [:]
        for (name, list) in body.fields {
            // No page has such a name (thousands of segments, or kilobytes long): refused, not kept.
            guard FormInput.isAcceptable(name) else { throw AppError.badRequest }
            if name.hasPrefix(itemsPrefix) {
                let group = String(name.dropFirst(itemsPrefix.count))
                items[group] = (list.first ?? "").split(separator: ",").compactMap { Int($0) }
                    .filter { $0 >= 0 && $0 < FormInput.maxItems }
            } else if !name.hasPrefix("_") {
                input[all: name] = list
            }
        }
        for field in procedure.fields where field.type == .group {
            let merged = Set(items[field.id] ?? []).union(input.itemIndices(of: field.id))
            items[field.id] = merged.sorted()
        }
        let step = min(max(Int(body.first(stepField) ?? "0") ?? 0, 0), max(procedure.steps.count - 1, 0))
        let key = body.first(idempotencyField).flatMap(IntakeService.cleanKey) ?? UUIDKey.make()
        return FormState(input: input, items: items, step: step, idempotencyKey: key)
    }

    mutating func addItem(to group: String, max: Int?) {
        var list = items[group] ?? []
        guard list.count < Swift.min(max ?? FormInput.maxItems, FormInput.maxItems) else { return }
        list.append((0..<FormInput.maxItems).first { !list.contains($0) } ?? FormInput.maxItems)
        items[group] = list
    }

    mutating func removeItem(_ group: String, index: Int) {
        items[group] = (items[group] ?? []).filter { $0 != index }
        let prefix = "\(group).\(index)."
        input.values = input.values.filter { !$0.key.hasPrefix(prefix) }
    }

    func issue(at path: String) -> FieldIssue? { issues.first { $0.path == path } }

    /// Hidden fields: every answer not rendered as a visible control on this page, sealed into one
    /// field, and the form's own bookkeeping (group items, step, idempotency key).
    func hiddenFields(excludingPrefixes rendered: [String], sealer: FormStateSealer.Bound) -> [Node] {
        var nodes: [Node] = []
        let carried = input.values.filter { name, _ in !rendered.contains { name == $0 || name.hasPrefix($0 + ".") } }
        if !carried.isEmpty {
            nodes.append(
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", FormStateSealer.fieldName),
                    Attribute("value", sealer.seal(carried))))
        }
        for (group, list) in items.sorted(by: { $0.key < $1.key }) {
            nodes.append(
                el(
                    "input", Attribute("type", "hidden"), Attribute("name", Self.itemsPrefix + group),
                    Attribute("value", list.map(String.init).joined(separator: ","))))
        }
        nodes.append(
            el(
                "input", Attribute("type", "hidden"), Attribute("name", Self.stepField),
                Attribute("value", String(step))))
        nodes.append(
            el(
                "input", Attribute("type", "hidden"), Attribute("name", Self.idempotencyField),
                Attribute("value", idempotencyKey)))
        return nodes
    }
}

enum UUIDKey {
    static func make() -> String { UUID().uuidString.lowercased() }
}
