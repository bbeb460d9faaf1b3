import Platforms
import Synchronization

/// ``PlatformMemory`` in a dictionary: what the runtime's stored memory does, without a database. Shared by two
/// adapter instances, it plays a restarted bot's stored state.
final class InMemoryPlatformMemory: PlatformMemory, Sendable {
    private let values = Mutex<[String: String]>([:])

    func value(_ name: String) -> String? { values.withLock { $0[name] } }
    func setValue(_ value: String, _ name: String) { values.withLock { $0[name] = value } }

    /// Every stored name, sorted.
    var names: [String] { values.withLock { $0.keys.sorted() } }
}
