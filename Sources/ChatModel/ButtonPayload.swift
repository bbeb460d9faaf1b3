/// What a quick-reply button sends back when tapped, opaque to adapters: an adapter puts it in the button (Telegram
/// `callback_data`, a Slack button's `value`, a Teams card's data) and hands it back unchanged as the message text
/// when the button is tapped. The core decides what it holds (today the text the dialogue reads as that choice), so
/// no adapter needs to know how the dialogue reads choices. Keep it short: Telegram's `callback_data` takes at most
/// 64 bytes.
public struct ButtonPayload: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
