/// Who may do what with concern records, from the configuration's `roles` (chat identities as `platform:id`).
///
/// Only safeguarding leads and the Prevent lead may list, read, update or export records. Deputies see the alerts
/// (and acknowledge them); auditors read the audit trail only. A reporter may see the stage of the concerns they
/// raised, and nothing else.
public struct AccessRoles: Sendable, Hashable {
    public let safeguardingLeads: Set<String>
    public let preventLeads: Set<String>
    /// Who receives an urgent alert no lead acknowledged in time.
    public let deputies: Set<String>
    /// Who may read the audit trail (and nothing else).
    public let auditors: Set<String>

    public init(
        safeguardingLeads: Set<String> = [],
        preventLeads: Set<String> = [],
        deputies: Set<String> = [],
        auditors: Set<String> = []
    ) {
        self.safeguardingLeads = safeguardingLeads
        self.preventLeads = preventLeads
        self.deputies = deputies
        self.auditors = auditors
    }

    /// Whether `identity` may read and manage concern records.
    public func isLead(_ identity: String) -> Bool {
        safeguardingLeads.contains(identity) || preventLeads.contains(identity)
    }
}
