import CurlHTTP
import Foundation

extension MatrixPlatform {
    func login() async throws(PlatformError) {
        guard let password else {
            throw PlatformError(.fatal, "platform \(id): the access token was refused and no password is configured")
        }
        // Reusing the device keeps Synapse's transaction-id scope across restarts, so retries stay idempotent.
        let body = MatrixRequests.Login(
            identifier: .init(user: userID),
            password: password,
            deviceID: memory.value("device_id")
        )
        accessToken = nil
        let response: MatrixWire.Fields = try await call(
            .post,
            "/_matrix/client/v3/login",
            body: body,
            authenticated: false
        )
        guard let token = response.accessToken else {
            throw PlatformError(.fatal, "platform \(id): login returned no access token")
        }
        accessToken = token
        if let device = response.deviceID { memory.setValue(device, "device_id") }
    }

    /// One request answered with a few single fields (see ``MatrixWire/Fields``).
    func call(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [String: String] = [:],
        body: (any Encodable & Sendable)? = nil
    ) async throws(PlatformError) -> MatrixWire.Fields {
        try await call(method, path, query: query, body: body, timeout: 30)
    }

    /// One request; a refused token is retried once after logging in again when a password is configured.
    func call<Response: Decodable>(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [String: String] = [:],
        body: (any Encodable & Sendable)? = nil,
        timeout: Double = 30,
        authenticated: Bool = true
    ) async throws(PlatformError) -> Response {
        let data = body.flatMap { WireJSON.encode($0) }
        do {
            return try await callOnce(
                method,
                path,
                query: query,
                body: data,
                timeout: timeout,
                authenticated: authenticated
            )
        } catch  where error.kind == .unauthorized && authenticated && password != nil {
            try await login()
            return try await callOnce(method, path, query: query, body: data, timeout: timeout, authenticated: true)
        }
    }

    private func callOnce<Response: Decodable>(
        _ method: HTTPRequest.Method,
        _ path: String,
        query: [String: String],
        body: Data?,
        timeout: Double,
        authenticated: Bool
    ) async throws(PlatformError) -> Response {
        var components = URLComponents(string: homeserver + path)
        if !query.isEmpty {
            components?.queryItems = query.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
        }
        guard let url = components?.string else {
            throw PlatformError(.fatal, "platform \(id): invalid homeserver URL")
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if authenticated, let accessToken { headers.append(("Authorization", "Bearer \(accessToken)")) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let response = try await transport.perform(
            HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: timeout),
            context: "platform \(id)"
        )
        if response.isSuccess {
            guard let decoded = WireJSON.decode(Response.self, from: response.body) else {
                throw PlatformError(
                    .transient,
                    "platform \(id): malformed JSON from \(path.split(separator: "/").prefix(4).joined(separator: "/"))"
                )
            }
            return decoded
        }
        let error = WireJSON.decode(MatrixWire.Fields.self, from: response.body)
        let code = error?.errcode ?? "HTTP \(response.status)"
        switch response.status {
        case 429:
            let seconds = error?.retryAfterMilliseconds?.secondsFromMilliseconds ?? response.retryAfterSeconds ?? 5
            throw PlatformError(.rateLimited(seconds: seconds), "platform \(id): rate limited (\(code))")
        case 401:
            throw PlatformError(.unauthorized, "platform \(id): credentials refused (\(code))")
        case 500...:
            throw PlatformError(.transient, "platform \(id): server error \(response.status)")
        default:
            throw PlatformError(.rejected, "platform \(id): request refused: \(code)")
        }
    }

    func rateLimitWarnings() async -> [String] {
        let path = "/_synapse/admin/v1/users/\(Self.escapePath(userID))/override_ratelimit"
        let command =
            "curl -X POST -H 'Authorization: Bearer ADMIN_TOKEN' -d '{\"messages_per_second\":0,\"burst_count\":0}' "
            + "\(homeserver)\(path)"
        do {
            let limits = try await call(.get, path)
            if limits.messagesPerSecond?.int64 == 0 { return [] }
            return ["the bot's rate limit override is not set; ask a homeserver admin to run: \(command)"]
        } catch {
            return [
                "cannot check the bot's rate limit override (the bot is not an admin); make sure an admin ran: \(command)"
            ]
        }
    }
}
