import AssistantCore
import AssistantService
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// The desk's search against a real store: the cached index follows edits and approvals, the cached tally follows
/// votes.
struct SnippetDeskSearchTests {
    let t0: Int64 = 1_795_944_000

    static func snippet(_ title: String, _ text: String) -> Snippet {
        Snippet(
            title: title,
            whatWasDone: text,
            whyItWorked: "Staff knew what to do and whom to tell.",
            tags: [.training]
        )
    }

    @Test func votesReorderResultsAndEditsAreFoundWithoutANewDesk() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let desk = SnippetDesk(database: database, seeds: [], settings: SnippetSettings())
            let store = desk.store
            let first = try store.submit(
                Self.snippet("Staff briefing pack", "A short briefing pack for staff. It is used at induction."),
                author: "console:sam",
                at: t0
            )
            let second = try store.submit(
                Self.snippet("Staff briefing slides", "Slides for a staff briefing. They are used at induction."),
                author: "console:alex",
                at: t0
            )
            try store.approve(first, actor: "console:mod", at: t0 + 1)
            try store.approve(second, actor: "console:mod", at: t0 + 1)

            let before = try desk.search("staff briefing induction", tag: nil, limit: 5).map(\.id)
            #expect(Set(before) == [first, second])
            let favoured = before[1]
            for rater in 0..<10 {
                try store.recordFeedback(favoured, useful: true, rater: "console:rater\(rater)", at: t0 + 2)
            }
            #expect(try desk.search("staff briefing induction", tag: nil, limit: 5).first?.id == favoured)

            #expect(try desk.search("chaplaincy", tag: nil, limit: 5).isEmpty)
            try store.edit(first, title: "Staff briefing pack for the chaplaincy", actor: "console:mod", at: t0 + 3)
            #expect(try desk.search("chaplaincy", tag: nil, limit: 5).map(\.id) == [first])
        }
    }
}
