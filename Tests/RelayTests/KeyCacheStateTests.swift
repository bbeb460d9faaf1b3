import CurlHTTP
import Foundation
import Synchronization
import Testing

@testable import RelayServer

/// The key cache's limits in every state, with a clock the test moves (no sleeping) and a transport that counts
/// requests and always fails.
struct KeyCacheStateTests {
    /// Counts requests; answers 503, or a valid metadata + key set once `keySet` is given.
    final class CountingTransport: HTTPTransport {
        let requests = Mutex(0)
        let failing = Mutex(false)
        let keySet: Data?

        init(keySet: Data? = nil) { self.keySet = keySet }

        func perform(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
            requests.withLock { $0 += 1 }
            guard let keySet, !failing.withLock({ $0 }) else { return HTTPResponse(status: 503) }
            if request.url.hasSuffix("/metadata") {
                return HTTPResponse(status: 200, body: Data(#"{"jwks_uri":"https://keys.example/jwks"}"#.utf8))
            }
            return HTTPResponse(status: 200, body: keySet)
        }
    }

    final class MovableClock: Sendable {
        private let start = ContinuousClock.now
        private let offset = Mutex(Duration.zero)
        func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
        var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
    }

    @Test func withNoKeysAndAFailingEndpointConcurrentCallersShareOneFetchPerInterval() async {
        let transport = CountingTransport()
        let clock = MovableClock()
        let cache = BotFrameworkKeyCache(metadataURL: "https://md.example/metadata", transport: transport) { clock.now }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { _ = await cache.keys(including: "forged") } }
        }
        #expect(await cache.fetchCount == 1)
        clock.advance(.seconds(5))
        _ = await cache.keys(including: "forged")
        #expect(await cache.fetchCount == 1)
        clock.advance(BotFrameworkKeyCache.emptyRetryInterval)
        _ = await cache.keys(including: "forged")
        #expect(await cache.fetchCount == 2)
    }

    @Test func staleKeysDoNotLiftTheLimitAndStayInUseWhileTheEndpointFails() async throws {
        let signer = try TestSigner(keyID: "real")
        let good = CountingTransport(keySet: try signer.keySet())
        let clock = MovableClock()
        let cache = BotFrameworkKeyCache(metadataURL: "https://md.example/metadata", transport: good) { clock.now }
        #expect(await cache.keys(including: "real").map(\.keyID) == ["real"])
        #expect(await cache.fetchCount == 1)
        clock.advance(BotFrameworkKeyCache.lifetime + .seconds(1))  // stale now, and the endpoint starts failing
        good.failing.withLock { $0 = true }
        // Stale: one refresh attempt, then none for the interval however many forged tokens arrive.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<300 { group.addTask { _ = await cache.keys(including: "forged") } }
        }
        #expect(await cache.fetchCount == 2)
        #expect(good.requests.withLock { $0 } == 3)  // two for the first fetch, one (503) for the failed refresh
        #expect(await cache.keys(including: "real").map(\.keyID) == ["real"])  // stale keys still in use
        clock.advance(BotFrameworkKeyCache.refreshInterval)
        _ = await cache.keys(including: "forged")
        #expect(await cache.fetchCount == 3)
    }
}
