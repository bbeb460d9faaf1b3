/// One message the assistant sends back, platform-neutral: Markdown text plus quick-reply suggestions that a
/// platform may render as buttons and the console renders as a numbered list.
public struct Reply: Sendable, Hashable {
    /// What the reply is, so a platform can style it (e.g. an emergency notice stands out).
    public enum Kind: String, Sendable, Hashable {
        case answer
        case emergency
        case clarification
        case fallback
        case conversation
        case notice
    }

    /// A quick reply the person can pick instead of typing.
    public struct Suggestion: Sendable, Hashable {
        public let title: String
        public let intentID: String
        /// What a button for this suggestion sends back when tapped (see ``ButtonPayload``).
        public let payload: ButtonPayload

        public init(title: String, intentID: String, payload: ButtonPayload) {
            self.title = title
            self.intentID = intentID
            self.payload = payload
        }
    }

    public let kind: Kind
    /// Markdown.
    public let text: String
    public let suggestions: [Suggestion]

    public init(kind: Kind, text: String, suggestions: [Suggestion] = []) {
        self.kind = kind
        self.text = text
        self.suggestions = suggestions
    }
}
