import CurlHTTP
import Foundation
import PreventAssistTesting
import Testing

/// The acceptance test of the polling platforms: one `prevent-assist serve` process with an account on each of
/// Matrix (Synapse), Telegram, Zulip and Mattermost (the last three at their contract stubs on loopback) answers a
/// question asked on all four at once; while Telegram's server answers every poll with `429 Retry-After: 1e300` (which
/// once crashed the process) the other three keep answering and `/healthz` shows Telegram backing off with the time it
/// resumes (at most an hour away); and one platform's server dying stops no other.
@Suite(.synapse, .serialized, .timeLimit(.minutes(4)))
struct ServeAllPlatformsTests {
    @Test func oneServeAnswersOnFourPlatformsAndSurvivesADeadOne() async throws {
        let telegram = TelegramStubHarness(stub: try TelegramStub())
        let zulip = ZulipConformanceHarness(stub: try ZulipStubServer())
        let mattermost = MattermostConformanceHarness(stub: try MattermostStubServer())
        defer {
            telegram.stub.stop()
            zulip.stub.server.stop()
            mattermost.stub.server.stop()
        }
        let matrix = try await ServedMatrixBot()
        let (bot, person) = (matrix.bot, matrix.person)
        let metricsPort = try Self.freePort()

        try await TemporaryDirectory.asyncWith { directory in
            let config = try directory.write(
                """
                data_dir: \(directory.url.appendingPathComponent("data").path)
                platforms:
                \(matrix.account(id: "campus-matrix"))
                  - kind: telegram
                    id: campus-telegram
                    token_env: TELEGRAM_TOKEN
                    api_base: \(telegram.stub.baseURL)
                    poll_timeout_seconds: 1
                  - kind: zulip
                    id: campus-zulip
                    site: \(zulip.stub.server.baseURL)/
                    email: \(ZulipStubServer.email)
                    api_key_env: ZULIP_KEY
                  - kind: mattermost
                    id: campus-mattermost
                    server: \(mattermost.stub.server.baseURL)
                    token_env: MM_TOKEN
                    channels: "\(MattermostStubServer.groupChannel)"
                    poll_interval_seconds: 0.2
                """,
                to: "prevent-assist.yaml"
            )
            let server = try await ServeProcess.start(
                config: config,
                arguments: ["--metrics", "127.0.0.1:\(metricsPort)"],
                environment: [
                    "BOT_PASSWORD": bot.password, "TELEGRAM_TOKEN": TelegramStub.token,
                    "ZULIP_KEY": ZulipStubServer.apiKey, "MM_TOKEN": MattermostStubServer.token,
                ]
            )
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

            // Messages sent before a platform's first poll is committed are history and not answered: wait until
            // each stub sees the second poll cycle begin.
            try await waitFor("the stubs' cold starts") {
                telegram.stub.server.requests.count { $0.path.contains("/getUpdates") } >= 2
                    && zulip.stub.server.requests.contains { $0.method == "GET" && $0.path.contains("/api/v1/events") }
                    && mattermost.stub.server.requests.count { $0.method == "GET" && $0.path.hasSuffix("/channels") }
                        >= 2
            }
            let harnesses: [any PlatformConformanceHarness] = [telegram, zulip, mattermost]

            let room = try await person.createRoom(inviting: bot.id, direct: false)
            /// Asks `question` in the Matrix room and in each of `others`' direct conversations at once, then waits
            /// until the Matrix reply and `replies` bot replies on each of the others mention `word`.
            func askEverywhere(
                _ question: String,
                alsoOn others: [any PlatformConformanceHarness],
                expecting word: String,
                replies: Int
            ) async throws -> String {
                let asked = try await person.say(question, in: room)
                for harness in others {
                    try await harness.postAsPerson(question, in: harness.directConversation)
                }
                try await waitFor("'\(question)' answered on Matrix and \(others.count) more") {
                    let onMatrix = (try? await person.messages(in: room))?
                        .contains { $0.sender == bot.id && $0.repliesTo == asked && $0.body.contains(word) }
                    let onOthers = await allAnswered(others, containing: word, count: replies)
                    return onMatrix == true && onOthers
                }
                return asked
            }

            // The same question on all four at once.
            let asked = ContinuousClock.now
            let matrixQuestion = try await askEverywhere(
                "what is channel?",
                alsoOn: harnesses,
                expecting: "Channel",
                replies: 1
            )
            let firstRound = ContinuousClock.now - asked

            // Telegram's server asks for a wait of 1e300 seconds; the other three go on answering.
            telegram.stub.server.intercept { request, next in
                request.path.contains("/getUpdates")
                    ? .json(
                        429,
                        #"{"ok": false, "error_code": 429, "description": "Too Many Requests"}"#,
                        headers: ["Retry-After": "1e300"]
                    )
                    : next()
            }
            let limited = Date()
            let survivors: [any PlatformConformanceHarness] = [zulip, mattermost]
            let during = try await askEverywhere(
                "what is the prevent duty?",
                alsoOn: survivors,
                expecting: "Prevent",
                replies: 2
            )
            #expect(server.isRunning)
            try await waitFor("telegram reported backing off with its resume time") {
                (try? await Self.health(port: metricsPort))?["campus-telegram"] == "backing_off"
            }
            let resumes = try #require(try await Self.resumeTimes(port: metricsPort)["campus-telegram"])
            #expect(resumes > limited.addingTimeInterval(3_500) && resumes <= Date().addingTimeInterval(3_600))
            print("telegram rate limited with Retry-After: 1e300: backing off until \(resumes); three still answered")

            // Telegram's server dies; the other three go on answering.
            telegram.stub.stop()
            let second = try await askEverywhere(
                "what is the prevent duty?",
                alsoOn: survivors,
                expecting: "Prevent",
                replies: 3
            )
            #expect(server.isRunning)

            // Health reports the dead platform as backing off and the others polling.
            try await waitFor("telegram reported backing off") {
                (try? await Self.health(port: metricsPort))?["campus-telegram"] == "backing_off"
            }
            let pollers = try await Self.health(port: metricsPort)
            #expect(pollers["campus-matrix"] == "polling")
            #expect(pollers["campus-zulip"] == "polling")
            #expect(pollers["campus-mattermost"] == "polling")
            // One answer per question on each surviving platform, none on the dead one after it died.
            for harness in survivors {
                #expect(try await harness.visibleBotMessages(in: harness.directConversation).count == 3)
            }
            let botMessages = try await person.messages(in: room).filter { $0.sender == bot.id }
            #expect(botMessages.count { $0.repliesTo == matrixQuestion } == 1)
            #expect(botMessages.count { $0.repliesTo == during } == 1)
            #expect(botMessages.count { $0.repliesTo == second } == 1)
            print("four platforms answered \(firstRound) after the question; telegram down, three still answered")

            server.terminate()  // SIGTERM: graceful shutdown, with one poller still backing off
            await server.exited()
            #expect(server.terminationStatus == 0)
        }
    }

    /// Each poller's state from `/healthz`.
    static func health(port: Int) async throws -> [String: String] {
        let response = try await CurlTransport().perform(
            HTTPRequest(url: "http://127.0.0.1:\(port)/healthz", timeout: 5)
        )
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        var states: [String: String] = [:]
        for poller in body?["pollers"] as? [[String: Any]] ?? [] {
            if let platform = poller["platform"] as? String { states[platform] = poller["state"] as? String }
        }
        return states
    }

    /// Each backing-off poller's `resumes_at` from `/healthz`.
    static func resumeTimes(port: Int) async throws -> [String: Date] {
        let response = try await CurlTransport().perform(
            HTTPRequest(url: "http://127.0.0.1:\(port)/healthz", timeout: 5)
        )
        let body = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        var times: [String: Date] = [:]
        for poller in body?["pollers"] as? [[String: Any]] ?? [] {
            if let platform = poller["platform"] as? String, let text = poller["resumes_at"] as? String,
                let date = try? Date(text, strategy: .iso8601)
            {
                times[platform] = date
            }
        }
        return times
    }

    /// A port nothing listens on now (the system's pick for a listener opened and closed at once).
    static func freePort() throws -> Int {
        let probe = try LoopbackHTTPServer { _ in .json(404, "{}") }
        defer { probe.stop() }
        return probe.port
    }

}
