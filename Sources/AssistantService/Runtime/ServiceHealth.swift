public import Foundation
import Platforms

/// Each poller's state, as `/healthz` reports it: healthy when every poller is starting or polling.
public struct ServiceHealth: Sendable, Hashable, Encodable {
    /// One poller's state.
    public struct Poller: Sendable, Hashable, Encodable {
        public let platform: String
        /// `starting`, `polling`, `backing_off` or `stopped`.
        public let state: String
        /// Why it is backing off or stopped (a fault's message, never message text).
        public let detail: String?
    }

    public let pollers: [Poller]

    /// Whether every poller is starting or polling (none backing off or stopped).
    public var isHealthy: Bool { pollers.allSatisfy { $0.state == "starting" || $0.state == "polling" } }

    public init(runners: [PlatformRunner]) {
        pollers = runners.map { runner in
            let (state, detail): (String, String?) =
                switch runner.currentStatus {
                case .starting: ("starting", nil)
                case .polling: ("polling", nil)
                case .backingOff(let reason): ("backing_off", reason)
                case .stopped(let reason): ("stopped", reason)
                }
            return Poller(platform: runner.platform.id, state: state, detail: detail)
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
