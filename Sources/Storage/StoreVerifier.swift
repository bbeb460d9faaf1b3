import AssistantCore
import Foundation
import GRDB

/// Checks a whole store without trusting it: every sealed value opens with the key where it belongs, the chronology
/// chain is unbroken from the first event to the head, every record's fixed columns and fields match the digest its
/// creation event carries, notes are where the chronology says, and every record's stages follow the pathway.
/// Nothing it finds is printed from a record's content: problems name the record, the event and what is wrong.
public struct StoreVerifier: Sendable {
    /// One thing found wrong.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let reference: String?
        public let eventID: Int64?
        public let message: String

        public var description: String {
            [reference, eventID.map { "event #\($0)" }].compactMap { $0 }.joined(separator: " ")
                + (reference == nil && eventID == nil ? "" : ": ") + message
        }
    }

    /// What the check looked at and found.
    public struct Report: Sendable, Hashable {
        public let records: Int
        public let events: Int
        public let sealedValues: Int
        public let problems: [Problem]

        public var isSound: Bool { problems.isEmpty }
    }

    let cipher: FieldCipher

    /// The chronology with every column read as the type it should have: a value whose type was changed becomes a
    /// different value (so its link no longer matches) instead of one the check cannot read.
    private static let eventsQuery = """
        SELECT id, CAST(concern_id AS INTEGER) AS concern_id, CAST(at AS INTEGER) AS at, CAST(actor AS TEXT) AS actor,
            CAST(action AS TEXT) AS action, CAST(stage AS TEXT) AS stage, CAST(ideology AS TEXT) AS ideology,
            CAST(resolution AS TEXT) AS resolution, CAST(reason AS TEXT) AS reason,
            CAST(has_note AS INTEGER) AS has_note, CAST(record_digest AS BLOB) AS record_digest,
            CAST(chain AS BLOB) AS chain
        FROM concern_events ORDER BY id
        """

    /// Checks the database `db` (the live store or a copy) with the key in `cipher`.
    func verify(_ db: Database) throws -> Report {
        var problems: [Problem] = []
        let references = Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(
                db,
                sql: "SELECT id, CAST(reference AS TEXT) AS reference FROM concerns"
            ).map {
                ($0["id"] as Int64, $0["reference"] as String)
            }
        )
        let chain: ChronologyChain
        do {
            chain = try AppDatabase.chain(db, cipher: cipher)
        } catch {
            return Report(
                records: references.count,
                events: 0,
                sealedValues: 0,
                problems: [Problem(reference: nil, eventID: nil, message: "\(error)")]
            )
        }
        let events = try Row.fetchAll(db, sql: Self.eventsQuery)
        problems += checkChain(db, events: events, chain: chain, references: references)
        problems += try checkRecords(db, events: events, references: references)
        let (sealed, sealProblems) = try checkSealedValues(db, references: references)
        problems += sealProblems
        return Report(records: references.count, events: events.count, sealedValues: sealed, problems: problems)
    }

    private func checkChain(
        _ db: Database,
        events: [Row],
        chain: ChronologyChain,
        references: [Int64: String]
    ) -> [Problem] {
        var problems: [Problem] = []
        var previous = ChronologyChain.genesis
        for row in events {
            let id: Int64 = row["id"]
            let stored: Data? = row["chain"]
            let expected = chain.link(after: previous, content: ChronologyChain.eventDigest(row))
            if stored != expected {
                problems.append(
                    Problem(
                        reference: (row["concern_id"] as Int64?).flatMap { references[$0] },
                        eventID: id,
                        message: "the \(row["action"] as String? ?? "?") event does not match the chronology chain "
                            + "(changed, inserted, removed before it, or out of order)"
                    )
                )
            }
            // Go on from what is stored, so one bad event is reported once, not every event after it.
            previous = stored ?? expected
        }
        let head = try? Row.fetchOne(
            db,
            sql:
                "SELECT CAST(event_id AS INTEGER) AS event_id, CAST(chain AS BLOB) AS chain FROM chain_head WHERE id = 1"
        )
        let lastID = events.last.map { $0["id"] as Int64 }
        if head?["event_id"] as Int64? != lastID || head?["chain"] as Data? != (events.isEmpty ? nil : previous) {
            problems.append(
                Problem(
                    reference: nil,
                    eventID: lastID,
                    message: "the chronology does not end where the chain head says "
                        + "(head: event #\(head?["event_id"] as Int64? ?? 0)): an event was removed or added at the end"
                )
            )
        }
        return problems
    }

    private func checkRecords(_ db: Database, events: [Row], references: [Int64: String]) throws -> [Problem] {
        var problems: [Problem] = []
        let byConcern = Dictionary(grouping: events.filter { $0["concern_id"] != nil }) { $0["concern_id"] as Int64 }
        let notes = Set(try Int64.fetchAll(db, sql: "SELECT CAST(event_id AS INTEGER) FROM concern_notes"))
        let purged = Set(try Int64.fetchAll(db, sql: "SELECT id FROM concerns WHERE purged_at IS NOT NULL"))
        for (id, reference) in references.sorted(by: { $0.key < $1.key }) {
            let chronology = byConcern[id] ?? []
            guard let created = chronology.first, created["action"] as String? == "created" else {
                problems.append(Problem(reference: reference, eventID: nil, message: "has no creation event"))
                continue
            }
            if !purged.contains(id),
                try ChronologyChain.recordDigest(db, concernID: id) != created["record_digest"] as Data?
            {
                problems.append(
                    Problem(
                        reference: reference,
                        eventID: created["id"],
                        message: "its fixed columns or fields differ from what was recorded at creation"
                    )
                )
            }
            if chronology.contains(where: { $0["action"] as String? == "purged" }) != purged.contains(id) {
                problems.append(
                    Problem(reference: reference, eventID: nil, message: "its purge mark and its chronology disagree")
                )
            }
            for event in chronology where !purged.contains(id) {
                let eventID: Int64 = event["id"]
                if (event["has_note"] as Bool? ?? false) != notes.contains(eventID) {
                    problems.append(
                        Problem(reference: reference, eventID: eventID, message: "a note is missing or was added")
                    )
                }
            }
            let steps = chronology.compactMap { event -> (stage: ConcernStage, reopened: Bool)? in
                guard let stage = (event["stage"] as String?).flatMap(ConcernStage.init(rawValue:)) else { return nil }
                return (stage, event["action"] as String? == "reopened")
            }
            let stageEvents = chronology.filter { $0["stage"] != nil }
            if let bad = ConcernPathway.firstInvalidStep(steps) {
                problems.append(
                    Problem(
                        reference: reference,
                        eventID: stageEvents[bad]["id"],
                        message: "the move to '\(steps[bad].stage.rawValue)' is not one the pathway allows"
                    )
                )
            }
        }
        return problems
    }

    private func checkSealedValues(_ db: Database, references: [Int64: String]) throws -> (Int, [Problem]) {
        var problems: [Problem] = []
        var count = 0
        func open(_ stored: DatabaseValue?, _ context: String, reference: String?, event: Int64? = nil) {
            guard let stored, !stored.isNull else { return }
            count += 1
            // A value that is not a blob any more was changed: it fails to open like any other change.
            let sealed = Data.fromDatabaseValue(stored) ?? Data()
            do {
                _ = try cipher.open(sealed, context: context)
            } catch {
                problems.append(Problem(reference: reference, eventID: event, message: "\(error)"))
            }
        }
        for row in try Row.fetchAll(
            db,
            sql: "SELECT id, CAST(reference AS TEXT) AS reference, reporter_sealed, purged_at FROM concerns"
        ) {
            let reference: String = row["reference"]
            open(row["reporter_sealed"], ConcernStore.reporterContext(reference), reference: reference)
            if row["purged_at"] == nil, row["reporter_sealed"] == nil {
                problems.append(Problem(reference: reference, eventID: nil, message: "the reporter was cleared"))
            }
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT CAST(concern_id AS INTEGER) AS concern_id, CAST(slot AS TEXT) AS slot,
                    CAST(sensitivity AS TEXT) AS sensitivity, value_sealed FROM concern_fields
                """
        ) {
            let reference = references[row["concern_id"]] ?? "?"
            let slot: String = row["slot"]
            let encrypted = FormSlot.Sensitivity(rawValue: row["sensitivity"] ?? "")?.isEncrypted ?? true
            if encrypted, row["value_sealed"] == nil {
                problems.append(Problem(reference: reference, eventID: nil, message: "the field '\(slot)' was cleared"))
            }
            open(row["value_sealed"], ConcernStore.fieldContext(reference, slot), reference: reference)
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT CAST(event_id AS INTEGER) AS event_id, CAST(concern_id AS INTEGER) AS concern_id, note_sealed
                FROM concern_notes
                """
        ) {
            let reference = references[row["concern_id"]] ?? "?"
            let event: Int64 = row["event_id"]
            open(row["note_sealed"], ConcernStore.noteContext(reference, event), reference: reference, event: event)
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, reporter_sealed FROM alerts WHERE reporter_sealed IS NOT NULL")
        {
            open(row["reporter_sealed"], AlertOutbox.context(row["id"]), reference: nil)
        }
        for row in try Row.fetchAll(db, sql: "SELECT CAST(key AS TEXT) AS key, state_sealed FROM conversations") {
            open(row["state_sealed"], ConversationStore.context(row["key"]), reference: nil)
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT CAST(platform AS TEXT) AS platform, CAST(message_id AS TEXT) AS message_id,
                    CAST(position AS INTEGER) AS position, reply_sealed FROM reply_outbox
                """
        ) {
            open(
                row["reply_sealed"],
                PlatformStateStore.context(row["platform"], row["message_id"], row["position"]),
                reference: nil
            )
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, question_sealed FROM learning_questions") {
            open(row["question_sealed"], LearningStore.context(row["id"]), reference: nil)
        }
        return (count, problems)
    }
}

extension AppDatabase {
    /// Checks the whole store (see ``StoreVerifier``). Reads no record's content into any output.
    public func verify() throws(StorageError) -> StoreVerifier.Report {
        try read { db in try StoreVerifier(cipher: cipher).verify(db) }
    }
}
