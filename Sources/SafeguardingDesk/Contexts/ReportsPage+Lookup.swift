import Mustache

// Each page context answers the templates' look-ups by name with a switch over its stored properties: the same
// values swift-mustache would find by reflection, without building a Mirror for every look-up (which made the
// queue three times slower in a debug build). A key missing here is looked up in the enclosing context, as with
// reflection, so every stored property must have its case: this file is generated from the context structs by
// scripts/desk-context-lookups.py (run it after changing one); the route tests render every page through it.

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
