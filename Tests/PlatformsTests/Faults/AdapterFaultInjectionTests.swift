import AssistantCore
import AssistantService
import Foundation
import Logging
import Platforms
import PreventAssistTesting
import Storage
import Testing

/// #15's fault table for the adapters: each hostile-server fault injected into each adapter's stub while `serve`'s
/// runner polls it, beside a healthy control platform. A cell survives when the runner is still running, the control
/// platform answered during the fault, the question asked during the fault was answered, and nothing was answered
/// twice (the same question before and after gives the same number of replies, and more polls add none).
///
/// Each cell prints `FAULT|<adapter>|<fault>|survived|<detail>` (or `FAILED`); `bench/fault-table` collects them.
/// Rate-limit waits are capped at 0.5 s here (`longestWait`), so a 1e300 wait is tested without waiting an hour; the
/// 3600 s cap itself is tested in `RetryDecisionTests` and `RateLimitWaitTests`.
@Suite(.timeLimit(.minutes(10)))
struct AdapterFaultInjectionTests {
    static let question = "what is channel?"
    static let quiet = Logger(label: "fault-injection") { _ in SwiftLogNoOpLogHandler() }

    static let setup = Task {
        try AssistantSetup.load(knowledgeRoot: SharedAssistant.repository, configurationFile: nil, matcher: .baseline)
    }

    @Test(arguments: FaultTarget.names)
    func everyFaultIsSurvived(_ name: String) async throws {
        let setup = try await Self.setup.value
        var failed: [String] = []
        for fault in Fault.allCases {
            let cell = try await Self.run(fault, on: name, setup: setup)
            print("FAULT|\(name)|\(fault.rawValue)|\(cell.survived ? "survived" : "FAILED")|\(cell.detail)")
            if !cell.survived { failed.append("\(fault.rawValue): \(cell.detail)") }
        }
        #expect(failed.isEmpty, "\(name): \(failed.joined(separator: "; "))")
    }

    struct Cell {
        let survived: Bool
        let detail: String
    }

    static func run(_ fault: Fault, on name: String, setup: AssistantSetup) async throws -> Cell {
        let target = try FaultTarget.make(name)
        let control = try FaultTarget.make(name == "slack" ? "teams" : "slack")
        // A platform whose clock is off runs off from the start, as a host with a wrong clock does.
        if fault.skew != 0 { target.skew(fault.skew) }
        defer {
            target.server.stop()
            control.server.stop()
        }
        return try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let engine = ConversationEngine(
                assistant: setup.assistant,
                database: database,
                roles: AccessRoles(),
                logger: quiet
            )
            let runners = try [target, control].map { each in
                PlatformRunner(
                    platform: try each.makePlatform(),
                    engine: engine,
                    logger: quiet,
                    backoff: Backoff(base: 0.02, cap: 0.2),
                    longestWait: 0.5
                )
            }
            let tasks = runners.map { runner in Task { try await runner.run() } }
            let cell = await observe(fault, target, control, runners, PlatformStateStore(database: database))
            for task in tasks {
                task.cancel()
                _ = await task.result
            }
            return cell
        }
    }

    /// Asks before the fault, injects it, asks again on both platforms, and judges the cell.
    static func observe(
        _ fault: Fault,
        _ target: FaultTarget,
        _ control: FaultTarget,
        _ runners: [PlatformRunner],
        _ store: PlatformStateStore
    ) async -> Cell {
        guard await until({ runners.allSatisfy { (try? store.cursor($0.platform.id)) != nil } }) else {
            return Cell(survived: false, detail: "never started polling")
        }
        target.post(question)
        guard await until({ target.replyCount() > 0 }) else {
            return Cell(survived: false, detail: "no answer before the fault")
        }
        let before = target.replyCount()
        let counter = FaultCounter()
        if fault.skew == 0 {
            let polls = target.server.requests.filter(target.isPoll).count
            target.server.intercept(fault.interceptor(isPoll: target.isPoll, marker: question, counter: counter))
            // The question goes out once a poll has reached the interceptor (a long-poll begun before it would
            // carry the question past the fault unseen).
            guard await until({ target.server.requests.filter(target.isPoll).count > polls }) else {
                return Cell(survived: false, detail: "stopped polling before the fault")
            }
        }
        target.post(question)
        control.post(question)
        let answered = await until { target.replyCount() >= 2 * before && control.replyCount() > 0 }
        let polls = target.server.requests.filter(target.isPoll).count
        let settled = await until { target.server.requests.filter(target.isPoll).count >= polls + 3 }
        let after = target.replyCount()
        let status = runners[0].currentStatus
        var problems: [String] = []
        if !answered { problems.append("the question asked during the fault was not answered") }
        if control.replyCount() == 0 { problems.append("the control platform did not answer") }
        if after > 2 * before { problems.append("answered twice (\(after) replies, expected \(2 * before))") }
        if !settled { problems.append("stopped polling") }
        if case .stopped(let why) = status { problems.append("runner stopped: \(why)") }
        if fault.budget > 0, counter.spoiled == 0 { problems.append("the fault was never injected") }
        let detail =
            problems.isEmpty
            ? "spoiled \(counter.spoiled) poll responses; \(before)+\(after - before) replies; "
                + "control answered; polling on"
            : problems.joined(separator: "; ")
        return Cell(survived: problems.isEmpty, detail: detail)
    }

    /// Polls `condition` every 20 ms for up to 60 s.
    static func until(_ condition: @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}
