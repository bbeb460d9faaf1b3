public import AssistantCore

/// The desk's pages and actions, each with the permission it needs; the one place a URL is matched to a right, so
/// guessing a URL grants nothing (privilege escalation by URL).
public enum DeskPage: String, Sendable, Hashable, CaseIterable {
    case queue
    case concern
    case changeConcern
    case printConcern
    case acknowledge
    case alerts
    case audit
    case reports

    /// What the signed-in user must be permitted.
    public var permission: ConcernPermission {
        switch self {
        case .queue: .list
        case .concern: .read
        case .changeConcern: .update
        case .printConcern: .export
        case .acknowledge: .acknowledgeAlerts
        case .alerts: .alerts
        case .audit: .audit
        case .reports: .report
        }
    }

    /// The page a user lands on after signing in: the first of queue, alerts, audit they may see.
    public static func home(for actor: String, roles: AccessRoles) -> DeskPage? {
        [.queue, .alerts, .audit].first { roles.permits(actor, $0.permission) }
    }
}
