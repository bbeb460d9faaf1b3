import AssistantCore
import AssistantService
import Clocks
import Foundation
import Logging
import Platforms
import PreventAssistTesting
import Storage
import Synchronization
import Testing

/// The runtime's waits and timestamps come from the injected ``RuntimeClock``: an hour's back-off, a rate limit's
/// "resumes at", alert escalation and draft expiry are tested by moving a test clock, never by sleeping for them.
@Suite(.timeLimit(.minutes(3)))
struct RuntimeClockTests {
    static let start: Int64 = 1_795_944_000

    /// A wall clock the test moves by hand.
    final class ManualTime: Sendable {
        private let seconds = Mutex(RuntimeClockTests.start)
        var now: Int64 { seconds.withLock { $0 } }
        func advance(by delta: Int64) { seconds.withLock { $0 += delta } }
    }

    static func engine(_ database: AppDatabase) throws -> ConversationEngine {
        let setup = try AssistantSetup.load(knowledgeRoot: Repository.root, configurationFile: nil, matcher: .baseline)
        return ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: AccessRoles(),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    static func runner(
        _ platform: ScriptedPlatform,
        database: AppDatabase,
        sleeper: any Clock<Duration>,
        time: ManualTime,
        backoff: Backoff = Backoff(),
        alerts: PlatformRunner.AlertRouting = .init(teamRoom: nil)
    ) throws -> PlatformRunner {
        PlatformRunner(
            platform: platform,
            engine: try engine(database),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            backoff: backoff,
            alerts: alerts,
            clock: RuntimeClock(sleeper: sleeper, now: { time.now })
        )
    }

    /// Waits (briefly yielding) until `done` holds; the deadline only stops a broken test from hanging.
    static func eventually(_ done: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test("a back-off of up to an hour ends when the injected clock has moved an hour, not before")
    func backOffWaitsOnTheInjectedClock() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.script([
                PollBatch(messages: [PlatformRunnerTests.message("m1", "what is channel")], cursor: "1")
            ])
            platform.failNextPolls([PlatformError(.transient, "503 from the server")])
            let sleeper = TestClock()
            let time = ManualTime()
            let runner = try Self.runner(
                platform,
                database: database,
                sleeper: sleeper,
                time: time,
                backoff: Backoff(base: 3_600, cap: 3_600)
            )
            let task = Task { try await runner.run() }
            try await Self.eventually {
                if case .backingOff = runner.currentStatus { return true }
                return false
            }
            guard case .backingOff(_, let resumesAt) = runner.currentStatus else {
                Issue.record("the runner did not back off")
                task.cancel()
                return
            }
            let wait = resumesAt.timeIntervalSince1970 - Double(Self.start)
            #expect((1_800...3_600).contains(wait), "half to all of the hour's back-off, from the injected now")
            #expect(platform.sent.isEmpty)
            #expect(platform.polls == 1)
            // Nothing more happens until the test clock moves an hour; then the poller resumes and answers.
            let deadline = ContinuousClock.now + .seconds(60)
            while platform.sent.isEmpty, ContinuousClock.now < deadline {
                await sleeper.advance(by: .seconds(3_600))
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(platform.sent.map(\.key) == ["pa-m1-0"])
            task.cancel()
            _ = try? await task.value
        }
    }

    @Test("a rate limit of 1e300 s resumes exactly an hour after the injected now")
    func rateLimitResumesAtTheInjectedNowPlusTheLongestWait() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.failNextPolls([PlatformError(.rateLimited(seconds: 1e300), "429")])
            let runner = try Self.runner(platform, database: database, sleeper: TestClock(), time: ManualTime())
            let task = Task { try await runner.run() }
            try await Self.eventually {
                if case .backingOff = runner.currentStatus { return true }
                return false
            }
            let status = runner.currentStatus
            task.cancel()
            _ = try? await task.value
            #expect(status == .backingOff("429", resumesAt: Date(timeIntervalSince1970: Double(Self.start + 3_600))))
        }
    }
}

/// Escalation and draft expiry are judged by the injected wall clock.
@Suite(.timeLimit(.minutes(3)))
struct RuntimeExpiryTests {
    @Test(
        "an urgent alert is posted to the team room and escalated to the deputy once the injected clock passes the limit"
    )
    func escalationFollowsTheInjectedNow() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let time = RuntimeClockTests.ManualTime()
            let alert = UrgentAlert(reason: .dangerAnswerOutsideForm, reporter: "scripted:@sam", platform: "scripted")
            try AlertOutbox(database: database).enqueueUrgent(alert, text: "URGENT: test", at: time.now)
            let platform = ScriptedPlatform()
            let runner = try RuntimeClockTests.runner(
                platform,
                database: database,
                sleeper: ContinuousClock(),
                time: time,
                alerts: .init(teamRoom: "!team", deputies: ["scripted:@deputy"], escalateAfter: 1_800)
            )
            let task = Task { try await runner.run() }
            try await RuntimeClockTests.eventually { platform.sent.contains { $0.conversation == "!team" } }
            // A full poll round with the clock short of the limit: nothing for the deputy.
            time.advance(by: 1_799)
            let polls = platform.polls
            try await RuntimeClockTests.eventually { platform.polls > polls + 1 }
            #expect(!platform.sent.contains { $0.conversation == "dm-@deputy" })
            time.advance(by: 1)
            try await RuntimeClockTests.eventually { platform.sent.contains { $0.conversation == "dm-@deputy" } }
            task.cancel()
            _ = try? await task.value
            let escalation = platform.sent.filter { $0.conversation == "dm-@deputy" }
            #expect(escalation.count == 1)
            #expect(escalation.first?.text.contains("ESCALATED") == true)
            #expect(try AlertOutbox(database: database).all().last?.createdAt == RuntimeClockTests.start + 1_800)
        }
    }

    @Test("housekeeping runs at start, then each interval on the injected clock, expiring drafts by the injected now")
    func housekeepingWaitsOnTheInjectedClock() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let time = RuntimeClockTests.ManualTime()
            let conversations = ConversationStore(database: database)
            let draft = ConversationState(
                form: FormSession(formID: "raise_concern", reporterID: "matrix:@sam", firstSlot: "what_happened")
            )
            try conversations.save(draft, for: "old-draft", at: time.now - 2 * 3_600)
            try conversations.save(draft, for: "draft", at: time.now)
            time.advance(by: 23 * 3_600)
            let sleeper = TestClock()
            let service = HousekeepingService(
                Housekeeping(database: database, draftExpiryHours: 24),
                every: .seconds(600),
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                clock: RuntimeClock(sleeper: sleeper, now: { time.now })
            )
            let task = Task { try await service.run() }
            // The run at start (23 h after the draft was saved) removes only the draft older than 24 h.
            try await RuntimeClockTests.eventually { (try? conversations.load("old-draft")) == .initial }
            #expect(try conversations.load("old-draft") == .initial)
            #expect(try conversations.load("draft") == draft)
            // Past the expiry, nothing runs until the interval has passed on the test clock.
            time.advance(by: 2 * 3_600)
            let deadline = ContinuousClock.now + .seconds(60)
            while try conversations.load("draft") == draft, ContinuousClock.now < deadline {
                await sleeper.advance(by: .seconds(600))
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(try conversations.load("draft") == .initial)
            task.cancel()
            _ = try? await task.value
        }
    }
}

/// Where alerts and snippet notices go on a platform, decided without I/O.
struct NoticeRoutingTests {
    let routing = PlatformRunner.AlertRouting(
        teamRoom: "!team",
        deputies: ["matrix:@deputy", "telegram:42"],
        moderatorRoom: nil,
        moderators: ["matrix:@mod", "slack:U1"]
    )

    @Test func teamAlertsGoToTheTeamRoomAndEscalationsToEachDeputyHere() {
        #expect(
            routing.alertTargets(recipient: "team", id: 7, platformKind: "matrix")
                == [NoticeTarget(place: .room("!team"), idempotencyKey: "alert-7")]
        )
        #expect(
            routing.alertTargets(recipient: "deputy", id: 8, platformKind: "matrix")
                == [NoticeTarget(place: .person("@deputy"), idempotencyKey: "alert-8-@deputy")]
        )
        #expect(routing.alertTargets(recipient: "deputy", id: 8, platformKind: "zulip").isEmpty)
        #expect(
            PlatformRunner.AlertRouting(teamRoom: nil).alertTargets(recipient: "team", id: 7, platformKind: "matrix")
                .isEmpty
        )
    }

    @Test func snippetNoticesGoToTheModeratorRoomOrEachModeratorHereAndToAuthorsOnThisPlatform() {
        #expect(
            routing.snippetTargets(recipient: "moderators", id: 3, platformKind: "slack")
                == [NoticeTarget(place: .person("U1"), idempotencyKey: "snippet-3-U1")]
        )
        let withRoom = PlatformRunner.AlertRouting(teamRoom: nil, moderatorRoom: "!mods", moderators: ["slack:U1"])
        #expect(
            withRoom.snippetTargets(recipient: "moderators", id: 3, platformKind: "slack")
                == [NoticeTarget(place: .room("!mods"), idempotencyKey: "snippet-3")]
        )
        #expect(
            routing.snippetTargets(recipient: "matrix:@author", id: 4, platformKind: "matrix")
                == [NoticeTarget(place: .person("@author"), idempotencyKey: "snippet-4")]
        )
        #expect(routing.snippetTargets(recipient: "matrix:@author", id: 4, platformKind: "telegram").isEmpty)
    }
}
