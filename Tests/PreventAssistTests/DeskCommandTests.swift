import Foundation
import PreventAssistTesting
import Testing

/// `prevent-assist desk user add|list|disable` through the real binary: only a lead on the host may manage desk
/// accounts, a set-up code is printed once, and disabling is shown by `list`.
@Suite(.timeLimit(.minutes(2)))
struct DeskCommandTests {
    func desk(_ arguments: [String], data: URL, config: URL) async throws -> ProcessOutput {
        var environment = ProcessInfo.processInfo.environment
        environment["PREVENT_ASSIST_KEY"] = nil
        environment["PREVENT_ASSIST_LOG_LEVEL"] = "error"
        return try await ProcessOutput.run(
            Repository.binary,
            ["desk"] + arguments + ["--data", data.path, "--config", config.path],
            environment: environment
        )
    }

    @Test func aHostLeadAddsListsAndDisablesDeskUsersAndNobodyElseMay() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let lead = try HostRoles.config(in: directory.url, name: "lead.yaml")
            let auditor = try HostRoles.config(in: directory.url, role: "auditors", name: "auditor.yaml")

            let refused = try await desk(["user", "add", "sam", "--role", "lead"], data: data, config: auditor)
            #expect(refused.status != 0)
            #expect(refused.error.contains("may not change a concern record"))

            let added = try await desk(["user", "add", "sam", "--role", "lead"], data: data, config: lead)
            #expect(added.status == 0, "\(added.error)")
            #expect(
                added.output.range(of: #"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"#, options: .regularExpression)
                    != nil
            )
            let twice = try await desk(["user", "add", "sam", "--role", "deputy"], data: data, config: lead)
            #expect(twice.status != 0 && twice.error.contains("already exists"))
            let badRole = try await desk(["user", "add", "kim", "--role", "admin"], data: data, config: lead)
            #expect(badRole.status != 0 && badRole.error.contains("lead, deputy, auditor"))
            let badName = try await desk(["user", "add", "Kim Smith", "--role", "lead"], data: data, config: lead)
            #expect(badName.status != 0)

            let listed = try await desk(["user", "list"], data: data, config: lead)
            #expect(listed.output.contains("sam\tlead\twaiting for set-up"))
            let disabled = try await desk(["user", "disable", "sam"], data: data, config: lead)
            #expect(disabled.status == 0, "\(disabled.error)")
            #expect(try await desk(["user", "list"], data: data, config: lead).output.contains("sam\tlead\tdisabled"))
            #expect(try await desk(["user", "disable", "sam"], data: data, config: lead).status != 0)
        }
    }
}
