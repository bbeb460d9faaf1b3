public import AssistantCore
public import Foundation
import Platforms

/// Each poller's state, as `/healthz` reports it: healthy when every poller is starting or polling. It also lists
/// the articles past their review date (stale content is shown, but does not make the service unhealthy: the
/// pollers still answer).
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
    /// Articles whose `review_due` has passed, by id.
    public let reviewsOverdue: [OverdueReview]

    /// Whether every poller is starting or polling (none backing off or stopped).
    public var isHealthy: Bool { pollers.allSatisfy { $0.state == "starting" || $0.state == "polling" } }

    public init(runners: [PlatformRunner], reviewsOverdue: [OverdueReview] = []) {
        self.reviewsOverdue = reviewsOverdue
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

    enum CodingKeys: String, CodingKey {
        case status, pollers
        case reviewsOverdue = "reviews_overdue"
    }

    enum OverdueKeys: String, CodingKey {
        case article
        case reviewDue = "review_due"
    }

    /// `{"status": "ok" | "degraded", "pollers": [...], "reviews_overdue": [{"article", "review_due"}]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isHealthy ? "ok" : "degraded", forKey: .status)
        try container.encode(pollers, forKey: .pollers)
        var overdue = container.nestedUnkeyedContainer(forKey: .reviewsOverdue)
        for review in reviewsOverdue {
            var item = overdue.nestedContainer(keyedBy: OverdueKeys.self)
            try item.encode(review.articleID, forKey: .article)
            try item.encode(review.reviewDue.description, forKey: .reviewDue)
        }
    }

    /// The JSON body (see ``encode(to:)``), keys sorted.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}
