import Vapor

/// Registers every route of `Route` in its group, so the route table and the links cannot drift
/// apart, and each group's middleware is attached once, here.
func registerRoutes(_ app: Application, secureCookies: Bool) {
    let noStore = NoStoreMiddleware()
    for route in Route.allCases {
        var builder: any RoutesBuilder =
            switch route.group {
            case .resident: app.grouped(CSRFMiddleware(secure: secureCookies))
            case .assets: app
            case .api: app.grouped(APIGroupMiddleware())
            case .staffEntry: app.grouped(CSRFMiddleware(secure: secureCookies))
            case .staff:
                app.grouped(CSRFMiddleware(secure: secureCookies)).grouped(
                    StaffSessionMiddleware(roles: route.staffRoles))
            case .coreAPI:
                route.corePermission.map {
                    app.grouped(APIGroupMiddleware(), noStore).grouped(CoreBearerMiddleware(permission: $0))
                } ?? app.grouped(APIGroupMiddleware())
            }
        if route.answersArePrivate { builder = builder.grouped(noStore) }
        // Bodies are streamed and collected by the handlers with the configured limit (→ 413).
        switch handler(for: route) {
        case .task(let handler):
            builder.on(route.method, route.pathComponents, body: .stream) { req async throws -> Response in
                try await handler(req)
            }
        case .loop(let handler):
            builder.on(route.method, route.pathComponents, body: .stream) { req in handler(req) }
        }
    }
    app.grouped(APIGroupMiddleware()).get("api", "openapi.json") { _ async throws -> Response in
        throw AppError.notFound
    }
}

/// How a route answers: in a task (most of them), or on the event loop with a future (the JSON
/// submission, which the intake writer answers there; see `APIController.submit`).
private enum Handler {
    case task(@Sendable (Request) async throws -> Response)
    case loop(@Sendable (Request) -> EventLoopFuture<Response>)
}

private func handler(for route: Route) -> Handler {
    switch route {
    case .home: .task(PortalController.home)
    case .search: .task(PortalController.search)
    case .category: .task(PortalController.category)
    case .procedure: .task(PortalController.procedure)
    case .apply: .task(FormController.start)
    case .applyStep: .task(FormController.step)
    case .submit: .task(FormController.submit)
    case .receipt: .task(FormController.receipt)
    case .statusForm: .task(LookupController.statusForm)
    case .statusLookup: .task(LookupController.statusLookup)
    case .resumeForm: .task(LookupController.resumeForm)
    case .resumeLookup: .task(LookupController.resumeLookup)
    case .statusCorrection: .task(ResidentActions.correction)
    case .statusWithdraw: .task(ResidentActions.withdraw)
    case .language: .task(PortalController.language)
    case .health: .task(PortalController.health)
    case .stylesheet: .task(PortalController.stylesheet)
    case .script: .task(PortalController.script)
    case .apiProcedures: .task { req in try await json(APIController.procedures(req), req) }
    case .apiProcedure: .task { req in try await json(APIController.procedure(req), req) }
    case .apiSubmit: .loop(APIController.submit)
    case .apiAttachment: .task(APIController.uploadAttachment)
    case .apiApplication: .task { req in try await json(APIController.application(req), req) }
    case .staffSignInForm: .task(SignInController.form)
    case .staffSignIn: .task(SignInController.signIn)
    case .staffCodeForm: .task(SignInController.codeForm)
    case .staffCode: .task(SignInController.code)
    case .staffSetupForm: .task(SignInController.setupForm)
    case .staffSetup: .task(SignInController.setup)
    case .staffSignOut: .task(SignInController.signOut)
    case .staffSignOutEverywhere: .task(SignInController.signOutEverywhere)
    case .staffInbox: .task(InboxController.inbox)
    case .staffApplication: .task(ApplicationController.show)
    case .staffApplicationAction: .task(ApplicationController.act)
    case .staffApplicationNote: .task(ApplicationController.addNote)
    case .staffApplicationAssign: .task(ApplicationController.assign)
    case .staffApplicationReveal: .task(ApplicationController.reveal)
    case .staffInboxCSV: .task(InboxExport.csv)
    case .staffAttachment: .task(AttachmentView.show)
    case .staffTemplates: .task(TemplateController.show)
    case .staffTemplateUpdate: .task(TemplateController.update)
    case .staffAdminStaff: .task(StaffAdminController.list)
    case .staffAdminStaffCreate: .task(StaffAdminController.create)
    case .staffAdminStaffMember: .task(StaffAdminController.show)
    case .staffAdminStaffUpdate: .task(StaffAdminController.update)
    case .staffAudit: .task(AuditController.show)
    case .staffQuarantine: .task(QuarantineController.show)
    case .staffMatching: .task(MatchingController.queue)
    case .staffApplicationMatch: .task(MatchingController.match)
    case .staffTranscription: .task(TranscriptionController.show)
    case .staffTranscriptionCSV: .task(TranscriptionController.csv)
    case .coreToken: .task(TokenController.token)
    case .coreIntrospect: .task(IntrospectionController.introspect)
    case .coreApplications: .task(HandOffAPIController.applications)
    case .coreAcknowledge: .task(HandOffAPIController.acknowledge)
    case .coreDecision: .task(HandOffAPIController.decide)
    case .openAPI:
        .task { _ in
            let response = Response(status: .ok, body: .init(string: OpenAPIDocument.yaml))
            response.headers.replaceOrAdd(name: .contentType, value: "application/yaml; charset=utf-8")
            return response
        }
    }
}

private func json(_ value: some Content, _ req: Request) async throws -> Response {
    let response = Response(status: .ok)
    try response.content.encode(value, as: .json)
    return response
}
