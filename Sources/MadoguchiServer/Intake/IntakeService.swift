import Crypto
import Fluent
import Foundation
import MadoguchiDomain
import NIOCore

/// One way in for every channel: validate through the domain, then store through the group-commit writer.
struct IntakeService: Sendable {
    let writer: any DatabaseWriter
    let clock: any WallClock
    /// Makes the 照会キー under the server secret.
    let inquiryKeys: AccessCode.InquiryKeySigner
    let attachments: AttachmentStore
    /// Seals 個人番号 before anything is stored.
    let numberVault: NumberVault

    enum Outcome: Sendable {
        case invalid([FieldIssue])
        case stored(Receipt)
        /// The idempotency key was already used for a different application.
        case conflict
    }

    /// What the resident keeps: 受付番号 and 照会キー.
    struct Receipt: Sendable, Equatable {
        var applicationID: UUID
        var receiptNumber: ReceiptNumber
        var inquiryKey: String
        var submittedAt: Date
        var created: Bool
    }

    /// What validation needs at `now`: the day in Japan, the municipality's 開庁日, and this server's
    /// attachments.
    func validationContext(for municipality: Municipality, at now: Date? = nil) -> ValidationContext {
        let attachments = self.attachments
        let now = now ?? clock.now()
        return ValidationContext(
            today: JapanCalendar.civilDate(of: now), openDays: municipality.openDays
        ) { token in
            attachments.resolve(token: token, at: now, tenant: municipality.code)
        }
    }

    /// `portal` and `keeping` are for an application from マイナポータル: its link, stored in the same
    /// transaction, and the files besides its attachments that it keeps (the package as received).
    func submit(
        _ procedure: Procedure, input: FormInput, municipality: Municipality, channel: IntakeChannel,
        idempotencyKey: String?, portal: PortalLink? = nil, keeping: [String] = []
    ) async throws -> Outcome {
        var issues: [FieldIssue] = []
        let stored = try await writer.submit {
            prepare(
                procedure, input: input, municipality: municipality, channel: channel, idempotencyKey: idempotencyKey,
                issues: &issues
            ).map { pending in
                var pending = pending
                pending.portal = portal
                pending.attachments += keeping
                return pending
            }
        }
        guard let stored else { return .invalid(issues) }
        return outcome(of: stored, tenant: municipality.code)
    }

    /// The same, answering through `answer` on `loop` once the application is committed, instead of
    /// resuming a task: a caller on an event loop is answered there with no hop through the task
    /// pool. The receipt (its 照会キー is an HMAC) and the answer are made on `loop`, not on the
    /// writer's thread, which every submission waits for. The issues when the input is invalid
    /// (`answer` is then not called).
    func submit(
        _ procedure: Procedure, input: FormInput, municipality: Municipality, channel: IntakeChannel,
        idempotencyKey: String?, answeringOn loop: any EventLoop,
        answer: @escaping @Sendable (Result<Outcome, any Error>) -> Void
    ) throws -> [FieldIssue]? {
        var issues: [FieldIssue] = []
        let tenant = municipality.code
        let taken = try writer.submit(preparing: {
            prepare(
                procedure, input: input, municipality: municipality, channel: channel, idempotencyKey: idempotencyKey,
                issues: &issues)
        }) { [self] stored in
            loop.execute { answer(stored.map { outcome(of: $0, tenant: tenant) }) }
        }
        return taken ? nil : issues
    }

    /// The application `submit` would store, without storing it (the import benchmark's ceiling
    /// inserts copies of it directly).
    func pending(
        _ procedure: Procedure, input: FormInput, municipality: Municipality, channel: IntakeChannel,
        idempotencyKey: String?
    ) -> Result<PendingApplication, FieldIssues> {
        var issues: [FieldIssue] = []
        guard
            let pending = prepare(
                procedure, input: input, municipality: municipality, channel: channel, idempotencyKey: idempotencyKey,
                issues: &issues)
        else { return .failure(FieldIssues(issues: issues)) }
        return .success(pending)
    }

    struct FieldIssues: Error {
        var issues: [FieldIssue]
    }

    /// Validates and encodes the input at this moment: the application to store, or nil with the
    /// issues.
    private func prepare(
        _ procedure: Procedure, input: FormInput, municipality: Municipality, channel: IntakeChannel,
        idempotencyKey: String?, issues: inout [FieldIssue]
    ) -> PendingApplication? {
        let now = clock.now()
        let context = validationContext(for: municipality, at: now)
        let outcome = FormValidator.validate(procedure, input: input, context: context)
        guard outcome.isValid else {
            issues = outcome.issues
            return nil
        }
        // The digest (a repeated key must bring the same answers) is of the answers as given; what is
        // stored has its 個人番号 sealed, with a fresh nonce each time.
        let digest = SHA256Hex.of(
            Data("\(procedure.id)|\(procedure.version)|\(FormDataCoding.encode(outcome.data))".utf8))
        let encoded = FormDataCoding.encode(
            numberVault.sealAll(outcome.data, procedure: procedure, tenant: municipality.code.value))
        let key = idempotencyKey.flatMap(Self.cleanKey)
        return PendingApplication(
            tenant: municipality.code, procedureID: procedure.id, procedureVersion: procedure.version,
            channel: channel, encodedData: encoded, idempotencyKey: key, requestDigest: digest,
            submittedAt: now, receiptYear: context.today.year,
            draftSession: channel == .web ? key.map(DraftRecord.sessionDigest) : nil,
            attachments: AttachmentReference.all(in: outcome.data).map(\.sha256),
            inbox: InboxFields.make(
                procedure: procedure, data: outcome.data, received: context.today, openDays: municipality.openDays),
            numberKey: numberVault.current.id)
    }

    private func outcome(of stored: StoredApplication, tenant: LocalGovernmentCode) -> Outcome {
        if stored.conflict { return .conflict }
        return .stored(
            receipt(
                for: stored.receiptNumber, id: stored.id, at: stored.submittedAt, tenant: tenant,
                created: stored.created))
    }

    func receipt(
        for number: ReceiptNumber, id: UUID, at date: Date, tenant: LocalGovernmentCode, created: Bool
    ) -> Receipt {
        Receipt(
            applicationID: id, receiptNumber: number,
            inquiryKey: inquiryKeys.key(tenant: tenant, receipt: number), submittedAt: date,
            created: created)
    }

    /// Idempotency keys are opaque client strings; keep them short and printable.
    static func cleanKey(_ key: String) -> String? {
        let trimmed = TextNormalization.trim(key)
        guard (8...128).contains(trimmed.utf8.count), trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return nil
        }
        return trimmed
    }
}
