import Mustache

// Each page context answers the templates' look-ups by name with a switch over its stored properties: the same
// values swift-mustache would find by reflection, without building a Mirror for every look-up (which made the
// queue three times slower in a debug build). A key missing here is looked up in the enclosing context, as with
// reflection, so every stored property must have its case: this file is generated from the context structs by
// scripts/desk-context-lookups.py (run it after changing one); the route tests render every page through it.

extension QueuePage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": self.reference
        case "urgent": self.urgent
        case "stage": self.stage
        case "age": self.age
        case "created": self.created
        case "alert": self.alert
        case "assignee": self.assignee
        case "openTasks": self.openTasks
        case "overdueTasks": self.overdueTasks
        case "hasTasks": self.hasTasks
        case "hasOverdue": self.hasOverdue
        case "nextDue": self.nextDue
        default: nil
        }
    }
}

extension QueuePage.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "selected": self.selected
        default: nil
        }
    }
}

extension QueuePage.Lead: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "selected": self.selected
        default: nil
        }
    }
}

extension QueuePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": self.rows
        case "any": self.any
        case "total": self.total
        case "shown": self.shown
        case "more": self.more
        case "stages": self.stages
        case "urgentOnly": self.urgentOnly
        case "overdueOnly": self.overdueOnly
        case "leads": self.leads
        default: nil
        }
    }
}

extension AlertsPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "reference": self.reference
        case "kind": self.kind
        case "created": self.created
        case "age": self.age
        case "canAcknowledge": self.canAcknowledge
        default: nil
        }
    }
}

extension AlertsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": self.rows
        case "any": self.any
        default: nil
        }
    }
}

extension AuditPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "time": self.time
        case "actor": self.actor
        case "action": self.action
        case "reference": self.reference
        case "stage": self.stage
        case "reason": self.reason
        default: nil
        }
    }
}

extension AuditPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": self.rows
        case "any": self.any
        case "reference": self.reference
        case "actor": self.actor
        case "since": self.since
        case "limit": self.limit
        case "error": self.error
        default: nil
        }
    }
}
