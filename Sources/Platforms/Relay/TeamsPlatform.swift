public import ChatModel
public import CurlHTTP
import Foundation

/// The Microsoft Teams adapter behind the webhook relay. Teams pushes to the relay (in the DMZ): Bot Framework
/// activities from a single-tenant Azure Bot (source `teams`) and outgoing-webhook messages (source `teams-webhook`).
/// This adapter long-polls the relay for both and replies:
///
/// - to Bot Framework conversations directly through the Bot Connector REST API
///   (`POST {serviceUrl}/v3/conversations/{id}/activities`, Markdown text, quick replies as an Adaptive Card with
///   `Action.Submit` buttons), with a Microsoft Entra client-credentials token cached until expiry;
/// - to outgoing webhooks through the relay's hold (`POST /v1/replies/{seq}`): the answer goes back in Teams' own
///   HTTP response when it is ready within ~4 s, otherwise the relay has answered with a holding text and the answer
///   is posted through the follow-up route (a Teams Workflows "post to a channel when a webhook request is received"
///   URL), when configured.
///
/// Conversation references (service URL, tenant, the sender's `29:` id) are kept in ``PlatformMemory`` so the bot
/// can post later (alerts) and open a 1:1 chat with a person (`POST {serviceUrl}/v3/conversations`) for the private
/// concern form. The Bot Connector has no idempotency key: each sent part is recorded under its key.
///
/// Settings: `relay_url`, `relay_token_env`; for the Azure Bot: `app_id`, `app_password_env`, `tenant_id`, optional
/// `token_base` (default `https://login.microsoftonline.com`); for outgoing webhooks: optional `followup_url_env`
/// (the variable holding the Workflows URL, itself a secret); optional `poll_timeout_seconds` (default 25).
public actor TeamsPlatform: ChatPlatform {
    public nonisolated let id: String
    public nonisolated let kind = "teams"
    let relay: RelayFeed
    let tokens: EntraTokenProvider?
    let appID: String?
    let tenantID: String?
    let followupURL: String?
    let transport: any HTTPTransport
    let memory: any PlatformMemory
    /// The time, from outside (tests fix it).
    let clock: UnixClock

    /// Teams has no hard limit below ~28 KB per message; long answers read better in parts.
    static let messageLimit = 4000

    public init(
        account: PlatformAccount,
        environment: [String: String],
        transport: any HTTPTransport,
        memory: any PlatformMemory,
        clock: UnixClock = .system
    ) throws(PlatformError) {
        id = account.id
        relay = try RelayFeed(
            account: account,
            environment: environment,
            sources: ["teams", "teams-webhook"],
            transport: transport
        )
        appID = account.settings["app_id"].flatMap { $0.isEmpty ? nil : $0 }
        if let appID {
            guard let password = try account.secret("app_password_env", environment: environment) else {
                throw PlatformError(.fatal, "platform \(account.id): missing setting 'app_password_env'")
            }
            let tenant = try account.require("tenant_id")
            tenantID = tenant
            tokens = EntraTokenProvider(
                base: account.settings["token_base"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? "https://login.microsoftonline.com",
                tenant: tenant,
                appID: appID,
                password: password,
                transport: transport,
                account: account.id
            )
        } else {
            tenantID = account.settings["tenant_id"]
            tokens = nil
        }
        followupURL = try account.secret("followup_url_env", environment: environment)
        self.transport = transport
        self.memory = memory
        self.clock = clock
    }

    // MARK: - ChatPlatform

    public func start() async throws(PlatformError) -> [String] {
        var warnings: [String] = []
        if let tokens {
            _ = try await tokens.token()  // the credentials work
        } else {
            warnings.append(
                "no app_id: only outgoing-webhook messages can be answered (no 1:1 chats, no proactive alerts)"
            )
        }
        if followupURL == nil {
            warnings.append(
                "no followup_url_env: outgoing-webhook answers later than the relay's hold are not delivered"
            )
        }
        return warnings
    }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        let now = clock.seconds
        return try await relay.poll(after: cursor, as: TeamsWire.Activity.self) { event, activity in
            switch TeamsActivity.read(activity, source: event.source, sequence: event.sequence, now: now) {
            case .message(let message, let reference):
                if event.source == "teams" { remember(reference) }
                return .message(message)
            case .ignored(let reference):
                if event.source == "teams", let reference { remember(reference) }
                return .ignored
            case .malformed:
                return .malformed
            }
        }
    }

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        if conversationID.hasPrefix(TeamsActivity.webhookPrefix) {
            try await memory.sendEachPartOnce([reply], idempotencyKey: idempotencyKey) {
                _,
                reply throws(PlatformError) in
                try await answerWebhook(reply, replyingTo: message)
            }
            return
        }
        guard let serviceURL = memory.value("conv:\(conversationID)") else {
            throw PlatformError(
                .rejected,
                "platform \(id): no conversation reference for that conversation (the bot has not heard from it)"
            )
        }
        let parts = TextSplitter.parts(TeamsText.markdown(reply.text), limit: Self.messageLimit)
        try await memory.sendEachPartOnce(parts, idempotencyKey: idempotencyKey) { index, text throws(PlatformError) in
            var activity = TeamsRequests.Message(text: text)
            if index == parts.count - 1, !reply.suggestions.isEmpty {
                activity.attachments = [TeamsText.card(reply.suggestions)]
            }
            let url = "\(Self.trimmed(serviceURL))/v3/conversations/\(Self.pathEncode(conversationID))/activities"
            return try await connector(url, activity).id
        }
    }

    /// A 1:1 chat with `userID` through the Bot Connector (`POST {serviceUrl}/v3/conversations`), from the reference
    /// kept when they last wrote to the bot; remembered per user.
    public func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        if let known = memory.value("dm:\(userID)") { return known }
        guard let appID else {
            throw PlatformError(.rejected, "platform \(id): a 1:1 chat needs the Azure Bot (app_id)")
        }
        guard let stored = memory.value("user:\(userID)"),
            let reference = try? JSONDecoder().decode(
                TeamsActivity.ConversationReference.self,
                from: Data(stored.utf8)
            ),
            let member = reference.memberID
        else {
            throw PlatformError(
                .rejected,
                "platform \(id): no conversation reference for that user (they have not written to the bot)"
            )
        }
        var body = TeamsRequests.NewConversation(bot: .init(id: "28:\(appID)"), members: [.init(id: member)])
        if let tenant = reference.tenantID ?? tenantID {
            body.tenantID = tenant
            body.channelData = .init(tenant: .init(id: tenant))
        }
        let created = try await connector("\(Self.trimmed(reference.serviceURL))/v3/conversations", body)
        guard let conversation = created.id else {
            throw PlatformError(.transient, "platform \(id): create conversation returned no id")
        }
        memory.setValue(reference.serviceURL, "conv:\(conversation)")
        memory.setValue(conversation, "dm:\(userID)")
        return conversation
    }

    // MARK: - Outgoing webhooks

    /// The answer to an outgoing-webhook message: into the held HTTP response if the relay still holds it, else
    /// through the follow-up route. Only the first reply to a message can ride the held response. Returns which way
    /// it went (`held` or `followup`).
    private func answerWebhook(_ reply: Reply, replyingTo message: ReplyContext?) async throws(PlatformError) -> String
    {
        let text = TeamsText.markdown(reply.text)
        if let sequence = message.flatMap({ TeamsActivity.webhookSequence($0.messageID) }),
            try await relay.client.reply(to: sequence, text: text)
        {
            return "held"
        }
        guard let followupURL else {
            throw PlatformError(
                .rejected,
                "platform \(id): the webhook's answer came too late and no followup_url_env is configured"
            )
        }
        let card = TeamsRequests.FollowUp(attachments: [.init(content: .init(body: [.init(text: text)]))])
        let response = try await perform(
            HTTPRequest(
                method: .post,
                url: followupURL,
                headers: [("Content-Type", "application/json")],
                body: WireJSON.encode(card),
                timeout: 30
            ),
            what: "follow-up"
        )
        guard response.isSuccess else { throw classify(response, "follow-up") }
        return "followup"
    }

    // MARK: - Bot Connector

    private func remember(_ reference: TeamsActivity.ConversationReference) {
        memory.setValue(reference.serviceURL, "conv:\(reference.conversationID)")
        if let user = reference.userID, let encoded = try? JSONEncoder().encode(reference) {
            memory.setValue(String(decoding: encoded, as: UTF8.self), "user:\(user)")
        }
    }

    /// One Bot Connector call (POST, JSON, the Entra token); a refused token is fetched again once.
    private func connector(_ url: String, _ body: some Encodable) async throws(PlatformError) -> TeamsWire.Identified {
        guard let tokens else { throw PlatformError(.rejected, "platform \(id): the Bot Connector needs app_id") }
        for attempt in 0..<2 {
            let token = try await tokens.token()
            let response = try await perform(
                HTTPRequest(
                    method: .post,
                    url: url,
                    headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                    body: WireJSON.encode(body),
                    timeout: 30
                ),
                what: "connector"
            )
            if response.status == 401, attempt == 0 {
                await tokens.invalidate()
                continue
            }
            guard response.isSuccess else { throw classify(response, "connector") }
            // A success whose body is not an object still went: it just names no id.
            return WireJSON.decode(TeamsWire.Identified.self, from: response.body) ?? TeamsWire.Identified(id: nil)
        }
        throw PlatformError(.fatal, "platform \(id): the Bot Connector refused the bot's token twice")
    }

    private func perform(_ request: HTTPRequest, what: String) async throws(PlatformError) -> HTTPResponse {
        try await transport.perform(request, context: "platform \(id): \(what)")
    }

    /// 429 waits (`Retry-After`), 412/5xx retry, other refusals skip the message.
    private func classify(_ response: HTTPResponse, _ what: String) -> PlatformError {
        let prefix = "platform \(id): \(what)"
        switch response.status {
        case 429:
            return PlatformError(.rateLimited(seconds: response.retryAfterSeconds ?? 1), "\(prefix): rate limited")
        case 412, 500...: return PlatformError(.transient, "\(prefix): Teams answered \(response.status)")
        default: return PlatformError(.rejected, "\(prefix): refused (\(response.status))")
        }
    }

    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// Conversation ids hold `:`, `;`, `@` and `=`: every character outside the unreserved set is escaped.
    static func pathEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
