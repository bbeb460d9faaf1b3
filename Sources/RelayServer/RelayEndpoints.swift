import CurlHTTP
import Foundation
import Logging

/// The relay's endpoints, free of the HTTP server: each takes the request's headers (names lower-cased), raw body
/// and query, verifies before anything is stored, and returns a ``RelayResponse``. Nothing of a body is ever logged:
/// only the source, the sequence and, for refusals, the reason.
final class RelayEndpoints: Sendable {
    let settings: RelaySettings
    let queue: RelayQueue
    let doorbell: Doorbell
    let hold: ReplyHold
    /// What every wait is measured on: long-polls, reply holds, body deadlines, the retention sweep.
    let sleeper: any Clock<Duration>
    let keyCache: BotFrameworkKeyCache?
    let logger: Logger
    let now: @Sendable () -> Int64

    /// Queue source names, which the bot's adapters poll for.
    enum Source {
        static let slack = "slack"
        static let teams = "teams"
        static let teamsWebhook = "teams-webhook"
    }

    init(
        settings: RelaySettings,
        queue: RelayQueue,
        transport: any HTTPTransport,
        logger: Logger,
        now: @escaping @Sendable () -> Int64,
        sleeper: any Clock<Duration>
    ) {
        self.sleeper = sleeper
        doorbell = Doorbell(sleeper: sleeper)
        hold = ReplyHold(sleeper: sleeper)
        self.settings = settings
        self.queue = queue
        self.logger = logger
        self.now = now
        keyCache = settings.botFramework.map {
            BotFrameworkKeyCache(metadataURL: $0.openIDMetadataURL, transport: transport)
        }
    }

    // MARK: - Webhooks

    /// Slack Events API (and interactivity payloads): `v0` signature, `url_verification` echoed, `event_callback`
    /// queued once per `event_id` (Slack retries up to three times), acknowledged at once.
    func slack(headers: [String: String], body: Data) async -> RelayResponse {
        guard let secret = settings.slackSigningSecret else { return .json(404, ["error": "not configured"]) }
        let verified = SlackSignature.verify(
            secret: secret,
            timestamp: headers["x-slack-request-timestamp"],
            signature: headers["x-slack-signature"],
            body: body,
            now: now()
        )
        if case .failure(let refusal) = verified { return refuse(Source.slack, refusal) }
        if !Self.isFormEncoded(body) {
            let payload: RelayPayload
            switch RelayPayload.decode(body) {
            case .failure(let problem): return refuse(Source.slack, problem.refusal)
            case .success(let decoded): payload = decoded
            }
            switch payload.object["type"]?.string {
            case "url_verification":
                return .json(200, ["challenge": payload.object["challenge"]?.string ?? ""])
            case "event_callback":
                // Without an event_id only the body identifies the event: an exact replay within the retention
                // period (the signature's 5 minutes bound when it can be sent) is acknowledged, not queued again.
                let key = (payload.object["event_id"]?.string) ?? ReplayKey.of(body)
                return await queue(Source.slack, payload.canonical, key: key)
            default:
                return .ok  // app_rate_limited and other notices: nothing for the bot
            }
        }
        // Interactivity (a Block Kit button): form-encoded `payload=<JSON>`.
        guard let payloadText = FormBody.decode(body)["payload"],
            case .success(let payload) = RelayPayload.decode(Data(payloadText.utf8)),
            payload.object["type"]?.string == "block_actions"
        else { return refuse(Source.slack, RelayRefusal(status: 400, reason: "unrecognised Slack payload")) }
        let key = (payload.object["trigger_id"]?.string).map { "action:" + $0 } ?? ReplayKey.of(body)
        return await queue(Source.slack, payload.canonical, key: key)
    }

    /// Teams outgoing webhook: HMAC over the raw body; held open for the bot's answer (see ``ReplyHold``).
    func teamsWebhook(headers: [String: String], body: Data) async -> RelayResponse {
        guard let token = settings.teamsWebhookToken else { return .json(404, ["error": "not configured"]) }
        let verified = TeamsWebhookSignature.verify(
            securityToken: token,
            authorization: headers["authorization"],
            body: body
        )
        if case .failure(let refusal) = verified { return refuse(Source.teamsWebhook, refusal) }
        let payload: RelayPayload
        switch RelayPayload.decode(body) {
        case .failure(let problem): return refuse(Source.teamsWebhook, problem.refusal)
        case .success(let decoded): payload = decoded
        }
        // The HMAC covers the body alone, with no timestamp: an exact replay (same body) within the retention period
        // is answered with the holding text and not queued again.
        let sequence: Int64
        do {
            guard
                let queued = try await queue.enqueue(
                    source: Source.teamsWebhook,
                    payload: payload.canonical,
                    deliveryKey: ReplayKey.of(body),
                    at: now()
                )
            else {
                logger.info("replay ignored", metadata: ["source": "\(Source.teamsWebhook)"])
                return .json(200, ["type": "message", "text": settings.holdingText])
            }
            sequence = queued
        } catch {
            logger.error("queue write failed", metadata: ["source": "\(Source.teamsWebhook)"])
            return .json(500, ["error": "not queued"])
        }
        logger.info("event queued", metadata: ["source": "\(Source.teamsWebhook)", "seq": "\(sequence)"])
        doorbell.ring()
        let answer = await hold.hold(sequence, timeout: .milliseconds(settings.holdMilliseconds))
        logger.info(
            "webhook answered",
            metadata: ["seq": "\(sequence)", "with": "\(answer == nil ? "holding text" : "bot answer")"]
        )
        return .json(200, ["type": "message", "text": answer ?? settings.holdingText])
    }

    /// Bot Framework activities: a bearer JWT checked against the OpenID metadata's keys, the bot's app id and the
    /// activity's `serviceUrl`; queued once per activity id.
    func botFramework(headers: [String: String], body: Data) async -> RelayResponse {
        guard let bot = settings.botFramework, let keyCache else { return .json(404, ["error": "not configured"]) }
        let token: BotFrameworkToken
        switch BotFrameworkToken.parse(authorization: headers["authorization"]) {
        case .failure(let refusal): return refuse(Source.teams, refusal)
        case .success(let parsed): token = parsed
        }
        let payload: RelayPayload
        switch RelayPayload.decode(body) {
        case .failure(let problem): return refuse(Source.teams, problem.refusal)
        case .success(let decoded): payload = decoded
        }
        let activity = payload.object
        let keys = await keyCache.keys(including: token.keyID)
        let verified = token.verify(
            keys: keys,
            appID: bot.appID,
            serviceURL: activity["serviceUrl"]?.string,
            channelID: activity["channelId"]?.string,
            now: now()
        )
        if case .failure(let refusal) = verified { return refuse(Source.teams, refusal) }
        return await queue(Source.teams, payload.canonical, key: activity["id"]?.string)
    }

    // MARK: - The bot's side

    /// `GET /v1/updates?after=SEQ&timeout=S&sources=a,b`: acknowledges (deletes) the sources' events up to `after`,
    /// then returns those after it, waiting up to `timeout` seconds for one to arrive.
    func updates(headers: [String: String], query: [String: String]) async -> RelayResponse {
        guard authorized(headers) else { return .json(401, ["error": "bot token refused"]) }
        let after = query["after"].flatMap(Int64.init) ?? 0
        let timeout = min(max(query["timeout"].flatMap(Int.init) ?? 0, 0), settings.maximumPollSeconds)
        let sources = (query["sources"] ?? "").split(separator: ",").map(String.init)
        do {
            if after > 0 { try queue.acknowledge(upTo: after, sources: sources) }
            let deadline = ContinuousClock.now + .seconds(timeout)
            while true {
                let version = doorbell.version
                let events = try queue.events(after: after, sources: sources)
                let remaining = deadline - ContinuousClock.now
                if !events.isEmpty || remaining <= .zero || Task.isCancelled {
                    return RelayResponse(status: 200, contentType: "application/json", body: Self.encode(events))
                }
                await doorbell.wait(since: version, timeout: remaining)
                if doorbell.isClosed {
                    return RelayResponse(status: 200, contentType: "application/json", body: Self.encode([]))
                }
            }
        } catch {
            logger.error("queue read failed")
            return .json(500, ["error": "queue unavailable"])
        }
    }

    /// `POST /v1/replies/{seq}` with `{"text": …}`: the bot's answer to a held Teams outgoing webhook. 200
    /// `{"delivered": true}` when it went into the webhook response; 410 when that response has gone (post the answer
    /// through the follow-up route); 404 when `seq` is not a queued outgoing-webhook event.
    func reply(headers: [String: String], sequence: Int64?, body: Data) throws -> RelayResponse {
        guard authorized(headers) else { return .json(401, ["error": "bot token refused"]) }
        guard let sequence, try queue.source(of: sequence) == Source.teamsWebhook else {
            return .json(404, ["error": "no held webhook with that sequence"])
        }
        guard let text = (try? JSONDecoder().decode(ReplyBody.self, from: body))?.text else {
            return .json(400, ["error": "expected {\"text\": …}"])
        }
        switch hold.deliver(text, to: sequence) {
        case .delivered: return .json(200, ["delivered": true])
        case .tooLate: return .json(410, ["delivered": false])
        }
    }

    // MARK: - Pieces

    private func authorized(_ headers: [String: String]) -> Bool {
        ConstantTime.equal(headers["authorization"] ?? "", "Bearer " + settings.botToken)
    }

    private func queue(_ source: String, _ payload: Data, key: String?) async -> RelayResponse {
        do {
            guard let sequence = try await queue.enqueue(source: source, payload: payload, deliveryKey: key, at: now())
            else {
                logger.info("redelivery ignored", metadata: ["source": "\(source)"])
                return .ok
            }
            logger.info("event queued", metadata: ["source": "\(source)", "seq": "\(sequence)"])
            doorbell.ring()
            return .ok
        } catch {
            logger.error("queue write failed", metadata: ["source": "\(source)"])
            return .json(500, ["error": "not queued"])
        }
    }

    /// Slack interactivity posts `payload=<JSON>` form-encoded; everything else is judged as JSON by its bytes.
    private static func isFormEncoded(_ body: Data) -> Bool {
        guard let first = body.first else { return false }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first)
    }

    private func refuse(_ source: String, _ refusal: RelayRefusal) -> RelayResponse {
        logger.warning(
            "webhook refused",
            metadata: ["source": "\(source)", "status": "\(refusal.status)", "reason": "\(refusal.reason)"]
        )
        return .refused(refusal)
    }

    /// `{"events":[{"seq":…,"source":…,"received_at":…,"payload":{…}}]}`. Payloads are embedded as stored, after
    /// checking each is still a UTF-8 JSON object: a row written by an older relay that is not is left out (and goes
    /// when the bot acknowledges past it, or at retention) rather than making the whole response invalid.
    static func encode(_ events: [RelayQueue.Event]) -> Data {
        var body = Data(#"{"events":["#.utf8)
        var first = true
        for event in events {
            guard case .success = RelayPayload.decode(event.payload) else { continue }
            if !first { body.append(Data(",".utf8)) }
            first = false
            // Sources are the relay's own fixed names (``Source``): nothing to escape.
            body.append(
                Data(
                    #"{"seq":\#(event.sequence),"received_at":\#(event.receivedAt),"source":"\#(event.source)","payload":"#
                        .utf8
                )
            )
            body.append(event.payload)
            body.append(Data("}".utf8))
        }
        body.append(Data("]}".utf8))
        return body
    }
}

/// The body of `POST /v1/replies/{seq}`: the answer's text.
private struct ReplyBody: Decodable {
    let text: String
}
