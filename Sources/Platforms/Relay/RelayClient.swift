public import CurlHTTP

/// The bot's side of the webhook relay: `GET /v1/updates?after=SEQ&timeout=S&sources=…` long-polls over libcurl with
/// the relay's bearer token, and `POST /v1/replies/{seq}` answers a held Teams outgoing webhook. Polling with
/// `after` acknowledges (deletes at the relay) the sources' events up to it, so the cursor the runtime commits is
/// the acknowledgement. The token is scrubbed from every error.
public struct RelayClient: Sendable {
    /// One queued webhook, its payload as the relay stored it (verified JSON), read as the adapter's wire type;
    /// `nil` when it is not an object.
    public struct Event<Payload: Sendable>: Sendable {
        public let sequence: Int64
        public let source: String
        public let payload: Payload?
    }

    let baseURL: String
    let token: String
    let sources: [String]
    let transport: any HTTPTransport
    let account: String

    /// - Parameter sources: the relay's source names this adapter reads (`slack`; `teams`, `teams-webhook`).
    public init(baseURL: String, token: String, sources: [String], transport: any HTTPTransport, account: String) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.sources = sources
        self.transport = transport
        self.account = account
    }

    /// The events after `sequence`, waiting up to `timeout` seconds for one.
    func updates<Payload: Decodable & Sendable>(
        after sequence: Int64,
        timeout: Int,
        as payload: Payload.Type
    ) async throws(PlatformError) -> [Event<Payload>] {
        let url = "\(baseURL)/v1/updates?after=\(sequence)&timeout=\(timeout)&sources=\(sources.joined(separator: ","))"
        let response = try await perform(HTTPRequest(url: url, headers: headers, timeout: Double(timeout) + 15))
        guard response.isSuccess else { throw classify(response, "updates") }
        // Each event on its own: one without a sequence number is dropped, one whose payload is not an object is
        // handed on without a payload, so the adapter lists it as skipped and the cursor moves past it.
        guard let list = WireJSON.decode(RelayUpdateList<Payload>.self, from: response.body) else {
            throw PlatformError(.transient, "platform \(account): relay returned a malformed update list")
        }
        return list.events
    }

    /// Answers held webhook `sequence`; `true` when the answer went into the webhook's response, `false` when that
    /// response has already gone (the holding text was sent) or the event is no longer held.
    public func reply(to sequence: Int64, text: String) async throws(PlatformError) -> Bool {
        let body = WireJSON.encode(RelayReplyBody(text: text))
        let response = try await perform(
            HTTPRequest(
                method: .post,
                url: "\(baseURL)/v1/replies/\(sequence)",
                headers: headers + [("Content-Type", "application/json")],
                body: body,
                timeout: 10
            )
        )
        switch response.status {
        case 200..<300: return true
        case 404, 410: return false
        default: throw classify(response, "replies")
        }
    }

    private var headers: [(name: String, value: String)] { [("Authorization", "Bearer \(token)")] }

    private func perform(_ request: HTTPRequest) async throws(PlatformError) -> HTTPResponse {
        try await transport.perform(request, context: "platform \(account): relay")
    }

    private func classify(_ response: HTTPResponse, _ what: String) -> PlatformError {
        let prefix = "platform \(account): relay \(what)"
        switch response.status {
        case 401, 403:
            return PlatformError(
                .fatal,
                "\(prefix): the relay refused the bot token (\(response.status)); check the variable named by "
                    + "relay_token_env against the relay's bot_token_env"
            )
        case 429:
            return PlatformError(.rateLimited(seconds: response.retryAfterSeconds ?? 5), "\(prefix): rate limited")
        case 500...: return PlatformError(.transient, "\(prefix): relay error \(response.status)")
        default: return PlatformError(.rejected, "\(prefix): refused (\(response.status))")
        }
    }
}
