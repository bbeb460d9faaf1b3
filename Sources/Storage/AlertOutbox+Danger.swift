public import AssistantCore

extension AlertOutbox {
    /// Queues an urgent alert for the team room with text the core composed (``UrgentAlert/teamText(at:)``: what
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
}
