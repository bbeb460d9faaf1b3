import Platforms
import Synchronization

/// ``PlatformMemory`` in a dictionary: what the runtime's stored memory does, without a database.
final class InMemoryPlatformMemory: PlatformMemory, Sendable {
    private let values = Mutex<[String: String]>([:])

    func value(_ name: String) -> String? { values.withLock { $0[name] } }
    func setValue(_ value: String, _ name: String) { values.withLock { $0[name] = value } }

    /// Every name stored so far.
    var names: [String] { values.withLock { Array($0.keys) } }
}
