public import AssistantCore
import Foundation
import GRDB

/// Moving a record through the Prevent pathway: stage changes with written rationales, notes, reopening.
extension ConcernStore {
    // MARK: - Changing

    /// Moves a record to `stage` (with the ideology at triage, the resolution at closing), or sets the ideology, or
    /// adds a note; `note` is kept sealed. A stage change must be one ``ConcernPathway`` allows and needs a written
    /// rationale (the note).
    public func update(
        _ reference: String,
        stage: ConcernStage?,
        ideology: IdeologyCategory? = nil,
        resolution: ConcernResolution? = nil,
        note: String?,
        actor: String,
        at time: Int64
    ) throws(StorageError) {
        if stage == .closed, resolution == nil { throw .invalid("closing a concern needs an outcome (--outcome)") }
        if stage != .closed, resolution != nil {
            throw .invalid("an outcome is given only when closing (--stage closed)")
        }
        if stage == nil, note == nil, ideology == nil {
            throw .invalid("nothing to change: give a stage, an ideology or a note")
        }
        let note = note.map(ControlCharacters.visible)
        try database.write { db in
            let id = try concernID(db, reference)
            try refuseIfPurged(db, id: id, reference: reference)
            if let stage {
                let current = try history(db, id: id, reference: reference).currentStage
                if let refusal = ConcernPathway.refusal(from: current, to: stage, rationale: note) {
                    throw StorageError.invalid("\(reference): \(refusal)")
                }
            }
            let action = stage != nil ? "stage_changed" : (ideology != nil ? "ideology_set" : "note_added")
            let eventID = try appendEvent(
                db,
                concernID: id,
                at: time,
                actor: actor,
                action: action,
                stage: stage,
                ideology: ideology,
                resolution: resolution,
                hasNote: note != nil
            )
            if let note { try addNote(db, note, concernID: id, eventID: eventID, reference: reference) }
        }
    }

    /// Reopens a closed record (back to ``ConcernPathway/reopenedStage``), with the reason kept sealed as its note.
    public func reopen(_ reference: String, reason: String, actor: String, at time: Int64) throws(StorageError) {
        let reason = ControlCharacters.visible(reason)
        try database.write { db in
            let id = try concernID(db, reference)
            try refuseIfPurged(db, id: id, reference: reference)
            let current = try history(db, id: id, reference: reference).currentStage
            if let refusal = ConcernPathway.reopenRefusal(from: current, reason: reason) {
                throw StorageError.invalid("\(reference): \(refusal)")
            }
            let eventID = try appendEvent(
                db,
                concernID: id,
                at: time,
                actor: actor,
                action: "reopened",
                stage: ConcernPathway.reopenedStage,
                hasNote: true
            )
            try addNote(db, reason, concernID: id, eventID: eventID, reference: reference)
        }
    }

    private func refuseIfPurged(_ db: Database, id: Int64, reference: String) throws {
        if try Bool.fetchOne(db, sql: "SELECT purged_at IS NOT NULL FROM concerns WHERE id = ?", arguments: [id])
            == true
        {
            throw StorageError.invalid("\(reference) was purged by the retention policy and can no longer change")
        }
    }

    private func addNote(_ db: Database, _ note: String, concernID: Int64, eventID: Int64, reference: String) throws {
        try db.execute(
            sql: "INSERT INTO concern_notes (event_id, concern_id, note_sealed) VALUES (?, ?, ?)",
            arguments: [eventID, concernID, try cipher.seal(note, context: Self.noteContext(reference, eventID))]
        )
    }
}
