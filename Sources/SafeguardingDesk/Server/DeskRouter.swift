import Foundation
public import Hummingbird

/// The desk's routes over ``DeskApp``, and the security headers every response carries.
public enum DeskRouter {
    /// One header field (HTTPTypes' `HTTPField`, reached through the type Hummingbird exports).
    typealias Field = HTTPFields.Element

    /// The largest form body read (larger ones are refused with 413).
    static let maximumBodyBytes = 65_536

    /// The headers on every response: a CSP with no inline script and no framing, no sniffing, no referrer, no
    /// caching of pages that hold record content, and HSTS when the request came over TLS.
    static func securityHeaders(viaTLS: Bool) -> HTTPFields {
        var pairs = [
            (
                "Content-Security-Policy",
                "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
        ]
        if viaTLS { pairs.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains")) }
        var headers = HTTPFields()
        for (name, value) in pairs {
            if let field = Field.Name(name) { headers[field] = value }
        }
        return headers
    }

    public static func router(_ app: DeskApp) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { request, _ in try await respond(request) { app.home($0) } }
        router.get("signin") { request, _ in try await respond(request) { app.signInPage($0) } }
        router.post("signin") { request, _ in try await respond(request) { app.signIn($0) } }
        router.post("signout") { request, _ in try await respond(request) { app.signOut($0) } }
        router.get("setup") { request, _ in try await respond(request) { app.setupPage($0) } }
        router.post("setup") { request, _ in try await respond(request) { app.setupStart($0) } }
        router.post("setup/finish") { request, _ in try await respond(request) { app.setupFinish($0) } }
        router.get("queue") { request, _ in try await respond(request) { app.queue($0) } }
        router.get("alerts") { request, _ in try await respond(request) { app.alertsPage($0) } }
        router.get("audit") { request, _ in try await respond(request) { app.audit($0) } }
        router.get("reports") { request, _ in try await respond(request) { app.reports($0) } }
        router.get("reports.csv") { request, _ in try await respond(request) { app.reportsCSV($0) } }
        router.get("concerns/:ref") { request, context in
            let reference = context.parameters.get("ref")
            return try await respond(request) { app.concern($0, reference: reference) }
        }
        router.get("concerns/:ref/print") { request, context in
            let reference = context.parameters.get("ref")
            return try await respond(request) { app.printConcern($0, reference: reference) }
        }
        let actions: [(String, @Sendable (DeskApp, DeskRequest, String?) -> DeskResponse)] = [
            ("reason", { $0.giveReason($1, reference: $2) }),
            ("acknowledge", { $0.acknowledge($1, reference: $2) }),
            ("note", { $0.addNote($1, reference: $2) }),
            ("stage", { $0.moveStage($1, reference: $2) }),
            ("reopen", { $0.reopen($1, reference: $2) }),
            ("assign", { $0.assign($1, reference: $2) }),
            ("task", { $0.addTask($1, reference: $2) }),
            ("task/complete", { $0.completeTask($1, reference: $2) }),
        ]
        for (name, action) in actions {
            router.post(RouterPath("concerns/:ref/\(name)")) { request, context in
                let reference = context.parameters.get("ref")
                return try await respond(request) { action(app, $0, reference) }
            }
        }
        router.post("alerts/:id/acknowledge") { request, context in
            let id = context.parameters.get("id")
            return try await respond(request) { app.acknowledgeAlert($0, id: id) }
        }
        router.get("content") { request, _ in try await respond(request) { app.contentHealth($0) } }
        router.post("content/snippets/:id/approve") { request, context in
            let id = context.parameters.get("id")
            return try await respond(request) { app.approveSnippet($0, id: id) }
        }
        router.post("content/snippets/:id/reject") { request, context in
            let id = context.parameters.get("id")
            return try await respond(request) { app.rejectSnippet($0, id: id) }
        }
        router.get("static/desk.css") { request, _ in try await respond(request) { _ in app.stylesheetResponse() } }
        router.get("healthz") { request, _ in
            try await respond(request) { _ in DeskResponse(contentType: "text/plain", body: "ok\n") }
        }
        return router
    }

    /// Parses the request (cookies, query, a form body up to the limit), runs `handle`, and adds the headers.
    static func respond(
        _ request: Request,
        _ handle: @Sendable (DeskRequest) -> DeskResponse
    ) async throws -> Response {
        let viaTLS = request.headers.contains {
            $0.name.canonicalName == "x-forwarded-proto" && $0.value.lowercased() == "https"
        }
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
            query[String(name)] = String(value)
        }
        var form: [String: String] = [:]
        if request.method == .post {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodyBytes {
                return response(
                    DeskResponse(status: 413, contentType: "text/plain", body: "too large\n"),
                    viaTLS: viaTLS
                )
            }
            guard let buffer = try? await request.body.collect(upTo: maximumBodyBytes) else {
                return response(
                    DeskResponse(status: 413, contentType: "text/plain", body: "too large\n"),
                    viaTLS: viaTLS
                )
            }
            form = DeskRequest.form(String(decoding: buffer.readableBytesView, as: UTF8.self))
        }
        let desk = DeskRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: query,
            form: form,
            cookies: DeskRequest.cookies(request.headers[values: .cookie].joined(separator: "; ")),
            viaTLS: viaTLS
        )
        return response(handle(desk), viaTLS: viaTLS)
    }

    static func response(_ desk: DeskResponse, viaTLS: Bool) -> Response {
        var headers = securityHeaders(viaTLS: viaTLS)
        headers[.contentType] = desk.contentType
        if let location = desk.location { headers[.location] = location }
        if let fileName = desk.fileName { headers[.contentDisposition] = "attachment; filename=\"\(fileName)\"" }
        for cookie in desk.setCookies { headers.append(Field(name: .setCookie, value: cookie)) }
        return Response(
            status: HTTPResponse.Status(code: desk.status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: Array(desk.body.utf8)))
        )
    }
}
