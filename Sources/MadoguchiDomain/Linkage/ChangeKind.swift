/// 区分: what a row of an incremental (差分) file does.
public enum ChangeKind: Sendable, Hashable, CaseIterable {
    /// 追加: a person or serial number the register did not have.
    case add
    /// 変更: new values for one it has.
    case change
    /// 削除: one to take out.
    case delete

    /// Reads `追加`/`変更`/`削除`, `A`/`U`/`D`, `1`/`2`/`3`, and the English
    /// words add/insert, change/update, delete/remove, in either case.
    public init?(code: String) {
        let words: [(ChangeKind, [String])] = [
            (.add, ["追加", "新規", "a", "1", "add", "insert"]),
            (.change, ["変更", "修正", "u", "2", "change", "update"]),
            (.delete, ["削除", "d", "3", "delete", "remove"]),
        ]
        guard let (kind, _) = words.first(where: { TextNormalization.equalsIgnoringASCIICase(code, oneOf: $0.1) })
        else { return nil }
        self = kind
    }

    public var label: LocalizedText {
        switch self {
        case .add: LocalizedText(ja: "追加", en: "Add")
        case .change: LocalizedText(ja: "変更", en: "Change")
        case .delete: LocalizedText(ja: "削除", en: "Delete")
        }
    }
}

/// Whether a file holds everything (全件) or only what changed since the last one (差分).
public enum ImportKind: Sendable, Hashable {
    /// 全件: every row is the state as of the file's date. For the resident register, a person
    /// the file leaves out is ended.
    case full
    /// 差分: each row adds, changes or deletes (its 区分); what the file leaves out stays.
    case incremental

    public var label: LocalizedText {
        switch self {
        case .full: LocalizedText(ja: "全件", en: "Full")
        case .incremental: LocalizedText(ja: "差分", en: "Incremental")
        }
    }
}
