import PreventAssistTesting
import Testing

/// The shared chat-platform conformance suite, run against the Matrix adapter on a real Synapse.
@Suite(.synapse, .timeLimit(.minutes(3)))
struct MatrixConformanceTests {
    @Test(arguments: PlatformConformance.Check.allCases)
    func conforms(_ check: PlatformConformance.Check) async throws {
        try await PlatformConformance.run(check, on: SynapseConformanceHarness.make())
    }
}
