import Synchronization

/// A lock-protected ``PlatformRunner/Status``, read by health checks while the poller writes it.
final class StatusBox: Sendable {
    private let stored = Mutex<PlatformRunner.Status>(.starting)

    var value: PlatformRunner.Status {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
