import AssistantCore
import Foundation
import Storage

/// The queue (open records, unacknowledged urgent alerts first) and the deputies' alerts page.
extension DeskApp {
    /// How many rows the queue shows at once.
    static let queueLimit = 50

    /// `GET /queue?stage=…&urgent=1&assignee=NAME&overdue=1`.
    public func queue(_ request: DeskRequest) -> DeskResponse {
        guarded(request, .queue) { user in
            let stage = request.query["stage"].flatMap(ConcernStage.init(rawValue:))
            let urgentOnly = request.query["urgent"] == "1"
            let overdueOnly = request.query["overdue"] == "1"
            let leads = try assignableLeads()
            let assignee = request.query["assignee"].flatMap { leads.contains($0) ? $0 : nil }
            let time = now()
            let (items, total) = try concerns.openQueue(
                stage: stage,
                urgentOnly: urgentOnly,
                assignee: assignee,
                overdueOnly: overdueOnly,
                limit: Self.queueLimit,
                actor: user.actor,
                at: time
            )
            let rows = items.map { item in
                QueuePage.Row(
                    reference: item.reference,
                    urgent: item.urgent,
                    stage: item.stage.label,
                    age: Self.age(item.createdAt, at: time),
                    created: Self.time(item.createdAt),
                    alert: item.alertUnacknowledged,
                    assignee: item.assignee,
                    openTasks: item.openTasks,
                    overdueTasks: item.overdueTasks,
                    hasTasks: item.openTasks > 0,
                    hasOverdue: item.overdueTasks > 0,
                    nextDue: item.nextDue?.description ?? ""
                )
            }
            let stages = ConcernStage.allCases.filter { $0 != .closed }.map {
                QueuePage.Choice(value: $0.rawValue, label: $0.label, selected: $0 == stage)
            }
            return page(
                "queue",
                title: "Queue",
                user: user,
                QueuePage(
                    rows: rows,
                    any: !rows.isEmpty,
                    total: total,
                    shown: rows.count,
                    more: total > rows.count,
                    stages: stages,
                    urgentOnly: urgentOnly,
                    overdueOnly: overdueOnly,
                    leads: leads.map { QueuePage.Lead(name: $0, selected: $0 == assignee) }
                )
            )
        }
    }

    /// `GET /alerts`: urgent alerts no lead has acknowledged (reference and time only, never the reporter).
    public func alertsPage(_ request: DeskRequest) -> DeskResponse {
        guarded(request, .alerts) { user in
            let time = now()
            let open = try alerts.unacknowledgedUrgent()
            try concerns.recordAccess(actor: user.actor, action: "alerts_listed", reference: nil, detail: nil, at: time)
            let rows = open.map { alert in
                AlertsPage.Row(
                    id: alert.id,
                    reference: alert.concernReference ?? "—",
                    kind: alert.kind,
                    created: Self.time(alert.createdAt),
                    age: Self.age(alert.createdAt, at: time),
                    canAcknowledge: user.may(.acknowledge)
                )
            }
            return page("alerts", title: "Urgent alerts", user: user, AlertsPage(rows: rows, any: !rows.isEmpty))
        }
    }

    /// `POST /alerts/ID/acknowledge`: acknowledges one alert (and its escalations), also one that names no record
    /// (a danger answer outside a form).
    public func acknowledgeAlert(_ request: DeskRequest, id raw: String?) -> DeskResponse {
        guard let raw, raw.count <= 18, let id = Int64(raw), id > 0 else {
            return message(404, "Not found", "There is no such alert.", user: try? self.user(request))
        }
        return guarded(request, .acknowledge) { user in
            let time = now()
            try alerts.acknowledge(id: id, at: time)
            try concerns.recordAccess(
                actor: user.actor,
                action: "alert_acknowledged",
                reference: nil,
                detail: "alert \(id)",
                at: time
            )
            return .redirect(.alerts)
        }
    }
}
