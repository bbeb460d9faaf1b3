import CurlHTTP
import Foundation
import Logging
import PreventAssistTesting
import Testing

@testable import RelayServer

/// Issue #15's property test for the relay: random bytes and mutations of recorded payloads, fed to every decoder
/// and, correctly signed so they get past verification, to the webhook endpoints. Properties: nothing crashes or
/// hangs (the suite's time limit), every answer is a known status, only UTF-8 JSON objects are queued, and
/// `/v1/updates` stays valid JSON throughout. Seeded, so a failure reproduces; the seed is in the test's name.
@Suite(.timeLimit(.minutes(3)))
struct RelayFuzzTests {
    /// Recorded payloads the mutations start from.
    static let recorded: [Data] = [
        RelayFixture.slackEvent(id: "Ev0FUZZ", text: "what is channel"),
        Data(
            #"{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#
                .utf8
        ),
        Data(
            "payload=%7B%22type%22%3A%22block_actions%22%2C%22trigger_id%22%3A%22t1%22%2C%22actions%22%3A%5B%7B%22value%22%3A%221%22%7D%5D%7D"
                .utf8
        ),
        Data(
            #"{"type":"message","id":"1795944000001","text":"<at>Prevent</at> what is channel","from":{"id":"29:1"}}"#
                .utf8
        ),
        Data(#"{"keys":[{"kty":"RSA","kid":"k","n":"sXch","e":"AQAB","endorsements":["msteams"]}]}"#.utf8),
    ]

    static func mutate(_ data: Data, _ random: inout SeededRandom) -> Data {
        var bytes = [UInt8](data)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:  // flip bits
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(
                    1 << Int.random(in: 0..<8, using: &random)
                )
            }
        case 1:  // truncate
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        case 2:  // insert random bytes
            let insert = (0..<Int.random(in: 1...16, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            bytes.insert(contentsOf: insert, at: Int.random(in: 0...bytes.count, using: &random))
        case 3:  // re-encode as UTF-16 or UTF-32
            let text = String(decoding: bytes, as: UTF8.self)
            bytes =
                Bool.random(using: &random)
                ? text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
                : text.unicodeScalars.flatMap { scalar in (0..<4).map { UInt8((scalar.value >> (8 * $0)) & 0xFF) } }
        case 4:  // splice two recorded payloads
            let other = [UInt8](recorded[Int.random(in: 0..<recorded.count, using: &random)])
            bytes = Array(bytes.prefix(bytes.count / 2)) + Array(other.suffix(other.count / 2))
        default:  // replace a structural character
            let structural: [UInt8] = Array("{}[]\":,\\".utf8)
            for index in bytes.indices where Int.random(in: 0..<20, using: &random) == 0 {
                bytes[index] = structural[Int.random(in: 0..<structural.count, using: &random)]
            }
        }
        return Data(bytes)
    }

    static func randomBytes(_ random: inout SeededRandom) -> Data {
        Data((0..<Int.random(in: 0...512, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    static func inputs(count: Int, seed: UInt64) -> [Data] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            index % 3 == 0
                ? randomBytes(&random) : mutate(recorded[Int.random(in: 0..<recorded.count, using: &random)], &random)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func decodersNeverCrashAndOnlyAcceptUTF8Objects(seed: UInt64) {
        for input in Self.inputs(count: 3_000, seed: seed) {
            if case .success(let payload) = RelayPayload.decode(input) {
                #expect(RelayPayload.isPlainUTF8(payload.canonical))
                #expect((try? JSONSerialization.jsonObject(with: payload.canonical)) is [String: Any])
            }
            _ = FormBody.decode(input)
            let text = String(decoding: input, as: UTF8.self)
            if case .success(let token) = BotFrameworkToken.parse(authorization: "Bearer " + text),
                case .success = token.verify(keys: [], appID: "a", serviceURL: nil, channelID: nil, now: 0)
            {
                Issue.record("a random token verified without keys")
            }
            _ = JSONWebKey.keySet(from: input)
            if case .success = TeamsWebhookSignature.verify(
                securityToken: "AAAA",
                authorization: "HMAC " + text,
                body: input
            ) {
                Issue.record("a random HMAC verified")
            }
        }
    }

    @Test(arguments: [UInt64(11), 12])
    func signedMutatedWebhooksNeverBreakTheQueue(seed: UInt64) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let now: Int64 = 1_795_944_000
        let settings = RelaySettings(
            dataDirectory: directory.url.appendingPathComponent("relay"),
            botToken: "bot",
            holdSeconds: 0,
            slackSigningSecret: "slack-secret",
            teamsWebhookToken: RelayFixture.teamsToken
        )
        let endpoints = RelayEndpoints(
            settings: settings,
            queue: try RelayQueue(directory: settings.dataDirectory),
            transport: NoNetwork(),
            logger: Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() },
            now: { now },
            sleeper: ContinuousClock()
        )
        let known: Set<Int> = [200, 400, 401, 413, 415]
        for (index, input) in Self.inputs(count: 400, seed: seed).enumerated() {
            let response: RelayResponse
            if index % 2 == 0 {
                let stamp = String(now)
                response = await endpoints.slack(
                    headers: [
                        "x-slack-request-timestamp": stamp,
                        "x-slack-signature": SlackSignature.signature(
                            secret: "slack-secret",
                            timestamp: stamp,
                            body: input
                        ),
                    ],
                    body: input
                )
            } else {
                let authorization = TeamsWebhookSignature.authorization(
                    securityToken: RelayFixture.teamsToken,
                    body: input
                )
                response = await endpoints.teamsWebhook(headers: ["authorization": authorization ?? ""], body: input)
            }
            #expect(known.contains(response.status), "input \(index) answered \(response.status)")
        }
        let updates = await endpoints.updates(headers: ["authorization": "Bearer bot"], query: ["after": "0"])
        #expect(updates.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: updates.body) as? [String: Any])
        for event in object["events"] as? [[String: Any]] ?? [] { #expect(event["payload"] is [String: Any]) }
    }
}

/// A transport for endpoints that must not reach the network: every request answers 503.
struct NoNetwork: HTTPTransport {
    func perform(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse { HTTPResponse(status: 503) }
}
