/// A scripted conversation and what the assistant must do at each turn: the format of the dialogue stories
/// (`Tests/PreventAssistTests/Resources/stories/*.yaml`) run by `prevent-assist eval --stories DIR`.
public struct DialogueStory: Sendable, Hashable {
    /// What one turn must produce. Unset checks are not made.
    public struct Expectation: Sendable, Hashable {
        /// The trace's intent (`immediate_danger`, `out_of_scope`, a form id, an intent id).
        public var intent: String?
        /// `answer`, `clarify`, `decline`, `emergency` or `form`.
        public var route: String?
        /// Where the form is after the turn: a slot id, `confirming`, `choosing_change`, `cancel_question`, `paused`,
        /// or `none` (no form open).
        public var step: String?
        /// Text every reply together must contain (case-insensitive).
        public var replyContains: [String] = []
        /// Text the replies must not contain (case-insensitive).
        public var replyExcludes: [String] = []
        /// How many urgent alerts the turn raised.
        public var alerts: Int?
        /// A record stored by this turn, with these slots' stored text containing these values (case-insensitive).
        public var stored: [String: String]?
        /// Nothing stored by this turn.
        public var nothingStored = false
        /// The form's answers so far: each slot's shown value contains the text (case-insensitive).
        public var answers: [String: String] = [:]
        /// Slots with no answer after the turn.
        public var unanswered: [String] = []

        public init() {}
    }

    /// One message and what must follow it.
    public struct Turn: Sendable, Hashable {
        public let user: String
        public let expect: Expectation

        public init(user: String, expect: Expectation) {
            self.user = user
            self.expect = expect
        }
    }

    public let name: String
    public let file: String
    /// Who speaks: `staff` (no role) or `lead` (a safeguarding lead).
    public let sender: String
    /// Whether the conversation is direct (one to one).
    public let direct: Bool
    /// When the first message is sent (Unix seconds, UTC); each later turn is a minute later.
    public let start: Int64
    public let turns: [Turn]

    public init(name: String, file: String, sender: String, direct: Bool, start: Int64, turns: [Turn]) {
        self.name = name
        self.file = file
        self.sender = sender
        self.direct = direct
        self.start = start
        self.turns = turns
    }
}
