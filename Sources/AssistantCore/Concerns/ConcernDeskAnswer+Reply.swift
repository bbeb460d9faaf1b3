extension ConcernDeskAnswer {
    /// The answer as the person who asked reads it.
    public var reply: Reply { Reply(kind: .notice, text: text) }

    var text: String {
        switch self {
        case .directMessageOnly:
            "I can only talk about concerns in a direct message with you. Please message me directly."
        case .ownConcerns(let own) where own.isEmpty:
            "I have no record of a concern raised by you through this assistant."
        case .ownConcerns(let own):
            "Concerns you raised through me:" + own.map { "\n- " + ConcernText.statusLine($0) }.joined()
        case .ownConcern(let own):
            own.map(ConcernText.statusLine).joined(separator: "\n")
        case .records(let summaries) where summaries.isEmpty:
            "There are no concern records."
        case .records(let summaries):
            "Concern records:\n" + summaries.map { "- " + ConcernText.listLine($0) }.joined(separator: "\n")
        case .record(let record):
            ConcernText.record(record)
        case .refused:
            "Sorry — only the safeguarding leads can see concern records. You can ask me \"what happened to my concern\" "
                + "about concerns you raised yourself. This request has been logged."
        case .acknowledgementRefused:
            "Sorry — only the safeguarding leads and their deputies can acknowledge alerts. "
                + "This request has been logged."
        case .openAlerts(let open) where open.isEmpty:
            "There are no unacknowledged urgent alerts."
        case .openAlerts(let open):
            "Unacknowledged urgent alerts:\n"
                + open.map { "- #\($0.id) at \(ConcernText.isoTime($0.createdAt)): \($0.kind)" }.joined(separator: "\n")
                + "\n\nReply \"ack\" and the number to acknowledge one (e.g. \"ack \(open[0].id)\")."
        case .noSuchAlert(let id):
            "There is no alert #\(id). Say \"ack alerts\" to see the open ones."
        case .alreadyAcknowledged(let id):
            "Alert #\(id) was already acknowledged."
        case .acknowledged(let id):
            "Alert #\(id) acknowledged: it will not be escalated further. If anyone is in danger now, call 999."
        }
    }
}
