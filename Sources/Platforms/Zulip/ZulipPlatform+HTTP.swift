import CurlHTTP
import Foundation

extension ZulipPlatform {
    /// A response with Zulip's machine-readable error `code` (never the localized `msg`) and wait.
    struct Response {
        let http: HTTPResponse
        let error: ZulipWire.Answer?
        var code: String? { error?.code }
    }

    /// One request whose answer must be a success; form fields are sent URL-encoded, as Zulip expects. `what`
    /// describes a success whose body is not an `Answer` (by default "malformed JSON from <path>").
    func call<Answer: Decodable>(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [(String, String)] = [],
        form: [(String, String)]? = nil,
        what: String? = nil
    ) async throws(PlatformError) -> Answer {
        try check(try await perform(method, path, query: query, form: form), path: path, what: what)
    }

    /// One request answered with the few fields ``ZulipWire/Answer`` reads.
    func call(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [(String, String)] = [],
        form: [(String, String)]? = nil
    ) async throws(PlatformError) -> ZulipWire.Answer {
        try check(try await perform(method, path, query: query, form: form), path: path, what: nil)
    }

    func perform(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [(String, String)] = [],
        form: [(String, String)]? = nil,
        timeout: Double = 30
    ) async throws(PlatformError) -> Response {
        var url = site + path
        if !query.isEmpty { url += "?" + Self.formEncoded(query) }
        var headers: [(name: String, value: String)] = [
            ("Accept", "application/json"), ("Authorization", authorization),
        ]
        var body: Data?
        if let form {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Data(Self.formEncoded(form).utf8)
        }
        let response = try await transport.perform(
            HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: timeout),
            context: "platform \(id)"
        )
        return Response(
            http: response,
            error: response.isSuccess ? nil : WireJSON.decode(ZulipWire.Answer.self, from: response.body)
        )
    }

    /// A successful response's answer, or the fault classified for the runtime.
    func check<Answer: Decodable>(_ response: Response, path: String, what: String?) throws(PlatformError) -> Answer {
        let status = response.http.status
        if response.http.isSuccess {
            guard let answer = WireJSON.decode(Answer.self, from: response.http.body) else {
                throw PlatformError(.transient, "platform \(id): \(what ?? "malformed JSON from \(path)")")
            }
            return answer
        }
        let code = response.code ?? "HTTP \(status)"
        if status == 429 || code == "RATE_LIMIT_HIT" {
            let seconds =
                response.http.retryAfterSeconds ?? response.error?.retryAfter?.seconds ?? 1
            throw PlatformError(.rateLimited(seconds: seconds), "platform \(id): rate limited (\(code))")
        }
        switch status {
        case 401:
            // An API key cannot be renewed by logging in again.
            throw PlatformError(.fatal, "platform \(id): the bot's email and API key were refused (\(code))")
        case 500...:
            throw PlatformError(.transient, "platform \(id): server error \(status) from \(path)")
        default:
            throw PlatformError(.rejected, "platform \(id): request to \(path) refused: \(code)")
        }
    }

    /// `name=value&…`, every byte but the unreserved ones percent-encoded.
    static func formEncoded(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }
}
