import GRDB

extension AppDatabase {
    /// Runs `body` in one write transaction that every store call inside it joins (on this database, in this task):
    /// either everything `body` wrote is kept or none of it. A store call inside that fails undoes its own writes
    /// only (a savepoint), so `body` may catch it and go on. Nested calls join the outer transaction.
    public func transaction<T>(_ body: () throws(StorageError) -> T) throws(StorageError) -> T {
        if joinedDatabase != nil { return try body() }
        return try write { db in
            try Self.$joined.withValue(Joined(database: ObjectIdentifier(self), connection: db)) {
                try Self.untyped(body)
            }
        }
    }

    /// The transaction this task is inside on this database, if any.
    var joinedDatabase: Database? {
        guard let joined = Self.joined, joined.database == ObjectIdentifier(self) else { return nil }
        return joined.connection
    }

    /// The open transaction: which database, and its connection. Only ever read on the thread that opened it
    /// (GRDB runs the whole transaction synchronously there), hence `@unchecked`.
    struct Joined: @unchecked Sendable {
        let database: ObjectIdentifier
        let connection: Database
    }

    @TaskLocal static var joined: Joined?

    private static func untyped<T>(_ body: () throws(StorageError) -> T) throws -> T { try body() }
}
