import Foundation
import Platforms
import PreventAssistTesting
import Synchronization
import Testing

/// #15: random bytes and mutated recorded payloads, fed to every adapter's poll decoding (the whole path: HTTP,
/// JSON, the adapter's reading of each event): no crash, no hang. Deterministic (a seeded generator), so a failure
/// replays; the figures (cases, faults thrown, slowest poll) are printed. A hang is caught by the suite's time limit,
/// not by timing a poll (the slowest poll reached 12 s once, with the whole test suite loading both cores).
@Suite(.timeLimit(.minutes(5)))
struct DecoderFuzzTests {
    static let iterations = 1_000

    @Test(arguments: LoopbackAdapter.allCases)
    func randomAndMutatedPollResponsesNeverCrashOrHang(_ adapter: LoopbackAdapter) async throws {
        let current = Mutex(Data())
        let server = try LoopbackHTTPServer { request in
            if FuzzSeeds.isPoll(adapter, request) {
                return .json(200, String(decoding: current.withLock { $0 }, as: UTF8.self))
            }
            return .json(200, FuzzSeeds.canned(adapter, request))
        }
        defer { server.stop() }
        let platform = try adapter.make(server.baseURL)
        _ = try? await platform.start()
        var random = SeededRandom(seed: 0x15_15 &+ UInt64(adapter.rawValue.count))
        let seed = Data(FuzzSeeds.poll(adapter).utf8)
        // The unmutated seed decodes to messages, so the mutations below reach the event decoders.
        current.withLock { $0 = seed }
        let clean = try await platform.poll(after: adapter.warmCursor)
        #expect(!clean.messages.isEmpty, "\(adapter): the seed payload decoded to no message")
        var thrown = 0
        var slowest = Duration.zero
        for iteration in 0..<Self.iterations {
            let body =
                iteration % 4 == 3
                ? FuzzMutator.randomBytes(&random)
                : iteration % 4 == 2 ? FuzzMutator.mutateBytes(seed, &random) : FuzzMutator.mutateJSON(seed, &random)
            current.withLock { $0 = body }
            let started = ContinuousClock.now
            do {
                _ = try await platform.poll(after: adapter.warmCursor)
            } catch {
                thrown += 1
            }
            slowest = max(slowest, ContinuousClock.now - started)
        }
        print("FUZZ|\(adapter)|\(Self.iterations) cases|\(thrown) refused as faults|slowest poll \(slowest)")
    }
}

/// Mutations of recorded payloads: hostile leaf values in the JSON tree, flipped, cut or repeated bytes, noise.
enum FuzzMutator {
    /// Values that broke or could break decoders: huge, negative, fractional, wrong types, odd text.
    static let hostile: [String] = [
        "1e300", "-1e300", "-1", "0", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1.5",
        "1e400", "null", "true", "\"\"", "\"\\u0000\"", "[]", "{}", "[[[[[[[[]]]]]]]]", "\"\\ud800\"",
        "\"" + String(repeating: "x", count: 5_000) + "\"", "\"nan\"", "\"-5\"", "\"9999999999999999999999\"",
    ]

    static func mutateJSON(_ seed: Data, _ random: inout SeededRandom) -> Data {
        var text = String(decoding: seed, as: UTF8.self)
        // Replace a few scalar values (after a colon or in a list) with hostile ones.
        let pattern = #/[:\[,]\s?(-?\d+(?:\.\d+)?|"[^"]*"|true|false|null)/#
        let matches = text.matches(of: pattern).map { $0.output.1.startIndex..<$0.output.1.endIndex }
        guard !matches.isEmpty else { return seed }
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let range = matches[Int.random(in: 0..<matches.count, using: &random)]
            guard range.upperBound <= text.endIndex else { continue }
            let replacement = hostile[Int.random(in: 0..<hostile.count, using: &random)]
            text.replaceSubrange(range, with: replacement)
            break  // ranges after an edit are stale: one edit per pass
        }
        return Data(text.utf8)
    }

    static func mutateBytes(_ seed: Data, _ random: inout SeededRandom) -> Data {
        var bytes = [UInt8](seed)
        guard !bytes.isEmpty else { return seed }
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case 1:
            bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
        case 2:
            let start = Int.random(in: 0..<bytes.count, using: &random)
            let slice = bytes[start..<min(bytes.count, start + 40)]
            bytes.insert(contentsOf: slice, at: Int.random(in: 0..<bytes.count, using: &random))
        default:
            bytes.insert(contentsOf: [0xFF, 0xFE, 0x00, 0xC3], at: Int.random(in: 0..<bytes.count, using: &random))
        }
        return Data(bytes)
    }

    static func randomBytes(_ random: inout SeededRandom) -> Data {
        Data((0..<Int.random(in: 0..<600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }
}
