import Foundation
import PreventAssistTesting
import Testing

/// `prevent-assist config check FILE`: every problem at once, with lines; exit 1 when there are any.
@Suite(.timeLimit(.minutes(2)))
struct ConfigCheckCommandTests {
    @Test func listsEveryProblemWithItsLineAndExitsNonZero() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            try directory.write(
                """
                alerts:
                  escalate_after_minutes: 9223372036854775807
                platforms:
                  - kind: matrix
                    id: campus-matrix
                    homeserver: https://matrix.example.ac.uk
                    user_id: "@bot:example.ac.uk"
                    password_env: MATRIX_PASSWORD
                    invite_allwo: ":example.ac.uk"
                roles:
                  deputy: ["lead@example.ac.uk"]
                """,
                to: "bad.yaml"
            )
            let file = directory.url.appendingPathComponent("bad.yaml").path
            let bad = try await CommandRunner.run(["config", "check", file])
            #expect(bad.status == 1)
            #expect(bad.output.contains("bad.yaml:2: 'escalate_after_minutes' must be a whole number from 1 to 10080"))
            #expect(bad.output.contains("bad.yaml:9: unknown key 'invite_allwo'"))
            #expect(bad.output.contains("did you mean 'invite_allow'?"))
            #expect(bad.output.contains("bad.yaml:11: 'deputy'"))
            #expect(bad.output.contains("3 problems"))
        }
    }

    @Test func theExampleConfigurationHasNoProblems() async throws {
        let example = Repository.root.appendingPathComponent("prevent-assist.example.yaml").path
        let good = try await CommandRunner.run(["config", "check", example])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("no problems"))
    }
}
