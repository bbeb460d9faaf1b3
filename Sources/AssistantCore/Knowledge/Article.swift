/// A short knowledge-base answer: what to do now, why, and where to read more.
public struct Article: Sendable, Hashable, Identifiable {
    /// Where a fact in the article comes from.
    public struct Source: Sendable, Hashable {
        public let title: String
        public let url: String
        public let date: CalendarDate

        public init(title: String, url: String, date: CalendarDate) {
            self.title = title
            self.url = url
            self.date = date
        }
    }

    public let id: String
    public let title: String
    public let audience: [String]
    public let jurisdiction: [String]
    public let sources: [Source]
    public let lastReviewed: CalendarDate
    public let reviewDue: CalendarDate
    /// Markdown with `{{institution.…}}` placeholders.
    public let body: String

    public init(
        id: String,
        title: String,
        audience: [String],
        jurisdiction: [String],
        sources: [Source],
        lastReviewed: CalendarDate,
        reviewDue: CalendarDate,
        body: String
    ) {
        self.id = id
        self.title = title
        self.audience = audience
        self.jurisdiction = jurisdiction
        self.sources = sources
        self.lastReviewed = lastReviewed
        self.reviewDue = reviewDue
        self.body = body
    }

    /// The audiences an article may name.
    public static let audiences: Set<String> = [
        "all_staff", "academic", "student_support", "chaplaincy", "governors", "security", "it_library",
        "prevent_lead", "leadership", "events",
    ]
    /// The jurisdictions an article may name.
    public static let jurisdictions: Set<String> = ["england", "wales", "scotland", "northern_ireland"]
}
