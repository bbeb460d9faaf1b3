import AssistantCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SafeguardingDesk
import Storage
import Testing

/// The content-health page: moderators only, articles past review, snippets waiting with Approve and Reject
/// (through the snippet store, audited), every snippet's text escaped.
@Suite(.timeLimit(.minutes(2)))
struct DeskContentHealthTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text) ?? CalendarDate(unixSeconds: 0) }

    static let content = DeskContent(
        articles: [
            .init(id: "stale-article", title: "An <i>old</i> article", reviewDue: Self.day("2026-01-31")),
            .init(id: "due-today", title: "Due today", reviewDue: Self.day("2026-10-05")),
            .init(id: "fresh-article", title: "Fresh", reviewDue: Self.day("2027-06-30")),
        ],
        moderators: ["desk:lee"]
    )

    static let hostile = Snippet(
        title: "<script>alert('title')</script>",
        whatWasDone: "We ran <img src=x onerror=alert(1)> sessions for new tutors every term with the Prevent lead.",
        whyItWorked: "\"><script>alert(2)</script> people asked questions early.",
        tags: [.training]
    )

    @Test func aModeratorSeesArticlesPastReviewAndEscapedSnippetsAndApprovesOne() async throws {
        let bed = try await DeskTestBed(content: Self.content)
        try bed.addUser("mo", role: .moderator)
        let snippets = SnippetStore(database: bed.database)
        let first = try snippets.submit(Self.hostile, author: "matrix:@a:example.ac.uk", at: bed.clock.now)
        let second = try snippets.submit(Self.hostile, author: "matrix:@b:example.ac.uk", at: bed.clock.now)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let signedIn = try await browser.signIn("mo", password: DeskTestBed.password, code: bed.code())
            #expect(signedIn.status == .seeOther)
            #expect(try await browser.get("/").headers[.location] == "/content")
            let page = try await browser.get("/content")
            let body = DeskBrowser.text(page)
            #expect(page.status == .ok)
            #expect(body.contains("stale-article") && body.contains("An &lt;i&gt;old&lt;/i&gt; article"))
            #expect(!body.contains("due-today") && !body.contains("fresh-article"))
            #expect(!body.contains("<script>alert") && !body.contains("<img src=x") && !body.contains("<i>old"))
            #expect(body.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
            #expect(body.contains("&lt;img src=x onerror=alert(1)&gt;"))
            let csrf = try #require(DeskBrowser.csrf(page))
            #expect(try await browser.post("/content/snippets/\(first)/approve", ["note": "x"]).status == .forbidden)
            let approved = try await browser.post("/content/snippets/\(first)/approve", ["csrf": csrf])
            #expect(approved.status == .seeOther && approved.headers[.location] == "/content")
            let noReason = try await browser.post("/content/snippets/\(second)/reject", ["csrf": csrf])
            #expect(noReason.status == .badRequest)
            let rejected = try await browser.post(
                "/content/snippets/\(second)/reject",
                ["csrf": csrf, "reason": "it names a student's course"]
            )
            #expect(rejected.status == .seeOther)
            #expect(try await browser.post("/content/snippets/GP-9999/approve", ["csrf": csrf]).status == .notFound)
            #expect(try await browser.post("/content/snippets/../approve", ["csrf": csrf]).status == .notFound)
            #expect(try await browser.get("/queue").status == .forbidden, "a moderator has no record rights")
        }
        #expect(try snippets.snippet(first)?.status == .approved)
        #expect(try snippets.snippet(second)?.status == .rejected)
        #expect(try snippets.events(first).contains { $0.actor == "desk:mo" && $0.action == "approved" })
        let audit = try ConcernStore(database: bed.database).generalAudit(actor: "test", at: bed.clock.now)
        #expect(audit.contains { $0.actor == "desk:mo" && $0.action == "snippet_approved" && $0.reason == first })
        #expect(audit.contains { $0.actor == "desk:mo" && $0.action == "snippet_rejected" && $0.reason == second })
    }

    @Test func aLeadWhoIsNotAModeratorIsRefusedAndTheAttemptIsAudited() async throws {
        let bed = try await DeskTestBed(content: Self.content)
        try bed.addUser("alex", role: .lead)
        try bed.addUser("lee", role: .lead)
        let id = try SnippetStore(database: bed.database).submit(Self.hostile, author: "matrix:@a:x", at: bed.clock.now)
        try await bed.run { client in
            let alex = DeskBrowser(client)
            _ = try await alex.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(try await alex.get("/content").status == .forbidden)
            let csrf = try #require(DeskBrowser.csrf(try await alex.get("/queue")))
            #expect(try await alex.post("/content/snippets/\(id)/approve", ["csrf": csrf]).status == .forbidden)
            // A lead listed under snippets.moderators as desk:lee moderates too.
            bed.clock.advance(30)
            let lee = DeskBrowser(client)
            _ = try await lee.signIn("lee", password: DeskTestBed.password, code: bed.code())
            #expect(try await lee.get("/content").status == .ok)
        }
        #expect(try SnippetStore(database: bed.database).snippet(id)?.status == .pending)
        let audit = try ConcernStore(database: bed.database).generalAudit(actor: "test", at: bed.clock.now)
        #expect(
            audit.contains {
                $0.actor == "desk:alex" && $0.action == "access_refused" && $0.reason == "moderate content"
            }
        )
    }
}
