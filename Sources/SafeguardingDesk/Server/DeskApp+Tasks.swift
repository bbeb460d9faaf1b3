import AssistantCore
import Foundation
import Storage

/// Tasks on a record: added with an owner (an enabled lead) and a due day, completed from the record page.
extension DeskApp {
    /// The longest task text kept.
    static let maximumTaskLength = 500

    /// `POST /concerns/REF/task`: `text`, `owner` (a lead's desk name) and `due` (`YYYY-MM-DD`, today or later).
    public func addTask(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        change(request, raw) { reference, user in
            let text = (request.form["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= Self.maximumTaskLength else {
                throw StorageErrorText("Say what the task is (at most \(Self.maximumTaskLength) characters).")
            }
            let owner = request.form["owner"] ?? ""
            guard try assignableLeads().contains(owner) else {
                throw StorageErrorText("Choose a lead to own the task.")
            }
            let time = now()
            guard let due = request.form["due"].flatMap(CalendarDate.init(iso:)),
                !(due < CalendarDate(unixSeconds: time))
            else { throw StorageErrorText("Give the day the task is due, today or later, as YYYY-MM-DD.") }
            try concerns.addTask(reference.text, text: text, owner: owner, due: due, actor: user.actor, at: time)
        }
    }

    /// `POST /concerns/REF/task/complete`: `task` is the id of an open task of this record.
    public func completeTask(_ request: DeskRequest, reference raw: String?) -> DeskResponse {
        change(request, raw) { reference, user in
            guard let text = request.form["task"], text.count <= 18, let id = Int64(text), id > 0 else {
                throw StorageErrorText("Choose the task to complete.")
            }
            try concerns.completeTask(reference.text, task: id, actor: user.actor, at: now())
        }
    }

    /// The record's tasks for its page.
    func taskRows(_ reference: String, at time: Int64) throws -> [ConcernPage.Task] {
        try concerns.tasks(of: reference).map { task in
            ConcernPage.Task(
                id: task.id,
                text: task.text,
                owner: task.owner,
                due: task.dueDay.description,
                overdue: task.isOverdue(at: time),
                done: task.isDone,
                completed: task.completedAt.map(Self.time) ?? "",
                completedBy: task.completedBy ?? ""
            )
        }
    }
}
