import PreventAssistTesting
import Testing

/// Every shared adapter behaviour, for the Telegram adapter against the contract stub.
@Suite(.timeLimit(.minutes(1)))
struct TelegramConformanceTests {
    @Test(arguments: PlatformConformance.Check.allCases)
    func conforms(_ check: PlatformConformance.Check) async throws {
        let stub = try TelegramStub()
        defer { stub.stop() }
        try await PlatformConformance.run(check, on: TelegramStubHarness(stub: stub))
    }
}
