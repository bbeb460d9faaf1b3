public import AssistantCore
import TextNormalization

/// How widely an intent's examples cover the way staff ask: how many there are, how many different opening words,
/// which question forms and which staff roles they use. `kb check` prints it per intent so thin intents show.
public struct ExampleCoverage: Sendable, Hashable {
    /// A way of asking, recognised from the words of an example.
    public enum Form: String, Sendable, Hashable, CaseIterable {
        /// Four words or fewer: "prevent lead email".
        case terse
        /// Twenty words or more: the long, anxious message.
        case long
        /// Opens like a question: "what", "can i", "should".
        case question
        /// Tells what happened: "a student said…", "my tutee…".
        case situation
        /// Past tense: "told", "was referred", "happened".
        case past
        /// Future or plans: "will", "going to", "planning".
        case future
    }

    /// Staff roles, each with the words that show an example was written from that role.
    public static let roles: [(role: String, words: Set<String>)] = [
        ("lecturer", ["lecturer", "lecturers", "lecture", "seminar", "module"]),
        ("tutor", ["tutor", "tutee", "tutees", "tutorial", "supervisor", "supervise", "supervising"]),
        ("porter", ["porter", "porters", "lodge", "warden", "halls", "residential"]),
        ("librarian", ["librarian", "library"]),
        ("chaplain", ["chaplain", "chaplains", "chaplaincy", "faith", "imam"]),
        ("security", ["security", "guard", "patrol", "cctv"]),
        ("it", ["ict", "helpdesk", "network", "filter", "firewall", "logs", "vpn", "wifi"]),
        ("governor", ["governor", "governors", "board", "council", "trustee"]),
        ("fe", ["fe", "college", "apprentice", "apprentices", "learner", "learners"]),
        ("student_support", ["wellbeing", "counsellor", "adviser", "advisor", "support"]),
    ]

    static let questionOpeners: Set<String> = [
        "what", "whats", "who", "whos", "how", "why", "when", "where", "which", "can", "could", "should", "do",
        "does", "did", "is", "are", "am", "will", "would", "must", "may", "have", "has",
    ]
    static let pastWords: Set<String> = [
        "was", "were", "did", "had", "told", "said", "saw", "found", "went", "came", "made", "sent", "left",
        "happened", "referred", "reported", "raised", "asked", "showed", "posted", "shared", "wrote", "disclosed",
    ]
    static let futureWords: Set<String> = ["will", "going", "planning", "plans", "tomorrow", "next", "tonight"]

    public let intentID: String
    public let examples: Int
    public let openingWords: Int
    public let forms: Set<Form>
    public let roles: Set<String>

    public init(_ intent: Intent) {
        let normalizer = TextNormalizer()
        let tokenized = intent.examples.map { example in
            normalizer.normalize(example).split(separator: " ").map(String.init)
        }
        intentID = intent.id
        examples = intent.examples.count
        openingWords = Set(tokenized.compactMap(\.first)).count
        var forms: Set<Form> = []
        var roles: Set<String> = []
        for words in tokenized {
            let set = Set(words)
            if words.count <= 4 { forms.insert(.terse) }
            if words.count >= 20 { forms.insert(.long) }
            if let first = words.first, Self.questionOpeners.contains(first) {
                forms.insert(.question)
            } else {
                forms.insert(.situation)
            }
            if !set.isDisjoint(with: Self.pastWords) { forms.insert(.past) }
            if !set.isDisjoint(with: Self.futureWords) { forms.insert(.future) }
            for (role, cues) in Self.roles where !set.isDisjoint(with: cues) { roles.insert(role) }
        }
        self.forms = forms
        self.roles = roles
    }

    /// One line of the table: id, examples, opening words, forms present and roles present.
    public var row: String {
        let formText = Form.allCases.map { forms.contains($0) ? $0.rawValue : "-" }.joined(separator: ",")
        let roleText = roles.isEmpty ? "-" : roles.sorted().joined(separator: ",")
        return "\(Self.padded(intentID, 30)) \(pad(examples)) \(pad(openingWords))  "
            + "\(formText)  \(roleText)"
    }

    /// The table's heading line.
    public static let heading = "\(padded("intent", 30))   ex open  forms  roles"

    /// `text` with spaces added to `width` characters.
    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func pad(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, 4 - text.count)) + text
    }
}
