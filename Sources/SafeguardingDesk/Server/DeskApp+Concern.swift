import AssistantCore
import Foundation
import Storage

/// One concern: its answers (after a reason, once per session), chronology and the actions on it.
extension DeskApp {
    /// `GET /concerns/REF`.
    public func concern(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        guard let reference = ConcernReference(raw) else {
            return message(404, "Not found", "There is no such record.", user: try? self.user(request))
        }
        return guarded(request, .concern, reference: reference) { user in
            guard user.session.readReason != nil else {
                return page(
                    "reason",
                    title: "Why are you opening records?",
                    user: user,
                    ReasonPage(reference: reference.text, minimum: Self.minimumReasonLength)
                )
            }
            let page = try concernPage(reference, user: user, error: nil, status: 200)
            try recordLinkOpened(request, to: reference, user: user)
            return page
        }
    }

    static let minimumReasonLength = 10

    /// Audits the opening of a record through a same-person link (`?from=REF`), when `from` really is a record
    /// about the same person; any other `from` is ignored.
    private func recordLinkOpened(_ request: DeskRequest, to reference: ConcernReference, user: DeskUser) throws {
        guard let from = ConcernReference(request.query["from"]), from != reference,
            try concerns.isSamePerson(reference.text, as: from.text)
        else { return }
        try concerns.recordAccess(
            actor: user.actor,
            action: "same_person_link_opened",
            reference: reference.text,
            detail: "from \(from.text)",
            at: now()
        )
    }

    /// `GET /concerns/REF/print`: the record on its own, for printing or saving as PDF; audited as an export.
    public func printConcern(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        guard let reference = ConcernReference(raw) else {
            return message(404, "Not found", "There is no such record.", user: try? self.user(request))
        }
        return guarded(request, .printConcern, reference: reference) { user in
            guard let reason = user.session.readReason else { return .redirect(.concern(reference)) }
            let time = now()
            let record = try concerns.read(reference.text, actor: user.actor, reason: reason, at: time)
            try concerns.recordAccess(
                actor: user.actor,
                action: "exported",
                reference: reference.text,
                detail: "printable page",
                at: time
            )
            return page(
                "print",
                title: "Concern \(record.reference) (printable)",
                user: user,
                PrintPage(
                    reference: record.reference,
                    urgent: record.urgent,
                    stage: record.stage.label,
                    created: Self.time(record.createdAt),
                    printed: Self.time(time),
                    by: user.actor,
                    fields: record.fields.map { .init(label: $0.label, value: $0.value) },
                    events: record.events.map(Self.event)
                )
            )
        }
    }

    func concernPage(
        _ reference: ConcernReference,
        user: DeskUser,
        error: String?,
        status: Int
    ) throws
        -> DeskResponse
    {
        let time = now()
        let record = try concerns.read(
            reference.text,
            actor: user.actor,
            reason: user.session.readReason ?? "desk",
            at: time
        )
        let alertOpen = try alerts.hasUnacknowledgedUrgent(reference: reference.text)
        let assignee = try concerns.assignee(of: reference.text)
        let tasks = try taskRows(reference.text, at: time)
        let linked = try concerns.samePerson(as: reference.text).map {
            ConcernPage.Linked(reference: $0.reference, created: Self.time($0.createdAt), from: reference.text)
        }
        let next = ConcernPathway.next(from: record.stage).map {
            ConcernPage.Option(value: $0.rawValue, label: $0.label)
        }
        let context = ConcernPage(
            reference: record.reference,
            urgent: record.urgent,
            stage: record.stage.label,
            created: Self.time(record.createdAt),
            age: Self.age(record.createdAt, at: time),
            purged: record.purged,
            fields: record.fields.map { .init(label: $0.label, value: $0.value) },
            events: record.events.map(Self.event),
            alertOpen: alertOpen,
            next: next,
            canMove: !next.isEmpty,
            closed: record.stage == .closed,
            canChange: user.may(.changeConcern) && !record.purged,
            outcomes: ConcernResolution.allCases.map {
                .init(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "))
            },
            ideologies: IdeologyCategory.allCases.map {
                .init(value: $0.rawValue, label: $0.rawValue.replacingOccurrences(of: "_", with: " "))
            },
            minimum: ConcernPathway.minimumRationaleLength,
            assignee: assignee,
            leads: try assignableLeads().map { .init(name: $0, selected: $0 == assignee) },
            tasks: tasks,
            anyTasks: !tasks.isEmpty,
            today: CalendarDate(unixSeconds: time).description,
            linked: linked,
            anyLinked: !linked.isEmpty,
            error: error
        )
        return page("concern", title: "Concern \(record.reference)", user: user, status: status, context)
    }

    /// One chronology entry for the record and printable pages.
    static func event(_ event: ConcernRecord.Event) -> ConcernPage.Event {
        ConcernPage.Event(
            time: Self.time(event.at),
            actor: event.actor,
            action: event.action.replacingOccurrences(of: "_", with: " "),
            stage: event.stage?.label ?? "",
            reason: event.reason ?? "",
            note: event.note
        )
    }

    /// `POST /concerns/REF/reason`: the reason for reading records, once per session (kept in the audit with each
    /// read).
    public func giveReason(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        guard let reference = ConcernReference(raw) else {
            return message(404, "Not found", "There is no such record.", user: nil)
        }
        return guarded(request, .concern, reference: reference) { user in
            let reason = (request.form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard reason.count >= Self.minimumReasonLength, reason.count <= 500 else {
                return page(
                    "reason",
                    title: "Why are you opening records?",
                    user: user,
                    status: 400,
                    ReasonPage(
                        reference: reference.text,
                        minimum: Self.minimumReasonLength,
                        error: "Give a reason of at least \(Self.minimumReasonLength) characters."
                    )
                )
            }
            try accounts.setReadReason(idHash: user.session.idHash, reason: reason)
            return .redirect(.concern(reference))
        }
    }

    /// `POST /concerns/REF/acknowledge`: acknowledges the urgent alerts about it (stops the escalation ladder).
    public func acknowledge(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        guard let reference = ConcernReference(raw) else {
            return message(404, "Not found", "There is no such record.", user: nil)
        }
        return guarded(request, .acknowledge, reference: reference) { user in
            let time = now()
            try alerts.acknowledge(reference: reference.text, at: time)
            try concerns.recordAccess(
                actor: user.actor,
                action: "alert_acknowledged",
                reference: reference.text,
                detail: nil,
                at: time
            )
            return .redirect(user.may(.concern) ? .concern(reference) : .alerts)
        }
    }

    /// `POST /concerns/REF/note`.
    public func addNote(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        change(request, raw) { reference, user in
            let note = (request.form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !note.isEmpty, note.count <= 10_000 else {
                throw StorageErrorText("Write the note first (at most 10,000 characters).")
            }
            try concerns.update(reference.text, stage: nil, note: note, actor: user.actor, at: now())
        }
    }

    /// `POST /concerns/REF/stage`: a move the pathway allows, with a rationale (and the outcome when closing).
    public func moveStage(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        change(request, raw) { reference, user in
            guard let stage = request.form["stage"].flatMap(ConcernStage.init(rawValue:)) else {
                throw StorageErrorText("Choose the stage to move to.")
            }
            let resolution = stage == .closed ? request.form["outcome"].flatMap(ConcernResolution.init(rawValue:)) : nil
            if stage == .closed, resolution == nil { throw StorageErrorText("Choose the outcome when closing.") }
            let ideology = request.form["ideology"].flatMap(IdeologyCategory.init(rawValue:))
            let rationale = (request.form["rationale"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            try concerns.update(
                reference.text,
                stage: stage,
                ideology: ideology,
                resolution: resolution,
                note: rationale.isEmpty ? nil : String(rationale.prefix(10_000)),
                actor: user.actor,
                at: now()
            )
        }
    }

    /// `POST /concerns/REF/assign`: assigns the record to an enabled lead's desk account.
    public func assign(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        change(request, raw) { reference, user in
            let name = request.form["assignee"] ?? ""
            guard try assignableLeads().contains(name) else {
                throw StorageErrorText("Choose a lead to assign the record to.")
            }
            try concerns.assign(reference.text, to: name, actor: user.actor, at: now())
        }
    }

    /// `POST /concerns/REF/reopen`: reopening a closed record, with its reason.
    public func reopen(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        change(request, raw) { reference, user in
            let reason = (request.form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            try concerns.reopen(reference.text, reason: String(reason.prefix(10_000)), actor: user.actor, at: now())
        }
    }

    /// Runs a change for a user permitted to change records; a refused change shows the record again with why.
    func change(
        _ request: DeskRequest,
        _ raw: String?,
        _ body: (ConcernReference, DeskUser) throws -> Void
    ) -> DeskResponse {
        guard let reference = ConcernReference(raw) else {
            return message(404, "Not found", "There is no such record.", user: nil)
        }
        return guarded(request, .changeConcern, reference: reference) { user in
            do {
                try body(reference, user)
            } catch let error as StorageErrorText {
                return try concernPage(reference, user: user, error: error.text, status: 400)
            } catch let error as StorageError where !error.isNotFound && !error.isTampered {
                return try concernPage(reference, user: user, error: error.message, status: 400)
            }
            return .redirect(.concern(reference))
        }
    }
}

/// Why a form was refused, in words for the person who filled it in.
struct StorageErrorText: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
