import Platforms
public import Prometheus

/// The service's counters and latency histograms, in a Prometheus registry that `serve --metrics` exposes.
///
/// Labels are the platform account id and, for errors, the fault's kind: never message text or user ids.
///
/// | metric | type | labels |
/// |---|---|---|
/// | `prevent_assist_messages_received_total` | counter | platform |
/// | `prevent_assist_messages_answered_total` | counter | platform |
/// | `prevent_assist_errors_total` | counter | platform, kind |
/// | `prevent_assist_poll_seconds` | histogram | platform |
/// | `prevent_assist_reply_seconds` | histogram | platform |
///
/// `reply_seconds` is the bot's own time for one message: from the poll returning it to the last reply sent
/// (the platform's send round trips included, the long-poll wait excluded).
public final class RuntimeMetrics: Sendable {
    /// The registry the metrics live in; its text form is the `/metrics` response.
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Fine buckets at the low end, where the bot's own time lives, up to a minute for long-polls.
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(3), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    private static func named(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "prevent_assist", metricName: name, unitName: unit, helpText: help)
    }

    private static var receivedName: MetricNameDescriptor {
        named("messages_received", "total", "Messages from people handled")
    }
    private static var answeredName: MetricNameDescriptor {
        named("messages_answered", "total", "Messages whose replies were all sent")
    }
    private static var errorsName: MetricNameDescriptor {
        named("errors", "total", "Faults by kind (rate_limited, transient, …)")
    }
    private static var pollName: MetricNameDescriptor {
        named("poll", "seconds", "Duration of one poll, long-poll wait included")
    }
    private static var replyName: MetricNameDescriptor {
        named(
            "reply",
            "seconds",
            "The bot's own time from a poll returning a message to its replies sent"
        )
    }

    func received(_ platform: String) {
        registry.makeCounter(descriptor: Self.receivedName, labels: [("platform", platform)]).increment()
    }

    func answered(_ platform: String) {
        registry.makeCounter(descriptor: Self.answeredName, labels: [("platform", platform)]).increment()
    }

    func failed(_ platform: String, kind: String) {
        registry.makeCounter(descriptor: Self.errorsName, labels: [("platform", platform), ("kind", kind)]).increment()
    }

    func polled(_ platform: String, in duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: Self.pollName,
            labels: [("platform", platform)],
            buckets: Self.buckets
        )
        .recordNanoseconds(duration.nanoseconds)
    }

    func replied(_ platform: String, in duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: Self.replyName,
            labels: [("platform", platform)],
            buckets: Self.buckets
        )
        .recordNanoseconds(duration.nanoseconds)
    }

    /// The error kind label for a fault.
    static func kind(of error: any Error) -> String {
        switch (error as? PlatformError)?.kind {
        case .rateLimited?: "rate_limited"
        case .transient?: "transient"
        case .unauthorized?: "unauthorized"
        case .rejected?: "rejected"
        case .fatal?: "fatal"
        case nil: error is CancellationError ? "cancelled" : "storage"
        }
    }
}

extension Duration {
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
