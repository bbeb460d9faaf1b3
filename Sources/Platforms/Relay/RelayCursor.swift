/// The cursor of a relay-backed adapter: the last relay sequence handled, as text.
enum RelayCursor {
    static func sequence(_ cursor: String?) -> Int64? { cursor.flatMap(Int64.init) }

    /// The cursor after `events`: the highest sequence seen, or `current` when there were none.
    static func after<Payload>(_ events: [RelayClient.Event<Payload>], current: Int64) -> String {
        String(events.map(\.sequence).max().map { max($0, current) } ?? current)
    }
}
