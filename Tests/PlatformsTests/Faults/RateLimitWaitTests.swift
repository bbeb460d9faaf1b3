import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Testing

/// Finding 1 of #15: whatever wait a server's 429 asks for, each adapter hands the runtime a finite wait of at most
/// an hour (never negative), from the header and from each platform's own JSON field.
@Suite(.timeLimit(.minutes(2)))
struct RateLimitWaitTests {
    /// The waits an adapter reported while `server` answered 429 to everything: from `start()` and from a poll.
    static func waits(_ adapter: LoopbackAdapter, _ server: LoopbackHTTPServer) async throws -> [Double] {
        let platform = try adapter.make(server.baseURL)
        var waits: [Double] = []
        func note(_ error: any Error) {
            if case .rateLimited(let seconds)? = (error as? PlatformError)?.kind { waits.append(seconds) }
        }
        do { _ = try await platform.start() } catch { note(error) }
        do { _ = try await platform.poll(after: adapter.warmCursor) } catch { note(error) }
        return waits
    }

    /// A 429 body carrying `value` in the platform's own field (the relay has none: header only).
    static func body(_ adapter: LoopbackAdapter, _ value: String) -> String {
        switch adapter {
        case .telegram:
            #"{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":\#(value)}}"#
        case .zulip: #"{"result":"error","msg":"slow down","code":"RATE_LIMIT_HIT","retry-after":\#(value)}"#
        case .matrix: #"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":\#(value)}"#
        case .mattermost, .slack, .teams: #"{"ok":false,"error":"ratelimited"}"#
        }
    }

    static let absurd: [(text: String, expected: Double?)] = [
        ("1e300", 3_600), ("999999999", 3_600), ("-5", 0), ("nan", nil), ("inf", 3_600), ("-1e300", 0),
    ]

    @Test(arguments: LoopbackAdapter.allCases)
    func absurdRetryAfterHeadersBecomeAWaitOfAtMostAnHour(_ adapter: LoopbackAdapter) async throws {
        for (value, expected) in Self.absurd {
            let header = adapter == .mattermost && value.hasPrefix("9") ? "X-RateLimit-Reset" : "Retry-After"
            let server = try LoopbackHTTPServer { _ in
                .json(429, Self.body(adapter, "null"), headers: [header: value])
            }
            defer { server.stop() }
            let waits = try await Self.waits(adapter, server)
            #expect(!waits.isEmpty, "\(adapter) \(value): no rate-limit wait reported")
            for wait in waits {
                #expect(wait.isFinite && (0...3_600).contains(wait), "\(adapter) \(header): \(value) gave \(wait)")
                if let expected { #expect(wait == expected, "\(adapter) \(header): \(value)") }
            }
        }
    }

    @Test(arguments: [LoopbackAdapter.telegram, .zulip, .matrix])
    func absurdWaitsInTheJSONBodyBecomeAWaitOfAtMostAnHour(_ adapter: LoopbackAdapter) async throws {
        for (value, expected) in [("1e300", 3_600.0), ("999999999999", 3_600), ("-5", 0), (#""nan""#, nil)] {
            let server = try LoopbackHTTPServer { _ in .json(429, Self.body(adapter, value)) }
            defer { server.stop() }
            let waits = try await Self.waits(adapter, server)
            #expect(!waits.isEmpty, "\(adapter) \(value): no rate-limit wait reported")
            for wait in waits {
                #expect(wait.isFinite && (0...3_600).contains(wait), "\(adapter) body \(value) gave \(wait)")
                if let expected { #expect(wait == expected, "\(adapter) body \(value)") }
            }
        }
    }
}

/// Other durations servers send: an Entra token's `expires_in` (Teams) of `-2^63` overflowed `lifetime - 60`.
@Suite(.timeLimit(.minutes(1)))
struct ServerLifetimeTests {
    @Test(arguments: ["-9223372036854775808", "1e300", "-5", "\"soon\""])
    func anAbsurdTokenLifetimeNeitherCrashesNorStopsTheReply(_ expiresIn: String) async throws {
        let server = try LoopbackHTTPServer { request in
            request.path.hasSuffix("/oauth2/v2.0/token")
                ? .json(200, #"{"access_token": "t", "token_type": "Bearer", "expires_in": \#(expiresIn)}"#)
                : .json(200, #"{"id": "sent"}"#)
        }
        defer { server.stop() }
        let memory = InMemoryPlatformMemory()
        memory.setValue(server.baseURL, "conv:a:1")
        let teams = try TeamsPlatform(
            account: PlatformAccount(
                kind: "teams",
                id: "teams-stub",
                settings: [
                    "relay_url": server.baseURL, "relay_token_env": "SECRET", "app_id": "app",
                    "app_password_env": "SECRET", "tenant_id": "tenant", "token_base": server.baseURL,
                ]
            ),
            environment: ["SECRET": "s3cret"],
            transport: CurlTransport(),
            memory: memory
        )
        try await teams.send(Reply(kind: .answer, text: "hello"), to: "a:1", replyingTo: nil, idempotencyKey: "k1")
        try await teams.send(Reply(kind: .answer, text: "again"), to: "a:1", replyingTo: nil, idempotencyKey: "k2")
        #expect(server.requests.count { $0.path.hasSuffix("/activities") } == 2)
    }
}
