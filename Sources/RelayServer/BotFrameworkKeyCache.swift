import CurlHTTP
import Foundation

/// The Bot Framework's signing keys: the OpenID metadata document names `jwks_uri`, whose key set is fetched and
/// cached for a day. A token signed by a key not in the cache triggers a refresh, so keys Microsoft rotates in are
/// picked up; forged tokens must not turn that into traffic, so whatever the cache holds (nothing, stale keys or
/// keys without the token's id) fetches are:
///
/// - **single-flight**: while one fetch is running, every caller waits for that one;
/// - **rate-limited**: a new fetch starts at most ``refreshInterval`` after the previous one *ended* (or
///   ``emptyRetryInterval`` while no key was ever fetched), so a failing or hanging endpoint sees one request per
///   interval however many forged tokens arrive. Stale keys keep being used until a fetch succeeds.
actor BotFrameworkKeyCache {
    let metadataURL: String
    let transport: any HTTPTransport
    private let now: @Sendable () -> ContinuousClock.Instant
    private var keys: [JSONWebKey] = []
    private var fetchedAt: ContinuousClock.Instant?
    private var lastAttemptEnded: ContinuousClock.Instant?
    private var inFlight: Task<[JSONWebKey]?, Never>?

    static let lifetime: Duration = .seconds(86_400)
    static let refreshInterval: Duration = .seconds(60)
    static let emptyRetryInterval: Duration = .seconds(10)
    /// Each of the two requests of a fetch (metadata, key set) gives up after this many seconds.
    static let requestTimeout: Double = 5

    init(
        metadataURL: String,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.metadataURL = metadataURL
        self.transport = transport
        self.now = now
    }

    /// The cached keys, refreshed first (within the limits above) when stale or when none has id `keyID`.
    func keys(including keyID: String) async -> [JSONWebKey] {
        let stale = fetchedAt.map { now() - $0 > Self.lifetime } ?? true
        let missing = !keys.contains { $0.keyID == keyID }
        guard stale || missing else { return keys }
        if let inFlight {
            await finish(inFlight)
            return keys
        }
        let interval = keys.isEmpty ? Self.emptyRetryInterval : Self.refreshInterval
        if let lastAttemptEnded, now() - lastAttemptEnded < interval { return keys }
        let task = Task { [metadataURL, transport] in await Self.fetch(metadataURL, transport) }
        inFlight = task
        fetchCount += 1
        await finish(task)
        return keys
    }

    /// How many fetches have started (for tests and logs).
    private(set) var fetchCount = 0

    private func finish(_ task: Task<[JSONWebKey]?, Never>) async {
        let fresh = await task.value
        guard inFlight == task else { return }  // another waiter already recorded this fetch
        inFlight = nil
        lastAttemptEnded = now()
        if let fresh, !fresh.isEmpty {
            keys = fresh
            fetchedAt = now()
        }
    }

    private static func fetch(_ metadataURL: String, _ transport: any HTTPTransport) async -> [JSONWebKey]? {
        guard let metadata = try? await transport.perform(HTTPRequest(url: metadataURL, timeout: requestTimeout)),
            metadata.isSuccess,
            let keySetURL = (try? JSONDecoder().decode(JWTWire.OpenIDMetadata.self, from: metadata.body))?.jwksURI,
            let keySet = try? await transport.perform(HTTPRequest(url: keySetURL, timeout: requestTimeout)),
            keySet.isSuccess
        else { return nil }
        return JSONWebKey.keySet(from: keySet.body)
    }
}
