import AssistantCore
import AssistantService
import Foundation
import Logging
import Platforms
import PreventAssistTesting
import Storage
import Synchronization
import Testing

/// A platform in memory: serves scripted batches, records sends, and fails on command.
final class ScriptedPlatform: ChatPlatform, Sendable {
    let id = "scripted"
    let kind = "scripted"
    private let state = Mutex(State())

    struct State {
        var batches: [PollBatch] = []
        var sent: [(conversation: String, text: String, key: String)] = []
        var sendFailures: [PlatformError] = []
        var pollFailures: [PlatformError] = []
        var openFailures: [PlatformError] = []
        var polls = 0
    }

    func script(_ batches: [PollBatch]) { state.withLock { $0.batches = batches } }
    func failNextSends(_ errors: [PlatformError]) { state.withLock { $0.sendFailures = errors } }
    func failNextPolls(_ errors: [PlatformError]) { state.withLock { $0.pollFailures = errors } }
    func failNextOpens(_ errors: [PlatformError]) { state.withLock { $0.openFailures = errors } }
    var sent: [(conversation: String, text: String, key: String)] { state.withLock { $0.sent } }
    var polls: Int { state.withLock { $0.polls } }

    func start() async throws(PlatformError) -> [String] { [] }

    func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        let next = state.withLock { state -> Result<PollBatch?, PlatformError> in
            state.polls += 1
            if !state.pollFailures.isEmpty { return .failure(state.pollFailures.removeFirst()) }
            // The batch that follows `cursor` (batch n has cursor "n"), like a real platform resuming.
            let index = cursor.flatMap(Int.init) ?? 0
            return .success(index < state.batches.count ? state.batches[index] : nil)
        }
        switch next {
        case .failure(let error): throw error
        case .success(let batch?): return batch
        case .success(nil):
            try? await Task.sleep(for: .milliseconds(20))
            return PollBatch(messages: [], cursor: cursor ?? "0")
        }
    }

    func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    )
        async throws(PlatformError)
    {
        let failure = state.withLock { state -> PlatformError? in
            if !state.sendFailures.isEmpty { return state.sendFailures.removeFirst() }
            // Idempotent like Matrix: the same key twice is one message.
            if !state.sent.contains(where: { $0.key == idempotencyKey }) {
                state.sent.append((conversationID, reply.text, idempotencyKey))
            }
            return nil
        }
        if let failure { throw failure }
    }

    func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        let failure = state.withLock { state in state.openFailures.isEmpty ? nil : state.openFailures.removeFirst() }
        if let failure { throw failure }
        return "dm-\(userID)"
    }
}

@Suite(.timeLimit(.minutes(3)))
struct PlatformRunnerTests {
    static func message(_ id: String, _ text: String, room: String = "room") -> InboundMessage {
        InboundMessage(
            platform: "scripted",
            conversationID: room,
            isDirect: true,
            senderID: "@sam",
            text: text,
            messageID: id,
            timestamp: 1_795_944_000
        )
    }

    /// Runs a runner until `done` holds (or 20 s), then stops it.
    func run(
        _ platform: ScriptedPlatform,
        database: AppDatabase,
        alerts: PlatformRunner.AlertRouting = .init(teamRoom: nil),
        until done: @escaping @Sendable () -> Bool
    ) async throws {
        let setup = try AssistantSetup.load(knowledgeRoot: Repository.root, configurationFile: nil, matcher: .baseline)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let engine = ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: AccessRoles(),
            logger: logger
        )
        let runner = PlatformRunner(
            platform: platform,
            engine: engine,
            logger: logger,
            backoff: Backoff(base: 0.01, cap: 0.05),
            alerts: alerts
        )
        let task = Task { try await runner.run() }
        let deadline = ContinuousClock.now + .seconds(90)
        while !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        _ = try? await task.value
    }

    @Test func answersEachMessageOnceAndCommitsTheCursorAfterSending() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.script([
                PollBatch(messages: [], cursor: "1"),
                PollBatch(
                    messages: [Self.message("m1", "what is channel"), Self.message("m2", "thanks")],
                    cursor: "2"
                ),
            ])
            try await run(platform, database: database) { platform.sent.count >= 2 }
            #expect(platform.sent.map(\.key) == ["pa-m1-0", "pa-m2-0"])
            #expect(platform.sent.first?.text.contains("Channel") == true)
            #expect(try PlatformStateStore(database: database).cursor("scripted") == "2")
        }
    }

    @Test func aCrashBetweenHandlingAndSendingSendsOnceAndNeverAnswersTwice() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = directory.url.appendingPathComponent("db.sqlite")
            let key = EncryptionKey.generate()
            let platform = ScriptedPlatform()
            platform.script([
                PollBatch(messages: [], cursor: "1"),
                PollBatch(messages: [Self.message("m1", "I want to raise a concern")], cursor: "2"),
            ])
            // The send fails and the process "dies" before the cursor moves: the runner is stopped mid-way.
            platform.failNextSends(Array(repeating: PlatformError(.transient, "connection reset"), count: 1000))
            try await run(platform, database: try AppDatabase(file: file, key: key)) { platform.polls >= 2 }
            #expect(platform.sent.isEmpty)
            #expect(try PlatformStateStore(database: AppDatabase(file: file, key: key)).cursor("scripted") == "1")

            // Restart: the same batch comes again; the message is not handled again (the form would advance), and
            // the queued reply goes out once.
            platform.failNextSends([])
            try await run(platform, database: try AppDatabase(file: file, key: key)) {
                (try? PlatformStateStore(database: AppDatabase(file: file, key: key)).cursor("scripted")) == "2"
            }
            #expect(platform.sent.map(\.key) == ["pa-m1-0"])
            #expect(platform.sent.first?.text.contains("Who is the concern about?") == true)
        }
    }

    @Test func repliesKeepTheirOrderWithinEachConversationWhenSentConcurrently() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            let rooms = ["a", "b", "c"]
            let messages = (0..<12).map { index in
                Self.message("m\(index)", index % 2 == 0 ? "what is channel" : "thanks", room: rooms[index % 3])
            }
            platform.script([PollBatch(messages: [], cursor: "1"), PollBatch(messages: messages, cursor: "2")])
            try await run(platform, database: database) {
                (try? PlatformStateStore(database: database).cursor("scripted")) == "2"
            }
            #expect(platform.sent.count == 12)
            for room in rooms {
                let expected = messages.filter { $0.conversationID == room }.map { "pa-\($0.messageID)-0" }
                #expect(platform.sent.filter { $0.conversation == room }.map(\.key) == expected)
            }
        }
    }

    @Test func rateLimitsAreWaitedOutAndServerErrorsBackedOffWithNothingLost() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            platform.script([
                PollBatch(messages: [], cursor: "1"),
                PollBatch(messages: [Self.message("m1", "what is prevent")], cursor: "2"),
            ])
            platform.failNextPolls([PlatformError(.transient, "HTTP 502")])
            platform.failNextSends([PlatformError(.rateLimited(seconds: 0.2), "429"), PlatformError(.transient, "500")])
            try await run(platform, database: database) { platform.sent.count >= 1 }
            #expect(platform.sent.map(\.key) == ["pa-m1-0"])
        }
    }

    @Test func alertsGoToTheTeamRoomOnceWithoutDetailsAndEscalationsToDeputies() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let submission = FormSubmission(
                formID: "raise_concern",
                reporterID: "scripted:@sam",
                urgent: true,
                fields: [
                    .init(
                        slot: "what",
                        label: "What",
                        value: "SECRET-DETAIL",
                        display: "SECRET-DETAIL",
                        sensitivity: .freeText
                    )
                ]
            )
            // Queued an hour ago and never acknowledged: due for escalation.
            let anHourAgo = Int64(Date().timeIntervalSince1970) - 3_600
            let reference = try ConcernStore(database: database).create(submission, at: anHourAgo)
            try AlertOutbox(database: database).enqueueSubmitted(
                reference: reference,
                urgent: true,
                text: TeamAlertText.newConcern(reference: reference, urgent: true),
                at: anHourAgo
            )
            let platform = ScriptedPlatform()
            platform.script([PollBatch(messages: [], cursor: "1")])
            let routing = PlatformRunner.AlertRouting(
                teamRoom: "!team",
                deputies: ["scripted:@deputy", "matrix:@x"],
                escalateAfter: 1_800
            )
            try await run(platform, database: database, alerts: routing) { platform.sent.count >= 2 }
            let team = platform.sent.filter { $0.conversation == "!team" }
            #expect(team.count == 1)
            #expect(team.first?.text.contains(reference) == true)
            #expect(!platform.sent.contains { $0.text.contains("SECRET-DETAIL") || $0.text.contains("@sam") })
            #expect(platform.sent.contains { $0.conversation == "dm-@deputy" && $0.text.hasPrefix("ESCALATED") })
            #expect(try AlertOutbox(database: database).pending().isEmpty)
        }
    }

    @Test func aGroupFormContinuesInADirectConversation() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let platform = ScriptedPlatform()
            let group = InboundMessage(
                platform: "scripted",
                conversationID: "group",
                isDirect: false,
                senderID: "@sam",
                text: "I want to raise a concern",
                messageID: "g1",
                timestamp: 1_795_944_000
            )
            platform.script([PollBatch(messages: [], cursor: "1"), PollBatch(messages: [group], cursor: "2")])
            try await run(platform, database: database) { platform.sent.count >= 2 }
            let inGroup = platform.sent.filter { $0.conversation == "group" }
            #expect(inGroup.count == 1)
            #expect(inGroup.first?.text.contains("privately") == true)
            #expect(
                platform.sent.contains { $0.conversation == "dm-@sam" && $0.text.contains("Who is the concern about?") }
            )
        }
    }

    @Test func aDirectConversationThatFailsToOpenIsOpenedOnRetryAndAfterACrash() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = directory.url.appendingPathComponent("db.sqlite")
            let key = EncryptionKey.generate()
            let platform = ScriptedPlatform()
            let group = InboundMessage(
                platform: "scripted",
                conversationID: "group",
                isDirect: false,
                senderID: "@sam",
                text: "I want to raise a concern",
                messageID: "g1",
                timestamp: 1_795_944_000
            )
            platform.script([PollBatch(messages: [], cursor: "1"), PollBatch(messages: [group], cursor: "2")])
            // The homeserver refuses to open the direct room for a while; the process then dies.
            platform.failNextOpens(Array(repeating: PlatformError(.transient, "HTTP 502"), count: 1000))
            try await run(platform, database: try AppDatabase(file: file, key: key)) {
                platform.sent.contains { $0.conversation == "group" }
            }
            #expect(!platform.sent.contains { $0.conversation == "dm-@sam" })

            // Restarted with the homeserver back: the private form still starts, once.
            platform.failNextOpens([PlatformError(.transient, "HTTP 502")])
            try await run(platform, database: try AppDatabase(file: file, key: key)) {
                platform.sent.contains { $0.conversation == "dm-@sam" }
            }
            let direct = platform.sent.filter { $0.conversation == "dm-@sam" }
            #expect(direct.count == 1)
            #expect(direct.first?.text.contains("Who is the concern about?") == true)
        }
    }
}

/// Concern queries never answer in a room others can read.
struct ConcernDeskTests {
    @Test func queriesOutsideADirectConversationRevealNothingAndAreAudited() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let submission = FormSubmission(
                formID: "raise_concern",
                reporterID: "matrix:@sam",
                urgent: false,
                fields: []
            )
            let reference = try ConcernStore(database: database).create(submission, at: 1_795_944_000)
            let desk = ConcernDesk(database: database, roles: AccessRoles(safeguardingLeads: ["matrix:@lead"]))
            for query in [
                ConcernQuery.ownStatus(requester: "matrix:@sam"), .show(reference: reference, requester: "matrix:@sam"),
                .list(requester: "matrix:@lead"), .show(reference: reference, requester: "matrix:@lead"),
            ] {
                let reply = try desk.answer(query, isDirect: false, at: 1_795_944_100)
                #expect(!reply.text.contains(reference))
                #expect(reply.text.contains("direct message"))
            }
            #expect(
                try ConcernStore(database: database).generalAudit(actor: "test", at: 0).filter {
                    $0.action == "access_refused"
                }.count == 4
            )
            let own = try desk.answer(.ownStatus(requester: "matrix:@sam"), isDirect: true, at: 1_795_944_200)
            #expect(own.text.contains(reference))
        }
    }

    @Test("a lead or deputy acknowledges an urgent alert from chat; anyone else is refused; every step is audited")
    func alertsAreAcknowledgedFromChat() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let outbox = AlertOutbox(database: database)
            let alert = UrgentAlert(reason: .dangerAnswerOutsideForm, reporter: "matrix:@sam", platform: "matrix")
            let id = try outbox.enqueueUrgent(alert, text: "URGENT: test", at: 1_795_944_000)
            let desk = ConcernDesk(
                database: database,
                roles: AccessRoles(safeguardingLeads: ["matrix:@lead"], deputies: ["matrix:@deputy"])
            )
            let refused = try desk.answer(.acknowledgeAlert(id: id, requester: "matrix:@sam"), isDirect: true, at: 1)
            #expect(refused.text.contains("only the safeguarding leads"))
            #expect(try outbox.all().first?.acknowledgedAt == nil)
            let listed = try desk.answer(.acknowledgeAlert(id: nil, requester: "matrix:@deputy"), isDirect: true, at: 2)
            #expect(listed.text.contains("#\(id)"))
            #expect(!listed.text.contains("matrix:@sam"), "deputies never see who raised it")
            let missing = try desk.answer(.acknowledgeAlert(id: 999, requester: "matrix:@lead"), isDirect: true, at: 3)
            #expect(missing.text.contains("no alert #999"))
            let done = try desk.answer(.acknowledgeAlert(id: id, requester: "matrix:@deputy"), isDirect: true, at: 4)
            #expect(done.text.contains("#\(id) acknowledged"))
            #expect(try outbox.all().first?.acknowledgedAt == 4)
            let again = try desk.answer(.acknowledgeAlert(id: id, requester: "matrix:@lead"), isDirect: true, at: 5)
            #expect(again.text.contains("already acknowledged"))
            let audit = try ConcernStore(database: database).generalAudit(actor: "test", at: 6).map(\.action)
            #expect(audit.filter { $0 == "access_refused" }.count == 1)
            #expect(audit.contains("alerts_listed"))
            #expect(audit.filter { $0 == "alert_acknowledged" }.count == 1)
        }
    }
}
