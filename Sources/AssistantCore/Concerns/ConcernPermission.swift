/// What a person may do with concern records, and which roles grant it (``AccessRoles/permits(_:_:)``).
///
/// Leads (the safeguarding leads and the Prevent lead) may do everything. Deputies see the alerts and acknowledge
/// them (an acknowledgement stops the escalation ladder), without the reporter's identity. Auditors read the audit
/// trail and run the integrity check, and see no record's content. Nobody else may do any of these.
public enum ConcernPermission: String, Sendable, Hashable, CaseIterable {
    case list
    case read
    case update
    case export
    case audit
    case alerts
    case acknowledgeAlerts = "acknowledge_alerts"
    case purge
    case rotateKey = "rotate_key"
    case report
    case verify

    /// Words for people: "list concern records".
    public var label: String {
        switch self {
        case .list: "list concern records"
        case .read: "read a concern record"
        case .update: "change a concern record"
        case .export: "export concern records"
        case .audit: "read the audit trail"
        case .alerts: "see the safeguarding alerts"
        case .acknowledgeAlerts: "acknowledge a safeguarding alert"
        case .purge: "purge records past retention"
        case .rotateKey: "rotate the encryption key"
        case .report: "run reports on concern records"
        case .verify: "check the store's integrity"
        }
    }
}

extension AccessRoles {
    /// Whether `identity` may do `permission`.
    public func permits(_ identity: String, _ permission: ConcernPermission) -> Bool {
        if isLead(identity) { return true }
        switch permission {
        case .alerts, .acknowledgeAlerts: return deputies.contains(identity)
        case .audit, .verify: return auditors.contains(identity)
        case .list, .read, .update, .export, .purge, .rotateKey, .report: return false
        }
    }

    /// The configuration keys of the roles that grant `permission`, for telling someone where to be listed.
    public static func roleKeys(granting permission: ConcernPermission) -> [String] {
        switch permission {
        case .alerts, .acknowledgeAlerts: ["safeguarding_leads", "prevent_lead", "deputy"]
        case .audit, .verify: ["safeguarding_leads", "prevent_lead", "auditors"]
        case .list, .read, .update, .export, .purge, .rotateKey, .report: ["safeguarding_leads", "prevent_lead"]
        }
    }
}
