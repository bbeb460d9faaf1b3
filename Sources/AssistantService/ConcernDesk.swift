public import AssistantCore
public import Storage

/// Looks up concern records for questions asked in chat, after checking who is asking and where: leads may list and
/// read records in a direct conversation; a reporter may see the stage of their own concerns; everyone else is
/// refused. Every read and every refusal is written to the audit. It returns data (``ConcernDeskAnswer``); the core
/// renders it.
public struct ConcernDesk: Sendable {
    public let store: ConcernStore
    public let alerts: AlertOutbox
    public let roles: AccessRoles

    public init(database: AppDatabase, roles: AccessRoles) {
        self.store = ConcernStore(database: database)
        self.alerts = AlertOutbox(database: database)
        self.roles = roles
    }

    /// The reply to `query`, asked in a direct conversation or not: ``lookup(_:isDirect:at:)`` as the core renders it.
    public func answer(_ query: ConcernQuery, isDirect: Bool, at time: Int64) throws(StorageError) -> Reply {
        try lookup(query, isDirect: isDirect, at: time).reply
    }

    /// What `query` finds, asked in a direct conversation or not (audited).
    public func lookup(_ query: ConcernQuery, isDirect: Bool, at time: Int64) throws(StorageError) -> ConcernDeskAnswer
    {
        let requester = query.requester
        guard isDirect else {
            // Nothing about concerns in a room others can read: not even that this person raised one.
            try store.recordRefusal(
                actor: requester,
                attempted: "concern query outside a direct conversation",
                reference: nil,
                at: time
            )
            return .directMessageOnly
        }
        switch query {
        case .ownStatus:
            return .ownConcerns(try store.own(reporter: requester, at: time))
        case .list:
            guard roles.isLead(requester) else {
                return try refuse(requester, attempted: "list concerns", reference: nil, at: time)
            }
            return .records(try store.list(actor: requester, at: time))
        case .acknowledgeAlert(let id, _):
            return try acknowledge(id, requester: requester, at: time)
        case .show(let reference, _):
            if roles.isLead(requester) {
                let record = try store.read(
                    reference,
                    actor: requester,
                    reason: "read in a direct conversation",
                    at: time
                )
                try alerts.acknowledge(reference: reference, at: time)
                return .record(record)
            }
            if try store.isReporter(requester, of: reference) {
                return .ownConcern(try store.own(reporter: requester, at: time).filter { $0.reference == reference })
            }
            return try refuse(requester, attempted: "read \(reference)", reference: reference, at: time)
        }
    }

    /// A lead or deputy acknowledges an urgent alert (stopping its escalation), or, without an id, sees the
    /// unacknowledged ones (never who raised them) to say which. Refusals, listings and acknowledgements are audited.
    private func acknowledge(_ id: Int64?, requester: String, at time: Int64) throws(StorageError) -> ConcernDeskAnswer
    {
        guard roles.permits(requester, .acknowledgeAlerts) else {
            try store.recordRefusal(actor: requester, attempted: "acknowledge an alert", reference: nil, at: time)
            return .acknowledgementRefused
        }
        let alerts = try self.alerts.all()
        guard let id else {
            try store.recordAccess(actor: requester, action: "alerts_listed", reference: nil, detail: nil, at: time)
            return .openAlerts(
                alerts.filter { $0.urgent && $0.acknowledgedAt == nil }.map {
                    (id: $0.id, createdAt: $0.createdAt, kind: $0.kind)
                }
            )
        }
        guard let alert = alerts.first(where: { $0.id == id }) else { return .noSuchAlert(id) }
        guard alert.acknowledgedAt == nil else { return .alreadyAcknowledged(id) }
        try store.recordAccess(
            actor: requester,
            action: "alert_acknowledged",
            reference: alert.concernReference,
            detail: "alert #\(id) (chat)",
            at: time
        )
        try self.alerts.acknowledge(id: id, at: time)
        return .acknowledged(id)
    }

    /// Writes the refusal to the audit; in a direct conversation only (outside one, nothing gets this far).
    private func refuse(
        _ requester: String,
        attempted: String,
        reference: String?,
        at time: Int64
    ) throws(StorageError) -> ConcernDeskAnswer {
        try store.recordRefusal(actor: requester, attempted: attempted, reference: reference, at: time)
        return .refused
    }
}
