import AssistantCore
import Foundation
public import Storage

/// `prevent-assist desk bench`: seeds a store with many concerns and times each desk page's server time (the
/// ``DeskApp`` call: session check, audit write, query, template), without the network.
public enum DeskBenchmark {
    /// One page's timings in milliseconds.
    public struct Figure: Sendable {
        public let page: String
        public let p50: Double
        public let p90: Double
        public let maximum: Double
    }

    /// Adds `count` concerns (a tenth urgent; a third triaged; one in twenty escalated; a tenth closed), one every
    /// 100 minutes up to `now`, about 3,000 people (so the same-person index links three or four records each); a
    /// task on one in five (half of them overdue); and 50 snippets waiting for moderation.
    public static func seed(_ database: AppDatabase, count: Int, now: Int64) throws {
        let store = ConcernStore(database: database)
        for index in 0..<count {
            let time = now - Int64(count - index) * 6_000
            let submission = FormSubmission(
                formID: "raise_concern",
                reporterID: "bench:reporter-\(index % 300)",
                urgent: index % 10 == 0,
                fields: [
                    .init(
                        slot: "about",
                        label: "Who it is about",
                        value: "student",
                        display: "a student",
                        sensitivity: .plain
                    ),
                    .init(
                        slot: "subject_name",
                        label: "Name or ID",
                        value: "Person \(index % 3000)",
                        display: "Person \(index % 3000)",
                        sensitivity: .identifying
                    ),
                    .init(
                        slot: "what",
                        label: "What was seen or heard",
                        value: "Benchmark text \(index)",
                        display: "Benchmark text \(index)",
                        sensitivity: .freeText
                    ),
                ]
            )
            let reference = try store.create(submission, at: time)
            if index % 5 == 0 {
                try store.addTask(
                    reference,
                    text: "benchmark task \(index)",
                    owner: "bench",
                    due: CalendarDate(unixSeconds: now).adding(days: index % 10 == 0 ? -3 : 7),
                    actor: "bench",
                    at: time
                )
            }
            if index % 3 == 0 {
                try store.update(
                    reference,
                    stage: .triaged,
                    ideology: .other,
                    note: "benchmark triage note",
                    actor: "bench",
                    at: time + 60
                )
            }
            if index % 20 == 2 {
                try store.update(
                    reference,
                    stage: .escalatedToPreventLead,
                    ideology: .extremeRightWing,
                    note: "benchmark escalation note",
                    actor: "bench",
                    at: time + 90
                )
            }
            if index % 10 == 1 {
                try store.update(
                    reference,
                    stage: .closed,
                    resolution: .noFurtherAction,
                    note: "benchmark closure note",
                    actor: "bench",
                    at: time + 120
                )
            }
        }
        let snippets = SnippetStore(database: database)
        for index in 0..<50 {
            let snippet = Snippet(
                title: "Benchmark snippet \(index)",
                whatWasDone: "A team ran a short briefing for new tutors each term with the safeguarding lead.",
                whyItWorked: "People knew whom to ask before anything happened.",
                tags: [.training]
            )
            try snippets.submit(snippet, author: "bench:author-\(index)", at: now - 3600)
        }
    }

    /// Content for the content-health page: 300 articles (one in six past review), moderated by `desk:bench`.
    public static func content(now: Int64) -> DeskContent {
        let today = CalendarDate(unixSeconds: now)
        return DeskContent(
            articles: (0..<300).map {
                .init(
                    id: "article-\($0)",
                    title: "Article \($0)",
                    reviewDue: today.adding(days: $0 % 6 == 0 ? -30 : 90)
                )
            },
            moderators: ["desk:bench"]
        )
    }

    /// Times each page `iterations` times as a signed-in lead of `app`, whose session id is `sessionID`.
    public static func measure(_ app: DeskApp, sessionID: String, reference: String, iterations: Int) -> [Figure] {
        let cookies = [DeskApp.sessionCookie: sessionID]
        let pages: [(String, DeskRequest, (DeskRequest) -> DeskResponse)] = [
            ("queue", DeskRequest(path: "/queue", cookies: cookies), app.queue),
            (
                "queue (urgent, triaged)",
                DeskRequest(path: "/queue", query: ["urgent": "1", "stage": "triaged"], cookies: cookies), app.queue
            ),
            (
                "concern", DeskRequest(path: "/concerns/\(reference)", cookies: cookies),
                { app.concern($0, reference: reference) }
            ),
            ("alerts", DeskRequest(path: "/alerts", cookies: cookies), app.alertsPage),
            ("audit", DeskRequest(path: "/audit", cookies: cookies), app.audit),
            (
                "audit (one record)", DeskRequest(path: "/audit", query: ["reference": reference], cookies: cookies),
                app.audit
            ),
            ("reports", DeskRequest(path: "/reports", cookies: cookies), app.reports),
            (
                "queue (overdue tasks)", DeskRequest(path: "/queue", query: ["overdue": "1"], cookies: cookies),
                app.queue
            ),
            ("content health", DeskRequest(path: "/content", cookies: cookies), app.contentHealth),
        ]
        let clock = ContinuousClock()
        return pages.map { name, request, handle in
            var samples: [Double] = []
            for _ in 0..<iterations {
                let start = clock.now
                let response = handle(request)
                let elapsed = clock.now - start
                precondition(response.status == 200, "\(name) answered \(response.status)")
                samples.append(
                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                )
            }
            samples.sort()
            return Figure(
                page: name,
                p50: samples[samples.count / 2],
                p90: samples[min(samples.count - 1, samples.count * 9 / 10)],
                maximum: samples.last ?? 0
            )
        }
    }
}
