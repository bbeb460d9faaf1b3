import ChatModel
import CurlHTTP

/// What the Slack and Teams adapters share: the relay client built from `relay_url` and `relay_token_env`, the
/// long-poll timeout (`poll_timeout_seconds`, default 25), and one poll of the relay (the cold start that answers
/// nothing from history, then each event read on its own).
struct RelayFeed: Sendable {
    /// What one event from the relay is to the adapter.
    enum Reading {
        case message(InboundMessage)
        case ignored
        case malformed
    }

    let client: RelayClient
    let pollTimeoutSeconds: Int

    /// - Parameter sources: the relay's source names this adapter reads.
    init(
        account: PlatformAccount,
        environment: [String: String],
        sources: [String],
        transport: any HTTPTransport
    ) throws(PlatformError) {
        guard let relayToken = try account.secret("relay_token_env", environment: environment) else {
            throw PlatformError(.fatal, "platform \(account.id): missing setting 'relay_token_env'")
        }
        client = RelayClient(
            baseURL: try account.require("relay_url"),
            token: relayToken,
            sources: sources,
            transport: transport,
            account: account.id
        )
        pollTimeoutSeconds = min(max(0, Int(account.settings["poll_timeout_seconds"] ?? "") ?? 25), 600)
    }

    /// One poll after `cursor`: each event's payload decoded as `Payload` and read by `read`; an event whose payload
    /// is not an object, or that `read` finds malformed, is listed by its sequence as skipped.
    func poll<Payload: Decodable & Sendable>(
        after cursor: String?,
        as payload: Payload.Type,
        isolation: isolated (any Actor)? = #isolation,
        read: (_ event: RelayClient.Event<Payload>, _ payload: Payload) -> Reading
    ) async throws(PlatformError) -> PollBatch {
        guard let after = RelayCursor.sequence(cursor) else {
            // Cold start: the relay's current position; what is queued already is history, never answered.
            let pending = try await client.updates(after: 0, timeout: 0, as: Payload.self)
            return PollBatch(messages: [], cursor: RelayCursor.after(pending, current: 0))
        }
        let events = try await client.updates(after: after, timeout: pollTimeoutSeconds, as: Payload.self)
        var messages: [InboundMessage] = []
        var skipped: [String] = []
        for event in events {
            guard let payload = event.payload else {
                skipped.append(String(event.sequence))
                continue
            }
            switch read(event, payload) {
            case .message(let message): messages.append(message)
            case .ignored: break
            case .malformed: skipped.append(String(event.sequence))
            }
        }
        return PollBatch(messages: messages, cursor: RelayCursor.after(events, current: after), skipped: skipped)
    }
}
