import Mustache

// Each page context answers the templates' look-ups by name with a switch over its stored properties: the same
// values swift-mustache would find by reflection, without building a Mirror for every look-up (which made the
// queue three times slower in a debug build). A key missing here is looked up in the enclosing context, as with
// reflection, so every stored property must have its case: this file is generated from the context structs by
// scripts/desk-context-lookups.py (run it after changing one); the route tests render every page through it.

extension QueuePage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": reference
        case "urgent": urgent
        case "stage": stage
        case "age": age
        case "created": created
        case "alert": alert
        case "assignee": assignee
        case "openTasks": openTasks
        case "overdueTasks": overdueTasks
        case "hasTasks": hasTasks
        case "hasOverdue": hasOverdue
        case "nextDue": nextDue
        default: nil
        }
    }
}

extension QueuePage.Choice: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension QueuePage.Lead: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": name
        case "selected": selected
        default: nil
        }
    }
}

extension QueuePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "any": any
        case "total": total
        case "shown": shown
        case "more": more
        case "stages": stages
        case "urgentOnly": urgentOnly
        case "overdueOnly": overdueOnly
        case "leads": leads
        default: nil
        }
    }
}

extension AlertsPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "reference": reference
        case "kind": kind
        case "created": created
        case "age": age
        case "canAcknowledge": canAcknowledge
        default: nil
        }
    }
}

extension AlertsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "any": any
        default: nil
        }
    }
}

extension AuditPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "time": time
        case "actor": actor
        case "action": action
        case "reference": reference
        case "stage": stage
        case "reason": reason
        default: nil
        }
    }
}

extension AuditPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rows": rows
        case "any": any
        case "reference": reference
        case "actor": actor
        case "since": since
        case "limit": limit
        case "error": error
        default: nil
        }
    }
}

extension ConcernPage.Field: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        default: nil
        }
    }
}

extension ConcernPage.Event: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "time": time
        case "actor": actor
        case "action": action
        case "stage": stage
        case "reason": reason
        case "note": note
        default: nil
        }
    }
}

extension ConcernPage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        default: nil
        }
    }
}

extension ConcernPage.Lead: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": name
        case "selected": selected
        default: nil
        }
    }
}

extension ConcernPage.Task: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "text": text
        case "owner": owner
        case "due": due
        case "overdue": overdue
        case "done": done
        case "completed": completed
        case "completedBy": completedBy
        default: nil
        }
    }
}

extension ConcernPage.Linked: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": reference
        case "created": created
        case "from": from
        default: nil
        }
    }
}

extension ConcernPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": reference
        case "urgent": urgent
        case "stage": stage
        case "created": created
        case "age": age
        case "purged": purged
        case "fields": fields
        case "events": events
        case "alertOpen": alertOpen
        case "next": next
        case "canMove": canMove
        case "closed": closed
        case "canChange": canChange
        case "outcomes": outcomes
        case "ideologies": ideologies
        case "minimum": minimum
        case "assignee": assignee
        case "leads": leads
        case "tasks": tasks
        case "anyTasks": anyTasks
        case "today": today
        case "linked": linked
        case "anyLinked": anyLinked
        case "error": error
        default: nil
        }
    }
}

extension PrintPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": reference
        case "urgent": urgent
        case "stage": stage
        case "created": created
        case "printed": printed
        case "by": by
        case "fields": fields
        case "events": events
        default: nil
        }
    }
}

extension ReportsPage.Column: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": name
        default: nil
        }
    }
}

extension ReportsPage.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "count": count
        default: nil
        }
    }
}

extension ReportsPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "total": total
        case "cells": cells
        default: nil
        }
    }
}

extension ReportsPage.Bar: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "total": total
        case "y": y
        case "textY": textY
        case "x": x
        case "width": width
        case "valueX": valueX
        default: nil
        }
    }
}

extension ReportsPage.Band: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        default: nil
        }
    }
}

extension ReportsPage.AgeRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "stage": stage
        case "counts": counts
        case "total": total
        default: nil
        }
    }
}

extension ReportsPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": year
        case "first": first
        case "last": last
        case "columns": columns
        case "rows": rows
        case "bars": bars
        case "chartHeight": chartHeight
        case "chartWidth": chartWidth
        case "summary": summary
        case "ageBands": ageBands
        case "ageRows": ageRows
        case "ageTotal": ageTotal
        case "ageAt": ageAt
        case "triaged": triaged
        case "waiting": waiting
        case "median": median
        case "p90": p90
        default: nil
        }
    }
}

extension ContentPage.Late: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "due": due
        case "days": days
        default: nil
        }
    }
}

extension ContentPage.Waiting: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "what": what
        case "why": why
        case "tags": tags
        case "submitted": submitted
        default: nil
        }
    }
}

extension ContentPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "late": late
        case "anyLate": anyLate
        case "waiting": waiting
        case "anyWaiting": anyWaiting
        case "today": today
        case "articles": articles
        case "error": error
        default: nil
        }
    }
}

extension MessagePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "text": text
        default: nil
        }
    }
}

extension SignInPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "error": error
        case "notice": notice
        case "name": name
        default: nil
        }
    }
}

extension SetupPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "error": error
        default: nil
        }
    }
}

extension ReasonPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "reference": reference
        case "minimum": minimum
        case "error": error
        default: nil
        }
    }
}

extension EnrolPage.QR.Path: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "d": d
        default: nil
        }
    }
}

extension EnrolPage.QR: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "side": side
        case "pixels": pixels
        case "paths": paths
        default: nil
        }
    }
}

extension EnrolPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": name
        case "setupCode": setupCode
        case "secret": secret
        case "uri": uri
        case "minimum": minimum
        case "qr": qr
        case "error": error
        default: nil
        }
    }
}
