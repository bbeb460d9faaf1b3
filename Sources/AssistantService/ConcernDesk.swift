public import AssistantCore
import Foundation
public import Storage

/// Answers questions about concern records in chat, after checking who is asking and where: leads may list and
/// read records in a direct conversation; a reporter may see the stage of their own concerns; everyone else is
/// refused. Every read and every refusal is written to the audit.
public struct ConcernDesk: Sendable {
    public let store: ConcernStore
    public let alerts: AlertOutbox
    public let roles: AccessRoles

    public init(database: AppDatabase, roles: AccessRoles) {
        self.store = ConcernStore(database: database)
        self.alerts = AlertOutbox(database: database)
        self.roles = roles
    }

    /// The reply to `query`, asked in a direct conversation or not.
    public func answer(_ query: ConcernQuery, isDirect: Bool, at time: Int64) throws(StorageError) -> Reply {
        let requester = query.requester
        guard isDirect else {
            // Nothing about concerns in a room others can read: not even that this person raised one.
            try store.recordRefusal(
                actor: requester,
                attempted: "concern query outside a direct conversation",
                reference: nil,
                at: time
            )
            return Reply(
                kind: .notice,
                text: "I can only talk about concerns in a direct message with you. Please message me directly."
            )
        }
        switch query {
        case .ownStatus:
            let own = try store.own(reporter: requester, at: time)
            guard !own.isEmpty else {
                return Reply(kind: .notice, text: "I have no record of a concern raised by you through this assistant.")
            }
            var text = "Concerns you raised through me:"
            for summary in own { text += "\n- " + ConcernText.statusLine(summary) }
            return Reply(kind: .notice, text: text)
        case .list:
            guard roles.isLead(requester), isDirect else {
                return try refuse(requester, attempted: "list concerns", reference: nil, isDirect: isDirect, at: time)
            }
            let summaries = try store.list(actor: requester, at: time)
            guard !summaries.isEmpty else { return Reply(kind: .notice, text: "There are no concern records.") }
            return Reply(
                kind: .notice,
                text: "Concern records:\n" + summaries.map { "- " + ConcernText.listLine($0) }.joined(separator: "\n")
            )
        case .acknowledgeAlert(let id, _):
            return try acknowledge(id, requester: requester, at: time)
        case .show(let reference, _):
            if roles.isLead(requester), isDirect {
                let record = try store.read(
                    reference,
                    actor: requester,
                    reason: "read in a direct conversation",
                    at: time
                )
                try alerts.acknowledge(reference: reference, at: time)
                return Reply(kind: .notice, text: ConcernText.record(record))
            }
            if try store.isReporter(requester, of: reference) {
                let own = try store.own(reporter: requester, at: time).filter { $0.reference == reference }
                return Reply(kind: .notice, text: own.map(ConcernText.statusLine).joined(separator: "\n"))
            }
            return try refuse(
                requester,
                attempted: "read \(reference)",
                reference: reference,
                isDirect: isDirect,
                at: time
            )
        }
    }

    /// A lead or deputy acknowledges an urgent alert (stopping its escalation), or, without an id, sees the
    /// unacknowledged ones (never who raised them) to say which. Refusals, listings and acknowledgements are audited.
    private func acknowledge(_ id: Int64?, requester: String, at time: Int64) throws(StorageError) -> Reply {
        guard roles.permits(requester, .acknowledgeAlerts) else {
            try store.recordRefusal(actor: requester, attempted: "acknowledge an alert", reference: nil, at: time)
            return Reply(
                kind: .notice,
                text: "Sorry — only the safeguarding leads and their deputies can acknowledge alerts. "
                    + "This request has been logged."
            )
        }
        let alerts = try self.alerts.all()
        guard let id else {
            try store.recordAccess(actor: requester, action: "alerts_listed", reference: nil, detail: nil, at: time)
            let open = alerts.filter { $0.urgent && $0.acknowledgedAt == nil }
            guard !open.isEmpty else { return Reply(kind: .notice, text: "There are no unacknowledged urgent alerts.") }
            let lines = open.map { "- #\($0.id) at \(ConcernText.isoTime($0.createdAt)): \($0.kind)" }
            return Reply(
                kind: .notice,
                text: "Unacknowledged urgent alerts:\n" + lines.joined(separator: "\n")
                    + "\n\nReply \"ack\" and the number to acknowledge one (e.g. \"ack \(open[0].id)\")."
            )
        }
        guard let alert = alerts.first(where: { $0.id == id }) else {
            return Reply(kind: .notice, text: "There is no alert #\(id). Say \"ack alerts\" to see the open ones.")
        }
        guard alert.acknowledgedAt == nil else {
            return Reply(kind: .notice, text: "Alert #\(id) was already acknowledged.")
        }
        try store.recordAccess(
            actor: requester,
            action: "alert_acknowledged",
            reference: alert.concernReference,
            detail: "alert #\(id) (chat)",
            at: time
        )
        try self.alerts.acknowledge(id: id, at: time)
        return Reply(
            kind: .notice,
            text: "Alert #\(id) acknowledged: it will not be escalated further. If anyone is in danger now, call 999."
        )
    }

    private func refuse(
        _ requester: String,
        attempted: String,
        reference: String?,
        isDirect: Bool,
        at time: Int64
    ) throws(StorageError) -> Reply {
        try store.recordRefusal(actor: requester, attempted: attempted, reference: reference, at: time)
        let text =
            roles.isLead(requester) && !isDirect
            ? "I can only show concern records in a direct message with you. Nothing was shown here."
            : "Sorry — only the safeguarding leads can see concern records. You can ask me \"what happened to my concern\" "
                + "about concerns you raised yourself. This request has been logged."
        return Reply(kind: .notice, text: text)
    }
}
