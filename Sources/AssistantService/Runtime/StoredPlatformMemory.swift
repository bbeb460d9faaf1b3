import Platforms
import Storage

/// ``PlatformMemory`` kept in the database, under one platform account's id.
struct StoredPlatformMemory: PlatformMemory {
    let store: PlatformStateStore
    let platform: String
    /// Unix seconds now, stored with each value (for pruning).
    let now: @Sendable () -> Int64

    func value(_ name: String) -> String? { try? store.value(name, for: platform) }

    func setValue(_ value: String, _ name: String) {
        try? store.setValue(value, name, for: platform, at: now())
    }
}
