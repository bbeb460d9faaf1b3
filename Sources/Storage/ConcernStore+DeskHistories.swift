public import AssistantCore
import GRDB

extension ConcernStore {
    /// The same as ``histories()`` (every record's stage history, without content, by record id), read in one
    /// query instead of one per record, so the desk's reports stay fast with tens of thousands of records. With
    /// `reaching`, only the records that were ever at one of those stages (the OfS return counts no other).
    public func historiesInOneQuery(reaching stages: [ConcernStage]? = nil) throws(StorageError) -> [ConcernHistory] {
        let filter =
            stages.map { stages in
                let names = stages.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                return """
                    WHERE c.id IN (SELECT x.concern_id FROM concern_events x WHERE x.stage IN (\(names)))
                    """
            } ?? ""
        return try database.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.id AS concern_id, c.reference, e.at, e.stage, e.ideology, e.resolution
                    FROM concerns c LEFT JOIN concern_events e
                      ON e.concern_id = c.id AND (e.stage IS NOT NULL OR e.ideology IS NOT NULL)
                    \(filter)
                    ORDER BY c.id, e.id
                    """
            )
            var histories: [ConcernHistory] = []
            var currentID: Int64?
            var reference = ""
            var changes: [StageChange] = []
            var stage = ConcernStage.reported
            while let row = try rows.next() {
                let id: Int64 = row["concern_id"]
                if id != currentID {
                    if currentID != nil { histories.append(ConcernHistory(reference: reference, changes: changes)) }
                    currentID = id
                    reference = row["reference"]
                    changes = []
                    stage = .reported
                }
                guard let at: Int64 = row["at"] else { continue }
                if let text: String = row["stage"], let next = ConcernStage(rawValue: text) { stage = next }
                changes.append(
                    StageChange(
                        stage: stage,
                        on: CalendarDate(unixSeconds: at),
                        ideology: (row["ideology"] as String?).flatMap(IdeologyCategory.init(rawValue:)),
                        resolution: (row["resolution"] as String?).flatMap(ConcernResolution.init(rawValue:))
                    )
                )
            }
            if currentID != nil { histories.append(ConcernHistory(reference: reference, changes: changes)) }
            return histories
        }
    }
}
