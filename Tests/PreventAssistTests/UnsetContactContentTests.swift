import AssistantCore
import KnowledgeLoader
import Testing

/// The shipped content with nothing configured (the `make run` default): every article reads its contacts as roles,
/// with the "not set up yet" note at most once, and never leaves a contact line empty.
struct UnsetContactContentTests {
    @Test func everyArticleReadsUnsetContactsAsRolesOnce() throws {
        let wording = try #require(Repository.loaded.unsetWording)
        let composer = AnswerComposer(
            knowledge: Repository.loaded.knowledgeBase,
            institution: InstitutionProfile().with(wording)
        )
        for article in Repository.loaded.articles.map(\.value) {
            for detail in [AnswerComposer.Detail.short, .full] {
                let text = composer.render(article: article, detail: detail)
                #expect(!text.contains(InstitutionProfile.notConfigured), "\(article.id)")
                #expect(text.ranges(of: wording.note).count <= 1, "\(article.id): the note twice")
                let emptyLines = text.split(separator: "\n").filter { $0.hasSuffix(":**") || $0.hasSuffix(":** ") }
                #expect(emptyLines.isEmpty, "\(article.id): empty contact line \(emptyLines)")
                let strayLines = text.split(separator: "\n").filter { $0.first.map { ".,;:)".contains($0) } ?? false }
                #expect(strayLines.isEmpty, "\(article.id): a line left starting with punctuation \(strayLines)")
            }
        }
    }
}
