import AssistantCore
import AssistantService
import CurlHTTP
import Foundation
import Logging
import MonitoringEndpoint
import Platforms
import PreventAssistTesting
import Storage
import Synchronization
import Testing

/// `serve --metrics`: the counters a real runner records, read over HTTP from the monitoring endpoint.
@Suite(.timeLimit(.minutes(3)))
struct MonitoringEndpointTests {
    @Test func metricsCountWhatTheRunnerDidAndHealthReportsEachPoller() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.script([
                PollBatch(messages: [], cursor: "1"),
                PollBatch(
                    messages: [
                        PlatformRunnerTests.message("m1", "what is channel"),
                        PlatformRunnerTests.message("m2", "thanks"),
                    ],
                    cursor: "2",
                    skipped: ["$broken"]
                ),
            ])
            platform.failNextPolls([PlatformError(.transient, "HTTP 502")])
            let metrics = RuntimeMetrics()
            let runner = try Self.runner(platform, database: database, metrics: metrics)
            let port = Mutex(0)
            let server = MonitoringServer(
                address: MonitoringAddress(host: "127.0.0.1", port: 0),
                metrics: metrics,
                logger: Self.quiet
            ) {
                ServiceHealth(runners: [runner])
            } onListening: { bound in
                port.withLock { $0 = bound }
            }

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await runner.run() }
                group.addTask { try await server.run() }
                try await Self.wait { platform.sent.count >= 2 && port.withLock { $0 } != 0 }

                let base = "http://127.0.0.1:\(port.withLock { $0 })"
                let text = try await Self.get(base + "/metrics")
                #expect(text.status == 200)
                #expect(text.body.contains(#"prevent_assist_messages_received_total{platform="scripted"} 2"#))
                #expect(text.body.contains(#"prevent_assist_messages_answered_total{platform="scripted"} 2"#))
                #expect(text.body.contains(#"prevent_assist_errors_total{platform="scripted",kind="transient"} 1"#))
                #expect(text.body.contains(#"prevent_assist_errors_total{platform="scripted",kind="malformed"} 1"#))
                #expect(text.body.contains(#"prevent_assist_reply_seconds_count{platform="scripted"} 2"#))
                #expect(!text.body.contains("channel"), "no message text in metrics")

                let health = try await Self.get(base + "/healthz")
                #expect(health.status == 200)
                #expect(health.body.contains(#""platform":"scripted","state":"polling""#))
                group.cancelAll()
            }
        }
    }

    @Test func healthIsDegradedWhenAPollerStopped() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.failNextPolls([PlatformError(.fatal, "credentials refused")])
            let runner = try Self.runner(platform, database: database, metrics: RuntimeMetrics())
            try await runner.run()
            let health = ServiceHealth(runners: [runner])
            #expect(!health.isHealthy)
            let body = String(decoding: health.json(), as: UTF8.self)
            #expect(body.contains(#""status":"degraded""#))
            #expect(body.contains(#""detail":"credentials refused""#))
        }
    }

    /// #17: `/healthz` lists the articles past their review date; stale content alone leaves the status ok.
    @Test func healthListsArticlesPastTheirReviewDate() throws {
        let due = try #require(CalendarDate(iso: "2026-11-30"))
        let health = ServiceHealth(
            runners: [],
            reviewsOverdue: [OverdueReview(articleID: "what_is_channel", reviewDue: due)]
        )
        #expect(health.isHealthy)
        let body = String(decoding: health.json(), as: UTF8.self)
        #expect(body.contains(#""reviews_overdue":[{"article":"what_is_channel","review_due":"2026-11-30"}]"#))
        #expect(body.contains(#""status":"ok""#))
        let none = String(decoding: ServiceHealth(runners: []).json(), as: UTF8.self)
        #expect(none.contains(#""reviews_overdue":[]"#))
    }

    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("localhost:0", "localhost", 0), ("[::1]:8080", "::1", 8080),
    ])
    func addressesParse(_ text: String, _ host: String, _ port: Int) {
        #expect(MonitoringAddress(text) == MonitoringAddress(host: host, port: port))
    }

    @Test(arguments: ["9464", "127.0.0.1", "127.0.0.1:port", ":9464", "127.0.0.1:70000"])
    func badAddressesAreRefused(_ text: String) {
        #expect(MonitoringAddress(text) == nil)
    }

    /// #15 finding 1: `Retry-After: 1e300` once crashed the process (`Int(seconds * 1000)`); now the poller waits at
    /// most an hour and `/healthz` says it is backing off and when it resumes.
    @Test func anAbsurdRateLimitShowsBackingOffWithItsResumeTime() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.failNextPolls([PlatformError(.rateLimited(seconds: 1e300), "rate limited")])
            let runner = try Self.runner(platform, database: database, metrics: RuntimeMetrics())
            let before = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await runner.run() }
                try await Self.wait {
                    if case .backingOff = runner.currentStatus { return true }
                    return false
                }
                let health = ServiceHealth(runners: [runner])
                let poller = try #require(health.pollers.first)
                #expect(poller.state == "backing_off")
                let resumes = try #require(poller.resumesAt)
                #expect(resumes > before.addingTimeInterval(3_590) && resumes <= Date().addingTimeInterval(3_600))
                let body = String(decoding: health.json(), as: UTF8.self)
                #expect(body.contains(#""resumes_at":""#))
                #expect(body.contains(#""state":"backing_off""#))
                group.cancelAll()
            }
            if case .stopped = runner.currentStatus {} else { Issue.record("a cancelled wait stops the poller") }
        }
    }

    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func runner(
        _ platform: ScriptedPlatform,
        database: AppDatabase,
        metrics: RuntimeMetrics
    ) throws
        -> PlatformRunner
    {
        let setup = try AssistantSetup.load(knowledgeRoot: Repository.root, configurationFile: nil, matcher: .baseline)
        let engine = ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: AccessRoles(),
            logger: quiet
        )
        return PlatformRunner(
            platform: platform,
            engine: engine,
            logger: quiet,
            backoff: Backoff(base: 0.01, cap: 0.05),
            metrics: metrics
        )
    }

    static func wait(until done: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(90)
        while !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try #require(done(), "timed out waiting")
    }

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        let response = try await CurlTransport().perform(HTTPRequest(url: url, timeout: 10))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }
}
