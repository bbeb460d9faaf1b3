public import AssistantCore

/// A snippet as the store keeps it: the record search and cards use, plus who wrote it, when, and where it came from.
public struct StoredSnippet: Sendable, Hashable {
    public let record: SnippetRecord
    /// The author's chat identity, or `import:<institution>` for an imported snippet.
    public let author: String
    public let createdAt: Int64
    public let updatedAt: Int64
    /// The institution an imported snippet came from.
    public let originInstitution: String?
    /// Its id at that institution.
    public let originID: String?

    public var id: String { record.id }
    public var status: SnippetRecord.Status { record.status }
}

/// One entry of a snippet's history: who did what, when, and the detail (the reason, or what an edit changed).
public struct SnippetEvent: Sendable, Hashable {
    public let id: Int64
    public let snippetID: String
    public let at: Int64
    public let actor: String
    /// `submitted`, `imported`, `approved`, `rejected` or `edited`.
    public let action: String
    public let detail: String?
}

/// A notice for moderators or an author, waiting to be delivered.
public struct SnippetNotice: Sendable, Hashable {
    public let id: Int64
    public let createdAt: Int64
    /// `moderators`, or an author's chat identity (`platform:id`).
    public let recipient: String
    public let text: String

    /// The recipient for notices to every moderator.
    public static let moderators = "moderators"
}
