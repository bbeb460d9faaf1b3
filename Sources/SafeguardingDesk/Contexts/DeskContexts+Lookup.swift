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

extension ReportsPage.Column: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        default: nil
        }
    }
}

extension ReportsPage.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "count": self.count
        default: nil
        }
    }
}

extension ReportsPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "total": self.total
        case "cells": self.cells
        default: nil
        }
    }
}

extension ReportsPage.Bar: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "total": self.total
        case "y": self.y
        case "textY": self.textY
        case "x": self.x
        case "width": self.width
        case "valueX": self.valueX
        default: nil
        }
    }
}

extension ReportsPage.Band: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        default: nil
        }
    }
}

extension ReportsPage.AgeRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "stage": self.stage
        case "counts": self.counts
        case "total": self.total
        default: nil
        }
    }
}

extension ReportsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": self.year
        case "first": self.first
        case "last": self.last
        case "columns": self.columns
        case "rows": self.rows
        case "bars": self.bars
        case "chartHeight": self.chartHeight
        case "chartWidth": self.chartWidth
        case "summary": self.summary
        case "ageBands": self.ageBands
        case "ageRows": self.ageRows
        case "ageTotal": self.ageTotal
        case "ageAt": self.ageAt
        case "triaged": self.triaged
        case "waiting": self.waiting
        case "median": self.median
        case "p90": self.p90
        default: nil
        }
    }
}

extension ContentPage.Late: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "due": self.due
        case "days": self.days
        default: nil
        }
    }
}

extension ContentPage.Waiting: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "what": self.what
        case "why": self.why
        case "tags": self.tags
        case "submitted": self.submitted
        default: nil
        }
    }
}

extension ContentPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "late": self.late
        case "anyLate": self.anyLate
        case "waiting": self.waiting
        case "anyWaiting": self.anyWaiting
        case "today": self.today
        case "articles": self.articles
        case "error": self.error
        default: nil
        }
    }
}

extension MessagePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "text": self.text
        default: nil
        }
    }
}

extension SignInPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "error": self.error
        case "notice": self.notice
        case "name": self.name
        default: nil
        }
    }
}

extension SetupPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "error": self.error
        default: nil
        }
    }
}

extension ReasonPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": self.reference
        case "minimum": self.minimum
        case "error": self.error
        default: nil
        }
    }
}

extension EnrolPage.QR.Path: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "d": self.d
        default: nil
        }
    }
}

extension EnrolPage.QR: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "side": self.side
        case "pixels": self.pixels
        case "paths": self.paths
        default: nil
        }
    }
}

extension EnrolPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "setupCode": self.setupCode
        case "secret": self.secret
        case "uri": self.uri
        case "minimum": self.minimum
        case "qr": self.qr
        case "error": self.error
        default: nil
        }
    }
}
