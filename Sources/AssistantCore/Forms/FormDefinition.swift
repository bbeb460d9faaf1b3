/// A guided form declared in content (`intents/forms/<id>.yaml`): ordered slots, each with a prompt, a type, help
/// text, a sensitivity class and an optional condition.
public struct FormDefinition: Sendable, Hashable, Identifiable {
    /// Where a form may be filled in.
    public enum Privacy: String, Sendable, Hashable {
        /// Only in a direct conversation with the person filling it in; started in a group room, it moves to a
        /// direct conversation and nothing of it is posted in the room.
        case directOnly = "direct_only"
        case anywhere
    }

    /// What a completed form becomes.
    public enum Purpose: String, Sendable, Hashable {
        /// A concern record for the safeguarding team.
        case concern
        /// A good-practice snippet, pending moderation.
        case snippet

        /// How the form's replies name what is being written ("Back to your concern").
        public var noun: String {
            switch self {
            case .concern: "concern"
            case .snippet: "snippet"
            }
        }
    }

    public let id: String
    public let title: String
    public let privacy: Privacy
    public let purpose: Purpose
    /// Shown before the first question: what happens to the information and who sees it.
    public let intro: String
    public let slots: [FormSlot]
    /// Shown after a successful submission; `{{concern.reference}}` is replaced with the record's reference.
    public let submitted: String
    /// Shown when the person cancels.
    public let cancelled: String

    public init(
        id: String,
        title: String,
        privacy: Privacy,
        intro: String,
        slots: [FormSlot],
        submitted: String,
        cancelled: String,
        purpose: Purpose = .concern
    ) {
        self.id = id
        self.title = title
        self.privacy = privacy
        self.purpose = purpose
        self.intro = intro
        self.slots = slots
        self.submitted = submitted
        self.cancelled = cancelled
    }

    public func slot(_ id: String) -> FormSlot? { slots.first { $0.id == id } }
}

/// One question of a form.
public struct FormSlot: Sendable, Hashable, Identifiable {
    /// What kind of answer the slot takes.
    public enum Kind: Sendable, Hashable {
        /// One of the listed options, picked by number, by label or by id.
        case choice([Choice])
        /// Yes or no.
        case yesNo
        /// Free text between `minLength` and `maxLength` characters.
        case text(minLength: Int, maxLength: Int)
        /// A day: "today", "yesterday", "last Tuesday", "20/11", "2026-11-20"; never in the future.
        case date
        /// One to `maximum` of the listed options, by numbers, labels or ids separated by commas or "and".
        case choices([Choice], maximum: Int)
    }

    /// A check an answer must pass besides its type.
    public enum Check: String, Sendable, Hashable {
        /// No personal data and no account of an individual case (``SnippetReview``); the author is asked to
        /// rephrase and nothing is kept until they do.
        case deidentified
    }

    /// One option of a choice slot.
    public struct Choice: Sendable, Hashable {
        public let id: String
        public let label: String

        public init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }

    /// How sensitive the answer is; decides encryption at rest and whether it may appear anywhere but the record.
    public enum Sensitivity: String, Sendable, Hashable, Codable, CaseIterable {
        /// Names, ids, contact details: encrypted.
        case identifying
        /// Special category data (e.g. beliefs, health): encrypted.
        case specialCategory = "special_category"
        /// Free text typed by the reporter: encrypted.
        case freeText = "free_text"
        /// Categorical, non-identifying answers: stored in the clear for counting.
        case plain

        /// Whether answers of this class are encrypted at rest.
        public var isEncrypted: Bool { self != .plain }
    }

    /// Ask this slot only when another slot's answer is one of `values` (choice ids, or "yes"/"no").
    public struct Condition: Sendable, Hashable {
        public let slot: String
        public let values: Set<String>

        public init(slot: String, values: Set<String>) {
            self.slot = slot
            self.values = values
        }
    }

    /// What answering "yes" to a yes/no slot triggers.
    public enum Trigger: String, Sendable, Hashable {
        /// The emergency answer and an urgent alert, then the form goes on.
        case emergency
    }

    public let id: String
    /// A short name used in the summary and in "change <field>".
    public let label: String
    public let prompt: String
    public let help: String
    public let kind: Kind
    public let optional: Bool
    public let sensitivity: Sensitivity
    public let condition: Condition?
    public let onYes: Trigger?
    /// A default the runtime fills in (e.g. `sender` → the reporter's chat identity), offered as "same as …".
    public let defaultValue: DefaultValue?
    /// A check the answer must pass, if any.
    public let check: Check?
    /// For text: how many sentences the answer must have, if limited.
    public let sentences: ClosedRange<Int>?
    /// Other names people use for the slot in "change …" ("date", "place", "description").
    public let aliases: [String]

    /// Defaults a slot can offer.
    public enum DefaultValue: String, Sendable, Hashable {
        /// The sender's chat identity.
        case sender
    }

    public init(
        id: String,
        label: String,
        prompt: String,
        help: String,
        kind: Kind,
        optional: Bool = false,
        sensitivity: Sensitivity,
        condition: Condition? = nil,
        onYes: Trigger? = nil,
        defaultValue: DefaultValue? = nil,
        check: Check? = nil,
        sentences: ClosedRange<Int>? = nil,
        aliases: [String] = []
    ) {
        self.id = id
        self.label = label
        self.prompt = prompt
        self.help = help
        self.kind = kind
        self.optional = optional
        self.sensitivity = sensitivity
        self.condition = condition
        self.onYes = onYes
        self.defaultValue = defaultValue
        self.check = check
        self.sentences = sentences
        self.aliases = aliases
    }
}
