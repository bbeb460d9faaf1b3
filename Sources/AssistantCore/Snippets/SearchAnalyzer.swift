import TextNormalization

/// Turns text into search terms for ``SnippetSearchIndex``: the shared ``TextNormalizer`` (case, quotes,
/// contractions, British and American spellings as one), then stop words out and a light English stemmer
/// ("speakers" → "speaker", "training" → "train", "shared" and "sharing" → "shar"). Queries are also expanded with
/// related domain words ("talk" finds "speaker"), at a lower weight.
public struct SearchAnalyzer: Sendable {
    private let normalizer = TextNormalizer()
    private let related: [String: [String]]

    public init() {
        var related: [String: Set<String>] = [:]
        for group in Self.relatedGroups {
            let stems = Set(group.map(Self.stem))
            for stem in stems { related[stem, default: []].formUnion(stems.subtracting([stem])) }
        }
        self.related = related.mapValues { $0.sorted() }
    }

    /// The indexed terms of `text`, in order (repeats kept: they count).
    public func terms(_ text: String) -> [String] {
        normalizer.tokens(text).compactMap { token in
            Self.stopWords.contains(token) ? nil : Self.stem(token)
        }
    }

    /// The query's terms with weights: each word at 1, related domain words at ``relatedWeight`` (never above a
    /// word the query used itself).
    public func queryTerms(_ text: String) -> [(term: String, weight: Double)] {
        var weights: [String: Double] = [:]
        var order: [String] = []
        for term in terms(text) where weights[term] != 1 {
            if weights[term] == nil { order.append(term) }
            weights[term] = 1
        }
        for term in order {
            for other in related[term] ?? [] where weights[other] == nil {
                weights[other] = Self.relatedWeight
                order.append(other)
            }
        }
        return order.compactMap { term in weights[term].map { (term, $0) } }
    }

    /// The weight of a related word relative to a word the query used.
    public static let relatedWeight = 0.35

    /// A light suffix-stripping stemmer: plurals, -ing, -ed, -ly, then a final "e", so inflections of a word meet.
    public static func stem(_ word: String) -> String {
        var stem = word
        guard stem.count > 3, stem.allSatisfy(\.isLetter) else { return stem }
        if stem.hasSuffix("ies"), stem.count > 4 {
            stem = String(stem.dropLast(3)) + "y"
        } else if stem.hasSuffix("sses") {
            stem = String(stem.dropLast(2))
        } else if stem.hasSuffix("s"), !stem.hasSuffix("ss"), !stem.hasSuffix("us"), !stem.hasSuffix("is") {
            stem = String(stem.dropLast())
        }
        for suffix in ["ing", "ed", "ly"] where stem.hasSuffix(suffix) && stem.count - suffix.count >= 3 {
            stem = String(stem.dropLast(suffix.count))
            if let last = stem.last, stem.count > 3, stem.dropLast().last == last, !"lsz".contains(last) {
                stem = String(stem.dropLast())
            }
            break
        }
        if stem.hasSuffix("e"), stem.count > 3 { stem = String(stem.dropLast()) }
        return stem
    }

    /// Words that carry no topic: question words, fillers, and the words every good-practice query shares.
    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "for", "from", "by", "with", "about", "into",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "i",
        "we", "you", "they", "it", "its", "our", "your", "their", "my", "me", "us", "them", "this", "that", "these",
        "those", "what", "which", "who", "whom", "how", "why", "when", "where", "can", "could", "should", "would",
        "will", "shall", "may", "might", "must", "any", "some", "there", "here", "so", "as", "if", "then", "than",
        "not", "no", "yes", "please", "thanks", "hi", "hello", "find", "search", "show", "look", "looking",
        "want", "need", "get", "got", "give", "tell", "know", "good", "practice", "practise", "practices",
        "example", "examples", "snippet", "snippets", "idea", "ideas", "tip", "tips", "other", "others",
        "elsewhere", "university", "universities", "uni", "unis", "institution", "institutions", "college",
        "colleges", "provider", "providers", "anyone", "someone", "else", "way", "ways", "approach", "handle",
        "run", "do", "done", "doing", "does", "work", "works", "worked", "well", "really", "just", "also", "very",
        "more", "most", "all", "one", "ones", "up", "out", "over", "after", "before", "while", "around",
    ]

    /// Domain words people use for the same thing.
    static let relatedGroups: [[String]] = [
        ["speaker", "talk", "guest", "visitor", "visiting", "lecture", "presenter", "external"],
        ["event", "conference", "meeting", "booking", "room bookings", "venue"],
        ["training", "train", "course", "induction", "briefing", "workshop", "awareness", "elearning", "module"],
        ["welfare", "wellbeing", "pastoral", "support", "mental"],
        ["faith", "religion", "religious", "chaplain", "chaplaincy", "prayer", "multifaith", "belief"],
        ["online", "internet", "web", "filter", "filtering", "digital", "browsing", "website"],
        ["research", "phd", "thesis", "researcher", "sensitive", "ethics"],
        ["partnership", "partner", "community", "council", "police", "coordinator", "agency", "agencies"],
        ["risk", "assessment", "assess", "review", "audit"],
        ["information", "data", "record", "confidentiality", "consent", "disclose", "disclosure"],
        ["student", "learner", "society", "societies", "club", "union", "su"],
        ["staff", "colleague", "employee", "staffroom", "personnel"],
        ["poster", "noticeboard", "newsletter", "bulletin", "communication", "communicate", "publicise", "promote"],
        ["safeguarding", "dsl", "designated", "protection"],
        ["oversight", "governance", "board", "committee", "escalate", "escalation", "approval", "approve"],
        ["triage", "referral", "refer", "concern", "report", "reporting"],
    ]
}
