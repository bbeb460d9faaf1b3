/// Small named values an adapter keeps between runs (a device id, a user's direct room), stored by the runtime.
public protocol PlatformMemory: Sendable {
    func value(_ name: String) -> String?
    func setValue(_ value: String, _ name: String)
}

/// The names of the records ``PlatformMemory/sendEachPartOnce(_:idempotencyKey:isolation:send:)`` keeps: one per
/// part sent, `sent:<idempotency key>#<part from 1>`. The runtime forgets them after a week, long after any retry.
public enum SentPartRecord {
    /// What every such record's name starts with.
    public static let prefix = "sent:"

    static func name(_ idempotencyKey: String, part index: Int) -> String { "\(prefix)\(idempotencyKey)#\(index + 1)" }
}

extension PlatformMemory {
    /// Sends `parts` in order through `send`, skipping each part already recorded as sent under `idempotencyKey` and
    /// recording each part once it has gone (with the id `send` returns for it, if any).
    ///
    /// Most platforms have no idempotency key, so this is what makes a retried send, or a send repeated after a crash
    /// between parts, show each part once: only the parts that did not go are sent again.
    public func sendEachPartOnce<Part: Sendable>(
        _ parts: [Part],
        idempotencyKey: String,
        isolation: isolated (any Actor)? = #isolation,
        send: (_ index: Int, _ part: Part) async throws(PlatformError) -> String?
    ) async throws(PlatformError) {
        for (index, part) in parts.enumerated() {
            let record = SentPartRecord.name(idempotencyKey, part: index)
            guard value(record) == nil else { continue }  // sent before a crash or a retry
            let sentID = try await send(index, part)
            setValue(sentID ?? "sent", record)
        }
    }
}
