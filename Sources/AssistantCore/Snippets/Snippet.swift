import TextNormalization

/// A good-practice snippet: a short, anonymous account of how something is done that colleagues can reuse.
///
/// Pure content. Where it lives (shipped seed, this institution's store, an imported bundle) and its moderation
/// status are kept beside it by ``SnippetRecord``.
public struct Snippet: Sendable, Hashable, Codable {
    /// Who may see a snippet.
    public enum Visibility: String, Sendable, Hashable, Codable, CaseIterable {
        /// Staff at this institution only.
        case institution
        /// Also other institutions, through an exported bundle.
        case shared
    }

    /// A public source a seed snippet is written from.
    public struct Source: Sendable, Hashable, Codable {
        public let title: String
        public let url: String
        /// YYYY-MM-DD: the source's date or the date it was read.
        public let date: String

        public init(title: String, url: String, date: String) {
            self.title = title
            self.url = url
            self.date = date
        }
    }

    public let title: String
    /// What was done: two to five sentences.
    public let whatWasDone: String
    /// Why it worked, or what to watch.
    public let whyItWorked: String
    public let tags: [SnippetTag]
    public let visibility: Visibility
    /// How to reach the author's team, if they chose to give it.
    public let contact: String?
    /// The institution the snippet describes or came from (seed snippets and imports), if not this one.
    public let institution: String?
    /// The public source, for seed snippets.
    public let source: Source?

    public init(
        title: String,
        whatWasDone: String,
        whyItWorked: String,
        tags: [SnippetTag],
        visibility: Visibility = .institution,
        contact: String? = nil,
        institution: String? = nil,
        source: Source? = nil
    ) {
        self.title = title
        self.whatWasDone = whatWasDone
        self.whyItWorked = whyItWorked
        self.tags = tags
        self.visibility = visibility
        self.contact = contact
        self.institution = institution
        self.source = source
    }

    /// The same snippet with other fields replaced (a moderator's edit).
    public func editing(
        title: String? = nil,
        whatWasDone: String? = nil,
        whyItWorked: String? = nil,
        tags: [SnippetTag]? = nil
    ) -> Snippet {
        Snippet(
            title: title ?? self.title,
            whatWasDone: whatWasDone ?? self.whatWasDone,
            whyItWorked: whyItWorked ?? self.whyItWorked,
            tags: tags ?? self.tags,
            visibility: visibility,
            contact: contact,
            institution: institution,
            source: source
        )
    }

    /// The text that identifies a snippet's content for de-duplication: title, what and why, normalised.
    public var fingerprintText: String {
        let normalizer = TextNormalizer()
        return [title, whatWasDone, whyItWorked].map(normalizer.normalize).joined(separator: "\n")
    }

    /// The field slots of the `share_practice` form, by id.
    public enum FormField: String, CaseIterable, Sendable {
        case title
        case whatWasDone = "what_was_done"
        case whyItWorked = "why_it_worked"
        case tags
        case visibility
        case contact
    }

    /// The snippet a completed `share_practice` form describes, or `nil` if a required answer is missing.
    public init?(submission: FormSubmission) {
        func value(_ field: FormField) -> String? {
            submission.value(field.rawValue).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let title = value(.title), let what = value(.whatWasDone), let why = value(.whyItWorked) else {
            return nil
        }
        let tags = (value(.tags) ?? "").split(separator: ",").compactMap { SnippetTag(rawValue: String($0)) }
        self.init(
            title: title,
            whatWasDone: what,
            whyItWorked: why,
            tags: tags.isEmpty ? [.other] : tags,
            visibility: value(.visibility).flatMap(Visibility.init(rawValue:)) ?? .institution,
            contact: value(.contact)
        )
    }
}

/// A snippet with its identity and where it stands: what search, cards and moderation work with.
public struct SnippetRecord: Sendable, Hashable {
    /// Where a snippet is in moderation.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Waiting for a moderator; seen only by moderators and its author.
        case pending
        /// Searchable by all staff.
        case approved
        /// Kept for the record, never shown in search.
        case rejected
    }

    /// `GP-0001` for snippets stored here; the file name's id for shipped seed snippets.
    public let id: String
    public let snippet: Snippet
    public let status: Status
    /// Whether it ships with the assistant (seed content, always approved).
    public let isSeed: Bool

    public init(id: String, snippet: Snippet, status: Status, isSeed: Bool = false) {
        self.id = id
        self.snippet = snippet
        self.status = status
        self.isSeed = isSeed
    }
}
