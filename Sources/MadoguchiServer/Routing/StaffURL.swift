import Foundation

/// A link target on the staff side, made from `Route`.
enum StaffURL: Sendable, Equatable {
    case signIn, code, setup, signOut, signOutEverywhere
    case inbox(query: String = "")
    case application(UUID)
    case action(UUID)
    case note(UUID)
    case assign(UUID)
    case reveal(UUID)
    case inboxCSV(query: String = "")
    case attachment(UUID, sha256: String)
    case adminStaff
    case adminStaffMember(UUID)
    case audit(query: String = "")
    case quarantine
    case matching
    case match(UUID)
    case transcription(UUID, query: String = "")
    case transcriptionCSV(UUID, query: String = "")

    var path: String {
        switch self {
        case .signIn: Route.staffSignInForm.path()
        case .code: Route.staffCodeForm.path()
        case .setup: Route.staffSetupForm.path()
        case .signOut: Route.staffSignOut.path()
        case .signOutEverywhere: Route.staffSignOutEverywhere.path()
        case .inbox(let query): Route.staffInbox.path() + (query.isEmpty ? "" : "?" + query)
        case .application(let id): Route.staffApplication.path(id.uuidString)
        case .action(let id): Route.staffApplicationAction.path(id.uuidString)
        case .note(let id): Route.staffApplicationNote.path(id.uuidString)
        case .assign(let id): Route.staffApplicationAssign.path(id.uuidString)
        case .reveal(let id): Route.staffApplicationReveal.path(id.uuidString)
        case .inboxCSV(let query): Route.staffInboxCSV.path() + (query.isEmpty ? "" : "?" + query)
        case .attachment(let id, let sha256): Route.staffAttachment.path(id.uuidString, sha256)
        case .adminStaff: Route.staffAdminStaff.path()
        case .adminStaffMember(let id): Route.staffAdminStaffMember.path(id.uuidString)
        case .audit(let query): Route.staffAudit.path() + (query.isEmpty ? "" : "?" + query)
        case .quarantine: Route.staffQuarantine.path()
        case .matching: Route.staffMatching.path()
        case .match(let id): Route.staffApplicationMatch.path(id.uuidString)
        case .transcription(let id, let query):
            Route.staffTranscription.path(id.uuidString) + (query.isEmpty ? "" : "?" + query)
        case .transcriptionCSV(let id, let query):
            Route.staffTranscriptionCSV.path(id.uuidString) + (query.isEmpty ? "" : "?" + query)
        }
    }
}
