/// Something staff ask about, with the training phrases that teach the matcher to recognise it.
///
/// An intent answers with a knowledge ``Article`` (``answer`` is `.article`) or with a reply the dialogue core
/// builds itself (`.dialogue`, for greetings, thanks, "what can you do" and handing over to a person).
public struct Intent: Sendable, Hashable, Identifiable {
    /// How an intent is answered.
    public enum Answer: Sendable, Hashable {
        /// The knowledge article with this id.
        case article(String)
        /// A reply built by the dialogue core.
        case dialogue(DialogueKind)
        /// No answer: only the reserved ``Intent/outOfScopeID`` has none.
        case none
    }

    /// The reserved id of the examples the bot must decline.
    public static let outOfScopeID = "out_of_scope"
    /// The id the safety screen reports for immediate danger.
    public static let immediateDangerID = "immediate_danger"

    public let id: String
    public let examples: [String]
    public let answer: Answer
    public let followUps: [String]
    public let action: IntentAction?

    public init(
        id: String,
        examples: [String],
        answer: Answer,
        followUps: [String] = [],
        action: IntentAction? = nil
    ) {
        self.id = id
        self.examples = examples
        self.answer = answer
        self.followUps = followUps
        self.action = action
    }

    /// The id of the article this intent answers with, if any.
    public var articleID: String? {
        if case .article(let id) = answer { return id }
        return nil
    }
}

/// The conversation intents whose reply is built by the dialogue core rather than read from an article.
public enum DialogueKind: String, Sendable, Hashable, CaseIterable {
    case greeting
    case thanks
    case capabilities
    case handover
}

/// Something an intent does besides answering, e.g. starting a guided form.
public enum IntentAction: Sendable, Hashable {
    /// Start the guided form with this id (declared in `intents/forms/<id>.yaml`).
    case startForm(String)
    /// Show the asker the stages of the concerns they raised (`action: {look_up: own_concerns}`).
    case lookUpOwnConcerns
    /// Search the good-practice snippets with the words of the message (`action: {search: snippets}`); ask what to
    /// search for when the message names no topic.
    case searchSnippets
}
