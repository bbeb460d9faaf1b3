import GRDB

extension FieldCipher {
    /// Re-seals one sealed column for key rotation: each row `select` returns (with the sealed value as `sealed`) is
    /// opened with this cipher under `context(row)` and written back sealed with `new` by `update`, whose arguments
    /// are the new sealed value followed by `keys(row)`. Returns how many values were re-sealed.
    func reseal(
        _ db: Database,
        to new: FieldCipher,
        select: String,
        update: String,
        context: (Row) -> String,
        keys: (Row) -> [any DatabaseValueConvertible]
    ) throws -> Int {
        let rows = try Row.fetchAll(db, sql: select)
        for row in rows {
            let place = context(row)
            let plain = try open(row["sealed"], context: place)
            try db.execute(
                sql: update,
                arguments: StatementArguments([try new.seal(plain, context: place)] + keys(row))
            )
        }
        return rows.count
    }
}
