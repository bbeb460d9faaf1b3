import Mustache

// Each page context answers the templates' look-ups by name with a switch over its stored properties: the same
// values swift-mustache would find by reflection, without building a Mirror for every look-up (which made the
// queue three times slower in a debug build). A key missing here is looked up in the enclosing context, as with
// reflection, so every stored property must have its case: this file is generated from the context structs by
// scripts/desk-context-lookups.py (run it after changing one); the route tests render every page through it.

extension ConcernPage.Field: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "value": self.value
        default: nil
        }
    }
}

extension ConcernPage.Event: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "time": self.time
        case "actor": self.actor
        case "action": self.action
        case "stage": self.stage
        case "reason": self.reason
        case "note": self.note
        default: nil
        }
    }
}

extension ConcernPage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        default: nil
        }
    }
}

extension ConcernPage.Lead: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "selected": self.selected
        default: nil
        }
    }
}

extension ConcernPage.Task: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "text": self.text
        case "owner": self.owner
        case "due": self.due
        case "overdue": self.overdue
        case "done": self.done
        case "completed": self.completed
        case "completedBy": self.completedBy
        default: nil
        }
    }
}

extension ConcernPage.Linked: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": self.reference
        case "created": self.created
        case "from": self.from
        default: nil
        }
    }
}

extension ConcernPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": self.reference
        case "urgent": self.urgent
        case "stage": self.stage
        case "created": self.created
        case "age": self.age
        case "purged": self.purged
        case "fields": self.fields
        case "events": self.events
        case "alertOpen": self.alertOpen
        case "next": self.next
        case "canMove": self.canMove
        case "closed": self.closed
        case "canChange": self.canChange
        case "outcomes": self.outcomes
        case "ideologies": self.ideologies
        case "minimum": self.minimum
        case "assignee": self.assignee
        case "leads": self.leads
        case "tasks": self.tasks
        case "anyTasks": self.anyTasks
        case "today": self.today
        case "linked": self.linked
        case "anyLinked": self.anyLinked
        case "error": self.error
        default: nil
        }
    }
}

extension PrintPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": self.reference
        case "urgent": self.urgent
        case "stage": self.stage
        case "created": self.created
        case "printed": self.printed
        case "by": self.by
        case "fields": self.fields
        case "events": self.events
        default: nil
        }
    }
}
