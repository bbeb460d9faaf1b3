public import AssistantCore

extension AlertOutbox {
    /// Queues an urgent alert for the team room with text the core composed (``TeamAlertText/urgent(_:at:)``: what
    /// happened, the platform and the time — never the message or who sent it). The reporter's identity is sealed
    /// with the alert, for leads only.
    @discardableResult
    public func enqueueUrgent(_ alert: UrgentAlert, text: String, at time: Int64) throws(StorageError) -> Int64 {
        try database.write { db in
            try enqueue(
                db,
                kind: alert.reason.rawValue,
                urgent: true,
                reference: nil,
                reporter: alert.reporter,
                text: text,
                recipient: "team",
                at: time
            )
        }
    }

    /// Queues the team's alert that concern `reference` was submitted, with text the core composed
    /// (``TeamAlertText/newConcern(reference:urgent:)``: the reference and urgency only).
    @discardableResult
    public func enqueueSubmitted(
        reference: String,
        urgent: Bool,
        text: String,
        at time: Int64
    ) throws(StorageError)
        -> Int64
    {
        try database.write { db in
            try enqueue(
                db,
                kind: "concern_submitted",
                urgent: urgent,
                reference: reference,
                reporter: nil,
                text: text,
                recipient: "team",
                at: time
            )
        }
    }
}
