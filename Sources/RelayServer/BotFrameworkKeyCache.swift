import CurlHTTP
import Foundation

/// The Bot Framework's signing keys: the OpenID metadata document names `jwks_uri`, whose key set is fetched and
/// cached for a day. A token signed by a key not in the cache triggers one refresh (at most once a minute), so keys
/// Microsoft rotates in are picked up without hammering the endpoint when forged tokens arrive.
actor BotFrameworkKeyCache {
    let metadataURL: String
    let transport: any HTTPTransport
    private var keys: [JSONWebKey] = []
    private var fetchedAt: ContinuousClock.Instant?
    private var lastAttempt: ContinuousClock.Instant?

    static let lifetime: Duration = .seconds(86_400)
    static let refreshInterval: Duration = .seconds(60)

    init(metadataURL: String, transport: any HTTPTransport) {
        self.metadataURL = metadataURL
        self.transport = transport
    }

    /// The cached keys, refreshed first when stale or when none has id `keyID`.
    func keys(including keyID: String) async -> [JSONWebKey] {
        let now = ContinuousClock.now
        let stale = fetchedAt.map { now - $0 > Self.lifetime } ?? true
        let missing = !keys.contains { $0.keyID == keyID }
        let mayRetry = lastAttempt.map { now - $0 > Self.refreshInterval } ?? true
        if stale || (missing && mayRetry) {
            lastAttempt = now
            if let fresh = await fetch(), !fresh.isEmpty {
                keys = fresh
                fetchedAt = now
            }
        }
        return keys
    }

    private func fetch() async -> [JSONWebKey]? {
        guard let metadata = try? await transport.perform(HTTPRequest(url: metadataURL, timeout: 10)),
            metadata.isSuccess,
            let document = (try? JSONSerialization.jsonObject(with: metadata.body)) as? [String: Any],
            let keySetURL = document["jwks_uri"] as? String,
            let keySet = try? await transport.perform(HTTPRequest(url: keySetURL, timeout: 10)), keySet.isSuccess
        else { return nil }
        return JSONWebKey.keySet(from: keySet.body)
    }
}
