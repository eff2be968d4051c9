import Vapor

/// Registers every route of `Route`, so the route table and the links cannot drift apart.
func registerRoutes(_ app: Application) {
    for route in Route.allCases {
        // Bodies are streamed and collected by the handlers with the configured limit (→ 413).
        if route == .apiSubmit {
            // Answered on the event loop by the intake writer (see APIController.submit).
            app.on(route.method, route.pathComponents, body: .stream) { req in APIController.submit(req) }
            continue
        }
        let handler = handler(for: route)
        app.on(route.method, route.pathComponents, body: .stream) { req async throws -> Response in
            try await handler(req)
        }
    }
    app.get("api", "openapi.json") { _ async throws -> Response in throw AppError.notFound }
}

private func handler(for route: Route) -> @Sendable (Request) async throws -> Response {
    switch route {
    case .home: PortalController.home
    case .search: PortalController.search
    case .category: PortalController.category
    case .procedure: PortalController.procedure
    case .apply: FormController.start
    case .applyStep: FormController.step
    case .submit: FormController.submit
    case .receipt: FormController.receipt
    case .statusForm: LookupController.statusForm
    case .statusLookup: LookupController.statusLookup
    case .resumeForm: LookupController.resumeForm
    case .resumeLookup: LookupController.resumeLookup
    case .language: PortalController.language
    case .health: PortalController.health
    case .stylesheet: PortalController.stylesheet
    case .script: PortalController.script
    case .apiProcedures: { req in try await json(APIController.procedures(req), req) }
    case .apiProcedure: { req in try await json(APIController.procedure(req), req) }
    case .apiSubmit: { req in try await APIController.submit(req).get() }
    case .apiAttachment: APIController.uploadAttachment
    case .apiApplication: { req in try await json(APIController.application(req), req) }
    case .openAPI:
        { _ in
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
