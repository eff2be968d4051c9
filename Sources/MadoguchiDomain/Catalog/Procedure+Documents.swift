extension Procedure {
    /// The id of the step that collects the 添付書類 listed under `attachments`.
    public static let documentStepID = "documents"

    /// The form field that uploads the listed attachment `id`.
    public static func documentFieldID(_ attachmentID: String) -> String {
        "document_" + attachmentID.replacingOccurrences(of: "-", with: "_")
    }

    /// Residents attach the listed 添付書類 online: unless the catalog file places attachment fields
    /// in its own steps, a last step offers one upload per listed document (required where the
    /// document is required, with its note as the hint).
    func addingDocumentStep() -> Procedure {
        guard !attachments.isEmpty, !fields.contains(where: Procedure.containsAttachment),
            step(Procedure.documentStepID) == nil
        else { return self }
        var copy = self
        copy.steps.append(
            FormStep(
                id: Procedure.documentStepID, title: LocalizedText(ja: "添付書類", en: "Documents"),
                fields: attachments.map { document in
                    FieldDefinition(
                        id: Procedure.documentFieldID(document.id), type: .attachment, label: document.name,
                        help: document.note, required: document.required)
                }))
        return copy
    }

    /// The most that one step's uploads may weigh together, in MB: the sum of the `max_mb` of the
    /// attachment fields on a step, for the step with the most (a group's counted once per item it
    /// may have, once when it names no maximum). An HTML step posts all its files in one body.
    public var largestStepUploadMB: Int {
        func total(_ fields: [FieldDefinition]) -> Int {
            fields.reduce(0) { sum, field in
                switch field.type {
                case .attachment: sum + field.maxAttachmentMB
                case .group: sum + total(field.fields) * (field.max ?? 1)
                default: sum
                }
            }
        }
        return steps.map { total($0.fields) }.max() ?? 0
    }

    static func containsAttachment(_ field: FieldDefinition) -> Bool {
        field.type == .attachment || field.fields.contains(where: containsAttachment)
    }
}
