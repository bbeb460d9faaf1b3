public import Logging
public import ServiceLifecycle

/// ``Housekeeping`` while `serve` runs: once at start, then every `interval` until shutdown. A failed run is logged
/// (counts and the storage error only) and tried again next time; it never stops the pollers. Time comes from the
/// injected ``RuntimeClock``: the interval is waited on its sleeper, and what expires is judged by its `now`.
public struct HousekeepingService: Service {
    let housekeeping: Housekeeping
    let interval: Duration
    let logger: Logger
    let clock: RuntimeClock

    public init(
        _ housekeeping: Housekeeping,
        every interval: Duration = .seconds(600),
        logger: Logger,
        clock: RuntimeClock = .live
    ) {
        self.housekeeping = housekeeping
        self.interval = interval
        self.logger = logger
        self.clock = clock
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let report = try housekeeping.run(at: clock.now())
                if !report.isEmpty {
                    logger.info(
                        "housekeeping",
                        metadata: [
                            "expired_drafts": "\(report.expiredDrafts)",
                            "handled_messages": "\(report.handledMessages)",
                            "sent_part_records": "\(report.sentPartRecords)",
                        ]
                    )
                }
            } catch {
                logger.error("housekeeping failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { [clock, interval] in try await clock.sleep(for: interval) }
        }
    }
}
