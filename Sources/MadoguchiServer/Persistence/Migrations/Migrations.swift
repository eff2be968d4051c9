import Fluent

enum Migrations {
    /// Registered in order; never edit one that has landed — add the next.
    static let all: [any Migration] = [
        CreateFoundation(),  // the first tables
        AddRequestDigest(),  // a reused idempotency key with other content is a conflict
        AddDraftSession(),  // drafts deleted when their form is submitted
        AddAttachmentFiles(),  // which files applications refer to, so the others can be removed
        AddUploadCounts(),  // how much each client uploaded this hour
        AddStaff(),  // staff accounts, their 課 and sessions
        AddAuditLog(),  // the hash-chained audit log
        AddInbox(),  // the inbox projection and its counts
        AddWorkflow(),  // notes, 補正 requests, earlier answers
        AddOutbox(),  // notices to residents, and their templates
        AddNumberKey(),  // which key seals an application's 個人番号
        AddPortalImport(),  // applications from マイナポータル and the packages held back
        AddHandOff(),  // applications released to core systems, in order
        AddCoreClients(),  // the hand-off API's clients, their tokens and used assertion ids
        AddHandOffExports(),  // files for core systems: each target's cursor, every file written
        AddPortalPull(),  // how far each municipality's pull from マイナポータル got
        AddResidentRegister(),  // the resident register, its changes, and certificate serial numbers
    ]
}
