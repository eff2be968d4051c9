import MadoguchiDomain
import Vapor

/// The one route table: every route is registered from `Route` (`registerRoutes`), in its group,
/// and every link is made from it through `SiteURL`, so each path is written once, here.
enum Route: String, CaseIterable, Sendable {
    case home, search, category, procedure, apply, applyStep, submit, receipt, statusForm, statusLookup, resumeForm
    case resumeLookup, language, health, stylesheet, script, statusCorrection, statusWithdraw
    case apiProcedures, apiProcedure, apiSubmit, apiApplication, apiAttachment, openAPI
    // Staff: signing in (no session yet, or one half-way).
    case staffSignInForm, staffSignIn, staffCodeForm, staffCode, staffSetupForm, staffSetup
    // Staff: signed in.
    case staffSignOut, staffSignOutEverywhere, staffInbox, staffApplication
    case staffApplicationAction, staffApplicationNote, staffApplicationAssign, staffApplicationReveal
    case staffInboxCSV, staffAttachment, staffTemplates, staffTemplateUpdate
    case staffAdminStaff, staffAdminStaffCreate, staffAdminStaffMember, staffAdminStaffUpdate, staffAudit
    case staffQuarantine, staffMatching, staffApplicationMatch, staffTranscription, staffTranscriptionCSV
    // Core systems (the hand-off API): OAuth 2.0 client credentials, then bearer tokens.
    case coreToken, coreIntrospect, coreApplications, coreAcknowledge, coreDecision

    /// Who a route is for; each group has its own middleware (`registerRoutes`).
    enum Group: Sendable, CaseIterable {
        /// The resident's pages: forms with CSRF tokens.
        case resident
        /// Stylesheet, script and the health check: no cookies, no forms.
        case assets
        /// The JSON API: no cookies; errors answered as JSON.
        case api
        /// Signing in to the staff pages: forms with CSRF tokens, no session needed yet.
        case staffEntry
        /// The staff pages: a signed-in session of this municipality, and the route's roles.
        case staff
        /// The hand-off API for core systems: JSON, no cookies, nothing cached; a bearer token with
        /// the route's scope (`corePermission`), except at the token and introspection endpoints.
        case coreAPI

        /// The path every route of the group starts with, if the group has one of its own (an
        /// error at a path no route has is answered in the group's way).
        var prefix: String? {
            switch self {
            case .api: "/api/"
            case .coreAPI: "/core/"
            case .resident, .assets, .staffEntry, .staff: nil
            }
        }

        /// The group whose prefix `path` starts with, when a path no route has is answered.
        static func owning(_ path: String) -> Group? {
            allCases.first { group in group.prefix.map { path.hasPrefix($0) } ?? false }
        }
    }

    var group: Group {
        switch self {
        case .apiProcedures, .apiProcedure, .apiSubmit, .apiApplication, .apiAttachment, .openAPI: .api
        case .health, .stylesheet, .script: .assets
        case .coreToken, .coreIntrospect, .coreApplications, .coreAcknowledge, .coreDecision: .coreAPI
        case .staffSignInForm, .staffSignIn, .staffCodeForm, .staffCode, .staffSetupForm, .staffSetup: .staffEntry
        case .staffSignOut, .staffSignOutEverywhere, .staffInbox, .staffApplication, .staffApplicationAction,
            .staffApplicationNote, .staffApplicationAssign, .staffApplicationReveal, .staffInboxCSV, .staffAttachment,
            .staffTemplates, .staffTemplateUpdate, .staffAdminStaff,
            .staffAdminStaffCreate, .staffAdminStaffMember, .staffAdminStaffUpdate, .staffAudit, .staffQuarantine,
            .staffMatching, .staffApplicationMatch, .staffTranscription, .staffTranscriptionCSV:
            .staff
        default: .resident
        }
    }

    /// The roles a staff route needs (any one of them); nil for every signed-in member.
    var staffRoles: Set<StaffRole>? {
        switch self {
        case .staffInbox, .staffApplication, .staffApplicationAction, .staffApplicationNote, .staffApplicationAssign,
            .staffInboxCSV, .staffAttachment:
            StaffRole.applicationRoles
        case .staffApplicationReveal: [.caseWorker, .approver]
        case .staffAdminStaff, .staffAdminStaffCreate, .staffAdminStaffMember, .staffAdminStaffUpdate, .staffTemplates,
            .staffTemplateUpdate:
            [.admin]
        case .staffAudit: [.auditor]
        case .staffQuarantine: [.admin, .caseWorker]
        case .staffMatching, .staffApplicationMatch, .staffTranscription, .staffTranscriptionCSV: [.caseWorker]
        default: nil
        }
    }

    /// The scope a hand-off API route needs; nil for the routes where a client authenticates itself.
    var corePermission: CoreScope.Permission? {
        switch self {
        case .coreApplications: .readApplications
        case .coreAcknowledge: .acknowledgeApplications
        case .coreDecision: .writeDecisions
        default: nil
        }
    }

    var method: HTTPMethod {
        switch self {
        case .applyStep, .submit, .statusLookup, .resumeLookup, .apiSubmit, .apiAttachment, .statusCorrection,
            .statusWithdraw:
            .POST
        case .staffSignIn, .staffCode, .staffSetup, .staffSignOut, .staffSignOutEverywhere, .staffApplicationAction,
            .staffApplicationNote, .staffApplicationAssign, .staffApplicationReveal, .staffAdminStaffCreate,
            .staffAdminStaffUpdate, .staffTemplateUpdate, .staffApplicationMatch:
            .POST
        case .coreToken, .coreIntrospect, .coreAcknowledge, .coreDecision: .POST
        default: .GET
        }
    }

    /// Whether answers carry an application's 照会キー or status: no cache may keep them.
    var answersArePrivate: Bool {
        switch self {
        case .apiSubmit, .apiApplication: true
        default: group == .staff || group == .staffEntry || group == .coreAPI
        }
    }

    var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .search: ["search"]
        case .category: ["categories", ":category"]
        case .procedure: ["procedures", ":procedure"]
        case .apply, .applyStep: ["procedures", ":procedure", "apply"]
        case .submit: ["procedures", ":procedure", "submit"]
        case .receipt: ["receipt"]
        case .statusForm, .statusLookup: ["status"]
        case .statusCorrection: ["status", "correction"]
        case .statusWithdraw: ["status", "withdraw"]
        case .resumeForm, .resumeLookup: ["resume"]
        case .language: ["lang", ":language"]
        case .health: ["health"]
        case .stylesheet: ["assets", "app.css"]
        case .script: ["assets", "app.js"]
        case .apiProcedures: ["api", "v1", "procedures"]
        case .apiProcedure: ["api", "v1", "procedures", ":procedure"]
        case .apiSubmit: ["api", "v1", "applications"]
        case .apiApplication: ["api", "v1", "applications", ":receipt"]
        case .apiAttachment: ["api", "v1", "attachments"]
        case .openAPI: ["api", "openapi.yaml"]
        case .staffSignInForm, .staffSignIn: ["staff", "sign-in"]
        case .staffCodeForm, .staffCode: ["staff", "sign-in", "code"]
        case .staffSetupForm, .staffSetup: ["staff", "setup"]
        case .staffSignOut: ["staff", "sign-out"]
        case .staffSignOutEverywhere: ["staff", "sign-out-everywhere"]
        case .staffInbox: ["staff"]
        case .staffApplication: ["staff", "applications", ":application"]
        case .staffApplicationAction: ["staff", "applications", ":application", "actions"]
        case .staffApplicationNote: ["staff", "applications", ":application", "notes"]
        case .staffApplicationAssign: ["staff", "applications", ":application", "assignee"]
        case .staffApplicationReveal: ["staff", "applications", ":application", "individual-numbers"]
        case .staffInboxCSV: ["staff", "inbox.csv"]
        case .staffTemplates, .staffTemplateUpdate: ["staff", "admin", "templates"]
        case .staffAttachment: ["staff", "applications", ":application", "attachments", ":sha256"]
        case .staffAdminStaff, .staffAdminStaffCreate: ["staff", "admin", "staff"]
        case .staffAdminStaffMember, .staffAdminStaffUpdate: ["staff", "admin", "staff", ":staff"]
        case .staffAudit: ["staff", "audit"]
        case .staffQuarantine: ["staff", "linkage", "quarantine"]
        case .staffMatching: ["staff", "linkage", "matching"]
        case .staffApplicationMatch: ["staff", "applications", ":application", "resident"]
        case .staffTranscription: ["staff", "applications", ":application", "transcription"]
        case .staffTranscriptionCSV: ["staff", "applications", ":application", "transcription.csv"]
        case .coreToken: ["core", "v1", "token"]
        case .coreIntrospect: ["core", "v1", "introspect"]
        case .coreApplications: ["core", "v1", "procedures", ":procedure", "applications"]
        case .coreAcknowledge: ["core", "v1", "applications", ":application", "acknowledgement"]
        case .coreDecision: ["core", "v1", "applications", ":application", "decision"]
        }
    }

    /// The route's path with its parameters filled in, in order, each percent-encoded.
    func path(_ parameters: String...) -> String {
        var values = parameters.makeIterator()
        let segments = pathComponents.map { component -> String in
            switch component {
            case .constant(let constant): constant
            default: SiteURL.escape(values.next() ?? "")
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    /// The methods the routes at `path` answer (its segments split as Vapor's router splits them),
    /// for the `Allow` header of a 405: a request with another method at a path the portal has is
    /// told which it takes, not that the path does not exist. GET routes answer HEAD too (Vapor's
    /// router forwards it). None when no route has the path.
    static func methods(allowedAt path: String) -> [HTTPMethod] {
        let segments = path.split(separator: "/")
        var methods: Set<String> = []
        for route in allCases where route.matches(segments) {
            methods.insert(route.method.rawValue)
            if route.method == .GET { methods.insert(HTTPMethod.HEAD.rawValue) }
        }
        return methods.sorted().map { HTTPMethod(rawValue: $0) }
    }

    private func matches(_ segments: [Substring]) -> Bool {
        let components = pathComponents
        guard components.count == segments.count else { return false }
        return zip(components, segments).allSatisfy { component, segment in
            if case .constant(let constant) = component { return constant == segment }
            return true
        }
    }
}
