import CurlHTTP
import Foundation
import RelayServer
import Testing

/// Issue #15's fault table, relay rows: each hostile or broken request against the real relay on loopback, then a
/// good event must still be queued and served exactly once, with `/v1/updates` valid JSON. Each cell prints
/// `FAULT|relay|<fault>|survived|<detail>` (or `FAILED`) for `bench/fault-table`.
@Suite(.timeLimit(.minutes(3)))
struct RelayFaultInjectionTests {
    /// Prints the cell's line and records it as a test expectation.
    static func report(_ fault: String, _ survived: Bool, _ detail: String) {
        print("FAULT|relay|\(fault)|\(survived ? "survived" : "FAILED")|\(detail)")
        #expect(survived, "\(fault): \(detail)")
    }

    /// Whether, after a fault, a new good event is accepted and served exactly once (and the response parses), and
    /// how many events are queued in all.
    static func goodEventFlows(_ relay: RelayFixture, id: String) async throws -> (flows: Bool, queued: Int) {
        let accepted = try await relay.postSlack(RelayFixture.slackEvent(id: id, text: "still here?")).status == 200
        let polled = try await relay.poll(after: 0)
        let served = polled.events.filter { $0.payload["event_id"] as? String == id }.count
        return (accepted && polled.status == 200 && served == 1, polled.events.count)
    }

    static func signedSlackHeaders(
        _ relay: RelayFixture,
        _ body: Data,
        contentType: String = "application/json"
    )
        -> [String: String]
    {
        let stamp = String(relay.now)
        return [
            "Content-Type": contentType, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": SlackSignature.signature(
                secret: RelayFixture.slackSecret,
                timestamp: stamp,
                body: body
            ),
        ]
    }

    @Test func invalidUTF8() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body =
            Data(#"{"type":"event_callback","event_id":"EvX","t":""#.utf8) + Data([0xFF, 0xFE, 0xC3])
            + Data(#""}"#.utf8)
        let status = try await relay.postSlack(body).status
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report(
            "invalid-utf8",
            status == 415 && after.flows && after.queued == 1,
            "signed body answered \(status), next event served once"
        )
    }

    @Test func utf16Body() async throws {
        let relay = try await RelayFixture(holdSeconds: 0)
        defer { Task { await relay.finish() } }
        let text = #"{"type":"event_callback","event_id":"Ev16","event":{"text":"hi"}}"#
        let body = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let slack = try await relay.postSlack(body).status
        let teams = try await relay.postTeamsWebhook(body).status
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report(
            "utf16-body",
            slack == 415 && teams == 415 && after.flows && after.queued == 1,
            "signed Slack \(slack), signed Teams webhook \(teams), next event served once"
        )
    }

    @Test func truncatedJSON() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let whole = RelayFixture.slackEvent(id: "EvCut", text: "cut short")
        let status = try await relay.postSlack(whole.prefix(whole.count / 2)).status
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report(
            "truncated-json",
            status == 400 && after.flows && after.queued == 1,
            "signed half body answered \(status)"
        )
    }

    @Test func tenMegabyteBody() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let huge = RelayFixture.slackEvent(id: "EvHuge", text: String(repeating: "a", count: 10 * 1_048_576))
        let status = try await relay.postSlack(huge).status
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report("10mb-body", status == 413 && after.flows && after.queued == 1, "answered \(status) before storing")
    }

    @Test func wrongContentType() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body = RelayFixture.slackEvent(id: "EvType", text: "typed wrongly")
        var statuses: [Int] = []
        for type in ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"] {
            let response = try await relay.post(
                "/v1/slack/events",
                headers: Self.signedSlackHeaders(relay, body, contentType: type),
                body: body
            )
            statuses.append(response.status)
        }
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        // The signature covers the bytes, and the bytes decide: a valid UTF-8 JSON object is queued (once).
        Self.report(
            "wrong-content-type",
            statuses.allSatisfy { $0 == 200 } && after.flows && after.queued == 2,
            "body judged by its bytes: \(statuses), queued once"
        )
    }

    @Test func duplicateEvent() async throws {
        let relay = try await RelayFixture(holdSeconds: 0)
        defer { Task { await relay.finish() } }
        let slack = RelayFixture.slackEvent(id: "EvDup", text: "again")
        var statuses: [Int] = []
        for retry in [nil, 1, 2] { statuses.append(try await relay.postSlack(slack, retry: retry).status) }
        let teams = Data(#"{"type":"message","id":"dup-1","text":"<at>Prevent</at> again"}"#.utf8)
        for _ in 0..<2 { statuses.append(try await relay.postTeamsWebhook(teams).status) }
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report(
            "duplicate-event",
            statuses.allSatisfy { $0 == 200 } && after.flows && after.queued == 3,
            "Slack x3 and Teams webhook x2 acknowledged, each queued once"
        )
    }

    @Test(arguments: [3_600, -3_600])
    func clockSkew(_ skew: Int64) async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let status = try await relay.postSlack(
            RelayFixture.slackEvent(id: "EvSkew", text: "from another time"),
            timestamp: relay.now + skew
        ).status
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report(
            "clock-skew-\(skew > 0 ? "plus" : "minus")-1h",
            status == 401 && after.flows && after.queued == 1,
            "correctly signed, timestamp \(skew > 0 ? "+" : "")\(skew) s: answered \(status)"
        )
    }

    @Test func slowLorisRequestBody() async throws {
        let relay = try await RelayFixture(bodyReadSeconds: 2)
        defer { Task { await relay.finish() } }
        let body = RelayFixture.slackEvent(id: "EvSlow", text: "one byte at a time")
        let connection = try RawConnection(port: Int(relay.baseURL.split(separator: ":").last ?? "") ?? 0)
        defer { connection.closeNormally() }
        connection.send(
            RawConnection.head(
                path: "/v1/slack/events",
                length: body.count,
                headers: Self.signedSlackHeaders(relay, body)
            )
        )
        connection.send(body.prefix(10))
        // While that body stalls, other webhooks are answered.
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        let answer = String(decoding: connection.readAll(timeout: 15), as: UTF8.self)
        let timedOut = answer.hasPrefix("HTTP/1.1 408")
        Self.report(
            "slow-loris-body",
            timedOut && after.flows && after.queued == 1,
            "stalled body answered \(answer.prefix(12)) after the body deadline; others served meanwhile"
        )
    }

    @Test func connectionResetMidBody() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body = RelayFixture.slackEvent(id: "EvReset", text: "cut off")
        for _ in 0..<5 {
            let connection = try RawConnection(port: Int(relay.baseURL.split(separator: ":").last ?? "") ?? 0)
            connection.send(
                RawConnection.head(
                    path: "/v1/slack/events",
                    length: body.count,
                    headers: Self.signedSlackHeaders(relay, body)
                )
            )
            connection.send(body.prefix(body.count / 2))
            connection.reset()
        }
        let after = try await Self.goodEventFlows(relay, id: "EvGood")
        Self.report(
            "connection-reset-mid-body",
            after.flows && after.queued == 1,
            "5 bodies reset half-way: nothing queued from them, next event served once"
        )
    }
}
