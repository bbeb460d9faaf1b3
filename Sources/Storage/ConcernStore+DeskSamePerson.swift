import GRDB

/// Another record about the same person as the one open (``SubjectIndex``): its reference and when it was raised,
/// nothing of its content.
public struct DeskLinkedConcern: Sendable, Hashable {
    public let reference: String
    public let createdAt: Int64

    public init(reference: String, createdAt: Int64) {
        self.reference = reference
        self.createdAt = createdAt
    }
}

extension ConcernStore {
    /// The other records (not purged) whose person has the same blind-index value as `reference`'s, oldest first.
    /// Not audited on its own: the caller shows it with the record, whose read is; opening one is.
    public func samePerson(as reference: String, limit: Int = 50) throws(StorageError) -> [DeskLinkedConcern] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.reference, c.created_at FROM concerns me
                    JOIN desk_subject_index mine ON mine.concern_id = me.id
                    JOIN desk_subject_index other ON other.subject_key = mine.subject_key AND other.concern_id != me.id
                    JOIN concerns c ON c.id = other.concern_id
                    WHERE me.reference = ? AND c.purged_at IS NULL
                    ORDER BY c.created_at, c.id LIMIT ?
                    """,
                arguments: [reference, limit]
            ).map { DeskLinkedConcern(reference: $0["reference"], createdAt: $0["created_at"]) }
        }
    }

    /// Whether `other` is one of the records about the same person as `reference` (a link the desk showed).
    public func isSamePerson(_ other: String, as reference: String) throws(StorageError) -> Bool {
        try samePerson(as: reference, limit: 10_000).contains { $0.reference == other }
    }
}
