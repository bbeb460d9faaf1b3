import AssistantCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SafeguardingDesk
import Storage
import Testing

/// Tasks and same-person links through the desk's routes: added and completed from the record page, shown in the
/// queue with the overdue filter, refused for a non-lead owner or a bad day, escaped; links to records about the
/// same person, each opening audited.
@Suite(.timeLimit(.minutes(2)))
struct DeskTaskRouteTests {
    /// Signs `alex` in and gives the session's reason for reading; returns the CSRF token.
    func signInWithReason(_ browser: DeskBrowser, bed: DeskTestBed, reference: String) async throws -> String {
        _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
        let csrf = try #require(DeskBrowser.csrf(try await browser.get("/queue")))
        _ = try await browser.post("/concerns/\(reference)/reason", ["csrf": csrf, "reason": "triage of new reports"])
        return csrf
    }

    @Test func aTaskIsAddedShownInTheQueueBecomesOverdueAndIsCompleted() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try bed.addUser("kim", role: .lead)
        try bed.addUser("aud", role: .auditor)
        let reference = try bed.addConcern(text: "seen at the library")
        let other = try bed.addConcern(text: "another record")
        let today = CalendarDate(unixSeconds: bed.clock.now)
        let tomorrow = today.adding(days: 1)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let csrf = try await signInWithReason(browser, bed: bed, reference: reference)
            let task = ["csrf": csrf, "text": "call the <b>tutor</b>", "owner": "kim", "due": tomorrow.description]
            var toAuditor = task
            toAuditor["owner"] = "aud"
            #expect(try await browser.post("/concerns/\(reference)/task", toAuditor).status == .badRequest)
            var badDay = task
            badDay["due"] = "2026-02-30"
            #expect(try await browser.post("/concerns/\(reference)/task", badDay).status == .badRequest)
            var past = task
            past["due"] = today.adding(days: -1).description
            #expect(try await browser.post("/concerns/\(reference)/task", past).status == .badRequest)
            #expect(try await browser.post("/concerns/\(reference)/task", task).status == .seeOther)
            let page = DeskBrowser.text(try await browser.get("/concerns/\(reference)"))
            #expect(page.contains("call the &lt;b&gt;tutor&lt;/b&gt;") && !page.contains("<b>tutor"))
            #expect(page.contains(tomorrow.description) && page.contains("kim"))
            let queue = DeskBrowser.text(try await browser.get("/queue"))
            #expect(queue.contains("1 open, due \(tomorrow)"))
            #expect(!DeskBrowser.text(try await browser.get("/queue?overdue=1")).contains(reference))
            // Two days later the task is overdue: marked in the queue and kept by the filter.
            bed.clock.advance(2 * 86_400)
            let csrfLater = try await signInAgain(browser, bed: bed)
            let late = DeskBrowser.text(try await browser.get("/queue?overdue=1"))
            #expect(late.contains(reference) && !late.contains(other))
            #expect(late.contains("1 overdue"))
            let id = try #require(try ConcernStore(database: bed.database).tasks(of: reference).first?.id)
            // The task's id with another record's reference is not found.
            let wrong = try await browser.post(
                "/concerns/\(other)/task/complete",
                ["csrf": csrfLater, "task": "\(id)"]
            )
            #expect(wrong.status == .notFound)
            let done = try await browser.post(
                "/concerns/\(reference)/task/complete",
                ["csrf": csrfLater, "task": "\(id)"]
            )
            #expect(done.status == .seeOther)
            #expect(!DeskBrowser.text(try await browser.get("/queue?overdue=1")).contains(reference))
        }
        let events = try ConcernStore(database: bed.database).audit(reference, actor: "test", at: bed.clock.now)
        #expect(events.contains { $0.actor == "desk:alex" && $0.action == "task_added" })
        #expect(events.contains { $0.actor == "desk:alex" && $0.action == "task_completed" })
    }

    /// Sessions end after 15 idle minutes: signs in again (with a fresh TOTP step) and gives the reason again.
    func signInAgain(_ browser: DeskBrowser, bed: DeskTestBed) async throws -> String {
        _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
        return try #require(DeskBrowser.csrf(try await browser.get("/queue")))
    }

    @Test func theRecordPageLinksRecordsAboutTheSamePersonAndOpeningOneIsAudited() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        let store = ConcernStore(database: bed.database)
        let first = try store.create(
            DeskTaskAndLinkStorageTests.submission(about: "Jordan Quillfeather"),
            at: bed.clock.now
        )
        let stranger = try store.create(DeskTaskAndLinkStorageTests.submission(about: "Robin Marsh"), at: bed.clock.now)
        let second = try store.create(
            DeskTaskAndLinkStorageTests.submission(about: "quillfeather jordan"),
            at: bed.clock.now + 60
        )
        bed.clock.advance(120)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await signInWithReason(browser, bed: bed, reference: second)
            let page = DeskBrowser.text(try await browser.get("/concerns/\(second)"))
            #expect(page.contains("href=\"/concerns/\(first)?from=\(second)\""))
            #expect(!page.contains(stranger))
            #expect(try await browser.get("/concerns/\(first)?from=\(second)").status == .ok)
            // A `from` that is not a linked record is ignored (no false link in the audit).
            #expect(try await browser.get("/concerns/\(stranger)?from=\(second)").status == .ok)
        }
        let events = try store.audit(first, actor: "test", at: bed.clock.now)
        #expect(
            events.contains {
                $0.actor == "desk:alex" && $0.action == "same_person_link_opened" && $0.reason == "from \(second)"
            }
        )
        let strangerEvents = try store.audit(stranger, actor: "test", at: bed.clock.now)
        #expect(!strangerEvents.contains { $0.action == "same_person_link_opened" })
    }

    @Test func theReportsPageShowsOpenRecordsByStageAndAgeAndTheTimeToTriage() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        let store = ConcernStore(database: bed.database)
        let quick = try bed.addConcern(text: "first record")
        _ = try bed.addConcern(text: "second record")
        bed.clock.advance(2 * 3600)
        try store.update(quick, stage: .triaged, note: "reviewed with the reporter", actor: "t", at: bed.clock.now)
        bed.clock.advance(10 * 86_400)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let page = DeskBrowser.text(try await browser.get("/reports?year=2026-27"))
            #expect(page.contains("Open records by stage and age"))
            #expect(page.contains("<th scope=\"row\">reported</th><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>"))
            #expect(page.contains("<th scope=\"row\">triaged</th><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>"))
            #expect(page.contains("Time from report to triage"))
            #expect(page.contains("<dd id=\"triage-median\">2 h 0 min</dd>"))
            #expect(page.contains("<dd id=\"triage-p90\">2 h 0 min</dd>"))
            #expect(page.contains("<dd id=\"triage-waiting\">1</dd>"))
        }
    }
}
