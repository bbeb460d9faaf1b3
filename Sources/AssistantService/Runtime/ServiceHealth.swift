public import Foundation
import Platforms

/// Each poller's state, as `/healthz` reports it: healthy when every poller is starting or polling.
public struct ServiceHealth: Sendable, Hashable, Encodable {
    /// One poller's state.
    public struct Poller: Sendable, Hashable, Encodable {
        public let platform: String
        /// `starting`, `polling`, `backing_off` (after a fault or a rate limit) or `stopped`.
        public let state: String
        /// Why it is backing off or stopped (a fault's message, never message text).
        public let detail: String?
        /// When a poller that is backing off tries again (`resumes_at`, ISO 8601 in UTC).
        public let resumesAt: Date?

        enum CodingKeys: String, CodingKey {
            case platform, state, detail
            case resumesAt = "resumes_at"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(platform, forKey: .platform)
            try container.encode(state, forKey: .state)
            try container.encodeIfPresent(detail, forKey: .detail)
            try container.encodeIfPresent(resumesAt?.formatted(.iso8601), forKey: .resumesAt)
        }
    }

    public let pollers: [Poller]

    /// Whether every poller is starting or polling (none backing off or stopped).
    public var isHealthy: Bool { pollers.allSatisfy { $0.state == "starting" || $0.state == "polling" } }

    public init(runners: [PlatformRunner]) {
        pollers = runners.map { runner in
            let (state, detail, resumesAt): (String, String?, Date?) =
                switch runner.currentStatus {
                case .starting: ("starting", nil, nil)
                case .polling: ("polling", nil, nil)
                case .backingOff(let reason, let resumesAt): ("backing_off", reason, resumesAt)
                case .stopped(let reason): ("stopped", reason, nil)
                }
            return Poller(platform: runner.platform.id, state: state, detail: detail, resumesAt: resumesAt)
        }
    }

    /// The JSON body: `{"status": "ok" | "degraded", "pollers": [...]}`.
    public func json() -> Data {
        struct Body: Encodable {
            let status: String
            let pollers: [Poller]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(Body(status: isHealthy ? "ok" : "degraded", pollers: pollers))) ?? Data()
    }
}
