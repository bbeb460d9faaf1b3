import AssistantCore
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// Tasks on records and the same-person index in the store: sealed text, due days from the caller's clock, the
/// queue's task columns and overdue filter, and the blind index that survives key rotation.
struct DeskTaskAndLinkStorageTests {
    /// 2026-10-05 09:00 UTC.
    static let start: Int64 = 1_791_190_800

    static func submission(about person: String?, text: String = "seen in the library") -> FormSubmission {
        var fields: [FormSubmission.Field] = [
            .init(slot: "what_happened", label: "What", value: text, display: text, sensitivity: .freeText)
        ]
        if let person {
            fields.insert(
                .init(
                    slot: "subject_name",
                    label: "Name or ID",
                    value: person,
                    display: person,
                    sensitivity: .identifying
                ),
                at: 0
            )
        }
        return FormSubmission(
            formID: "raise_concern",
            reporterID: "matrix:@r:example.ac.uk",
            urgent: false,
            fields: fields
        )
    }

    static func database(_ directory: TemporaryDirectory, key: EncryptionKey = .generate()) throws -> AppDatabase {
        try AppDatabase(file: directory.url.appendingPathComponent("s.sqlite"), key: key)
    }

    @Test func aTaskIsAddedSealedCompletedOnceAndEachStepIsInTheChronology() throws {
        try TemporaryDirectory.with { directory in
            let database = try Self.database(directory)
            let store = ConcernStore(database: database)
            let reference = try store.create(Self.submission(about: nil), at: Self.start)
            let other = try store.create(Self.submission(about: nil), at: Self.start)
            let due = try #require(CalendarDate(iso: "2026-10-07"))
            let id = try store.addTask(
                reference,
                text: "call the course tutor",
                owner: "kim",
                due: due,
                actor: "desk:alex",
                at: Self.start + 60
            )
            let tasks = try store.tasks(of: reference)
            #expect(tasks.map(\.text) == ["call the course tutor"])
            #expect(tasks.first?.owner == "kim" && tasks.first?.dueDay == due && tasks.first?.isDone == false)
            #expect(try store.tasks(of: other).isEmpty)
            // The text is sealed: it is nowhere in the database file in the clear.
            let bytes = try Data(contentsOf: directory.url.appendingPathComponent("s.sqlite"))
            #expect(bytes.range(of: Data("call the course tutor".utf8)) == nil)
            // A task id with another record's reference is not found (no IDOR through the form).
            #expect(throws: StorageError.self) {
                try store.completeTask(other, task: id, actor: "desk:alex", at: Self.start + 120)
            }
            try store.completeTask(reference, task: id, actor: "desk:kim", at: Self.start + 120)
            #expect(throws: StorageError.self) {
                try store.completeTask(reference, task: id, actor: "desk:kim", at: Self.start + 180)
            }
            let done = try #require(try store.tasks(of: reference).first)
            #expect(done.completedBy == "desk:kim" && done.completedAt == Self.start + 120)
            let events = try store.audit(reference, actor: "t", at: Self.start + 200)
            #expect(
                events.contains {
                    $0.action == "task_added" && $0.actor == "desk:alex"
                        && $0.reason == "task \(id) for desk:kim, due 2026-10-07"
                }
            )
            #expect(events.contains { $0.action == "task_completed" && $0.actor == "desk:kim" })
            #expect(!events.contains { ($0.reason ?? "").contains("course tutor") })
        }
    }

    @Test func theQueueCountsOpenAndOverdueTasksAndFiltersOverdue() throws {
        try TemporaryDirectory.with { directory in
            let store = ConcernStore(database: try Self.database(directory))
            let late = try store.create(Self.submission(about: nil), at: Self.start)
            let onTime = try store.create(Self.submission(about: nil), at: Self.start + 10)
            let none = try store.create(Self.submission(about: nil), at: Self.start + 20)
            let today = CalendarDate(unixSeconds: Self.start)
            try store.addTask(late, text: "a", owner: "kim", due: today, actor: "t", at: Self.start)
            try store.addTask(late, text: "b", owner: "kim", due: today.adding(days: 3), actor: "t", at: Self.start)
            try store.addTask(onTime, text: "c", owner: "kim", due: today.adding(days: 1), actor: "t", at: Self.start)
            // Still on the due day: nothing overdue.
            let sameDay = try store.openQueue(stage: nil, urgentOnly: false, limit: 10, actor: "t", at: Self.start)
            #expect(sameDay.items.map(\.overdueTasks) == [0, 0, 0])
            #expect(sameDay.items.map(\.openTasks) == [2, 1, 0])
            #expect(sameDay.items.first?.nextDue == today)
            // The next day: `late` has one overdue task and is the only one the filter keeps.
            let nextDay = Self.start + 86_400
            let all = try store.openQueue(stage: nil, urgentOnly: false, limit: 10, actor: "t", at: nextDay)
            #expect(all.items.map(\.reference) == [late, onTime, none])
            #expect(all.items.map(\.overdueTasks) == [1, 0, 0])
            let overdue = try store.openQueue(
                stage: nil,
                urgentOnly: false,
                overdueOnly: true,
                limit: 10,
                actor: "t",
                at: nextDay
            )
            #expect(overdue.items.map(\.reference) == [late] && overdue.total == 1)
            let first = try #require(try store.tasks(of: late).first)
            try store.completeTask(late, task: first.id, actor: "t", at: nextDay)
            let after = try store.openQueue(
                stage: nil,
                urgentOnly: false,
                overdueOnly: true,
                limit: 10,
                actor: "t",
                at: nextDay
            )
            #expect(after.total == 0)
        }
    }

    @Test func theNameIsNormalisedBeforeItIsKeyed() {
        #expect(SubjectIndex.normalise("  Smith,  JOHN ") == SubjectIndex.normalise("john smith"))
        #expect(SubjectIndex.normalise("Zoë Brontë") == SubjectIndex.normalise("zoe bronte"))
        #expect(SubjectIndex.normalise("S1234567") == "s1234567")
        #expect(SubjectIndex.normalise("J") == nil)
        #expect(SubjectIndex.normalise("john smith") != SubjectIndex.normalise("jane smith"))
    }

    /// A worried member of staff types what they do not know instead of skipping: unrelated records must not be
    /// linked as the same person through "don't know".
    @Test(arguments: [
        "don't know", "Dont know", "I don't know", "not sure", "Unknown", "no idea", "N/A", "none", "anonymous",
        "rather not say", "I do not know their name", "can't remember", "not known", "no name given",
    ])
    func anAnswerThatGivesNoNameIsNotKeyed(_ answer: String) {
        #expect(SubjectIndex.normalise(answer) == nil, "\(answer) would link unrelated records")
    }

    @Test func recordsAboutTheSamePersonAreLinkedWithoutTheNameInTheClearAndStayLinkedAfterRotation() throws {
        try TemporaryDirectory.with { directory in
            let file = directory.url.appendingPathComponent("s.sqlite")
            let oldKey = EncryptionKey.generate()
            let newKey = EncryptionKey.generate()
            let first: String
            let second: String
            let third: String
            let stranger: String
            do {
                let database = try AppDatabase(file: file, key: oldKey)
                let store = ConcernStore(database: database)
                first = try store.create(Self.submission(about: "Jordan Quillfeather"), at: Self.start)
                stranger = try store.create(Self.submission(about: "Robin Marsh"), at: Self.start + 10)
                second = try store.create(Self.submission(about: "QUILLFEATHER, Jordan"), at: Self.start + 20)
                third = try store.create(Self.submission(about: nil), at: Self.start + 30)
                #expect(try store.samePerson(as: second).map(\.reference) == [first])
                #expect(try store.samePerson(as: first).map(\.reference) == [second])
                #expect(try store.samePerson(as: stranger).isEmpty)
                #expect(try store.samePerson(as: third).isEmpty, "no name, no link")
                #expect(try store.isSamePerson(first, as: second))
                #expect(try !store.isSamePerson(stranger, as: second))
                #expect(try store.rotate(to: newKey) >= 1)
            }
            let bytes = try Data(contentsOf: file)
            #expect(bytes.range(of: Data("quillfeather".utf8)) == nil)
            #expect(bytes.range(of: Data("Quillfeather".utf8)) == nil)
            let reopened = ConcernStore(database: try AppDatabase(file: file, key: newKey))
            #expect(try reopened.samePerson(as: second).map(\.reference) == [first])
            // A record stored after the rotation is keyed with the new key and links to the older two.
            let fourth = try reopened.create(Self.submission(about: "jordan quillfeather"), at: Self.start + 40)
            #expect(try reopened.samePerson(as: fourth).map(\.reference) == [first, second])
        }
    }

    @Test func aPurgedRecordLeavesTheSamePersonIndexAndItsTasksLoseTheirText() throws {
        try TemporaryDirectory.with { directory in
            let store = ConcernStore(database: try Self.database(directory))
            let kept = try store.create(Self.submission(about: "Jordan Quillfeather"), at: Self.start)
            let purged = try store.create(Self.submission(about: "Jordan Quillfeather"), at: Self.start + 10)
            let due = CalendarDate(unixSeconds: Self.start).adding(days: 3)
            try store.addTask(purged, text: "call the course tutor", owner: "kim", due: due, actor: "t", at: Self.start)
            try store.update(
                purged,
                stage: .closed,
                resolution: .noFurtherAction,
                note: "No further action needed",
                actor: "t",
                at: Self.start + 20
            )
            #expect(try store.samePerson(as: kept).map(\.reference) == [purged])
            let later = try #require(CalendarDate(iso: "2028-01-01"))
            let policy = RetentionPolicy(months: [.noFurtherAction: 12])
            #expect(
                try store.purge(policy: policy, today: later, actor: "t", at: Self.start + 30, dryRun: false) == [
                    purged
                ]
            )
            #expect(try store.samePerson(as: kept).isEmpty)
            #expect(try store.tasks(of: purged).map(\.text) == [""], "the task stays, its text does not")
        }
    }
}
