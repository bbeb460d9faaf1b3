import CurlHTTP
import Foundation

extension MattermostPlatform {
    /// One request; the answer decoded as `Response`, or the fault classified for the runtime. `what` names the
    /// answer in the error when it is not a `Response` (by default the endpoint).
    func call<Response: Decodable>(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [(String, String)] = [],
        body: (any Encodable & Sendable)? = nil,
        what: String? = nil
    ) async throws(PlatformError) -> Response {
        var url = server + path
        if !query.isEmpty { url += "?" + query.map { "\($0.0)=\(Self.escapePath($0.1))" }.joined(separator: "&") }
        var headers: [(name: String, value: String)] = [
            ("Accept", "application/json"), ("Authorization", authorization),
        ]
        var data: Data?
        if let body {
            headers.append(("Content-Type", "application/json"))
            data = WireJSON.encode(body)
        }
        let response = try await transport.perform(
            HTTPRequest(method: method, url: url, headers: headers, body: data),
            context: "platform \(id)"
        )
        let endpoint = Self.endpoint(path)
        if response.isSuccess {
            guard let decoded = WireJSON.decode(Response.self, from: response.body) else {
                throw PlatformError(.transient, "platform \(id): malformed answer from \(what ?? endpoint)")
            }
            return decoded
        }
        // Mattermost's AppError: `{"id": "api.context.session_expired.app_error", "message": …, "status_code": 401}`.
        let code = WireJSON.decode(MattermostWire.Identified.self, from: response.body)?.id ?? "HTTP \(response.status)"
        switch response.status {
        case 429:
            // `X-RateLimit-Reset` is the seconds until the limit resets; both are clamped to 0…3600 s.
            let seconds =
                response.retryAfterSeconds ?? ServerDuration.seconds(text: response.header("x-ratelimit-reset")) ?? 1
            throw PlatformError(.rateLimited(seconds: seconds), "platform \(id): rate limited on \(endpoint)")
        case 401:
            // A bot's access token cannot be renewed by logging in again.
            throw PlatformError(.fatal, "platform \(id): the bot's access token was refused (\(code))")
        case 500...:
            throw PlatformError(
                .transient,
                "platform \(id): server error \(response.status) from \(endpoint) (\(code))"
            )
        default:
            throw PlatformError(.rejected, "platform \(id): \(endpoint) refused: \(code)")
        }
    }

    /// The path for messages, ids left out: `/api/v4/channels/…/posts`.
    static func endpoint(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.count == 26 ? "…" : String($0) }.joined(separator: "/")
    }

    static func escapePath(_ segment: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// A `pending_post_id` from an idempotency key: the same key and part always give the same id.
    static func pendingPostID(_ key: String, part: Int) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
        let safe = String(key.unicodeScalars.map { allowed.contains($0) ? Character($0) : "_" })
        return "pa-\(safe)-\(part)"
    }
}
