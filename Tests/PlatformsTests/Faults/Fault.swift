import Foundation
import PreventAssistTesting
import Synchronization

/// A hostile server's behaviour, injected into a stub's poll responses by a ``LoopbackHTTPServer`` interceptor: the
/// fault-injection table's columns (#15).
enum Fault: String, CaseIterable, Sendable {
    case rateLimitHuge = "429-retry-after-1e300"
    case rateLimitNegative = "429-retry-after-negative"
    case rateLimitNaN = "429-retry-after-nan"
    case serverErrorStorm = "5xx-storm"
    case resetMidBody = "connection-reset-mid-body"
    case slowLoris = "slow-loris-response"
    case truncatedJSON = "truncated-json"
    case hugeBody = "10mb-body"
    case wrongContentType = "wrong-content-type"
    case invalidUTF8 = "invalid-utf8"
    case duplicateEvent = "duplicate-event"
    case clockAhead = "clock-skew-plus-1h"
    case clockBehind = "clock-skew-minus-1h"

    /// Seconds the platform's clock is off by, for the skew faults.
    var skew: Int {
        switch self {
        case .clockAhead: 3_600
        case .clockBehind: -3_600
        default: 0
        }
    }

    /// How many poll responses the fault spoils (the rest pass through).
    var budget: Int {
        switch self {
        case .serverErrorStorm: 8
        case .rateLimitHuge, .rateLimitNegative, .rateLimitNaN, .resetMidBody, .truncatedJSON, .hugeBody,
            .wrongContentType, .invalidUTF8, .slowLoris:
            2
        case .duplicateEvent: 1
        case .clockAhead, .clockBehind: 0
        }
    }

    /// An interceptor that spoils the poll responses (`isPoll`), `budget` times, and counts what it did.
    func interceptor(
        isPoll: @escaping @Sendable (LoopbackHTTPServer.Request) -> Bool,
        marker: String,
        counter: FaultCounter
    ) -> LoopbackHTTPServer.Interceptor {
        let fault = self
        return { request, next in
            guard isPoll(request) else { return next() }
            if fault == .duplicateEvent {
                // Pass the poll that carries the marked message, then serve it once more.
                let real = next()
                if case .respond(_, _, let body, _) = real, body.range(of: Data(marker.utf8)) != nil {
                    if let replay = counter.keep(real) { return replay }
                }
                return counter.replayOnce() ?? real
            }
            guard counter.take(budget: fault.budget) else { return next() }
            return fault.spoil(next)
        }
    }

    private func spoil(_ next: () -> LoopbackHTTPServer.Action) -> LoopbackHTTPServer.Action {
        let json = ["Content-Type": "application/json"]
        switch self {
        case .rateLimitHuge: return .json(429, "{}", headers: ["Retry-After": "1e300"])
        case .rateLimitNegative: return .json(429, "{}", headers: ["Retry-After": "-5"])
        case .rateLimitNaN: return .json(429, "{}", headers: ["Retry-After": "nan"])
        case .serverErrorStorm: return .json([500, 502, 503][Int.random(in: 0..<3)], #"{"error":"storm"}"#)
        case .resetMidBody:
            let body = Self.body(of: next())
            return .raw(LoopbackHTTPServer.head(200, json, length: max(body.count, 64) + 1_000) + body.prefix(20))
        case .slowLoris:
            return .trickle(status: 200, headers: json, body: Self.body(of: next()), chunks: 8, interval: 0.15)
        case .truncatedJSON:
            let body = Self.body(of: next())
            return .respond(status: 200, headers: json, body: body.prefix(body.count / 2))
        case .hugeBody:
            let padding = Data(repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
            return .respond(status: 200, headers: json, body: Data(#"{"x":""#.utf8) + padding + Data(#""}"#.utf8))
        case .wrongContentType:
            return .respond(
                status: 200,
                headers: ["Content-Type": "text/html"],
                body: Data("<html><body>Gateway says hello</body></html>".utf8)
            )
        case .invalidUTF8:
            var body = Self.body(of: next())
            let quote = body.firstIndex(of: UInt8(ascii: "\"")).map { $0 + 1 } ?? body.startIndex
            body.insert(contentsOf: [0xFF, 0xFE, 0xC3], at: quote)
            return .respond(status: 200, headers: json, body: body)
        case .duplicateEvent, .clockAhead, .clockBehind:
            return next()
        }
    }

    private static func body(of action: LoopbackHTTPServer.Action) -> Data {
        if case .respond(_, _, let body, _) = action { return body }
        return Data(#"{"ok":true}"#.utf8)
    }
}

/// What a fault did, shared between the interceptor (on the server's threads) and the test.
final class FaultCounter: Sendable {
    private struct State {
        var spoiled = 0
        var kept: LoopbackHTTPServer.Action?
        var replayed = false
    }

    private let state = Mutex(State())

    /// Whether to spoil this response (fewer than `budget` spoiled so far); counts it.
    func take(budget: Int) -> Bool {
        state.withLock { state in
            guard state.spoiled < budget else { return false }
            state.spoiled += 1
            return true
        }
    }

    /// Keeps the first marked response for a replay; returns nil (serve the real one now).
    func keep(_ action: LoopbackHTTPServer.Action) -> LoopbackHTTPServer.Action? {
        state.withLock { state in
            if state.kept == nil { state.kept = action }
            return nil
        }
    }

    /// The kept response, once.
    func replayOnce() -> LoopbackHTTPServer.Action? {
        state.withLock { state in
            guard let kept = state.kept, !state.replayed else { return nil }
            state.replayed = true
            state.spoiled += 1
            return kept
        }
    }

    /// Responses spoiled (or replayed) so far.
    var spoiled: Int { state.withLock { $0.spoiled } }
}
