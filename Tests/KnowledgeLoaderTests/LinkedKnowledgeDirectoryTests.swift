import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// A knowledge base whose `intents/` and `knowledge/` are symbolic links (as the repository's top-level folders are,
/// to the content target's folder) loads exactly as the folders they point to. Foundation on Linux lists a linked
/// folder given as a URL as empty, without an error, so `--kb .` at the top of the repository once found no intents.
struct LinkedKnowledgeDirectoryTests {
    static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PreventAssistContent", isDirectory: true)

    @Test func linkedFoldersLoadTheSameIntentsArticlesAndSafetyRules() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for name in ["intents", "knowledge"] {
            try FileManager.default.createSymbolicLink(
                at: directory.url.appendingPathComponent(name),
                withDestinationURL: Self.content.appendingPathComponent(name)
            )
        }
        let real = KnowledgeDirectory(root: Self.content).load()
        let linked = KnowledgeDirectory(root: directory.url).load()
        #expect(!real.intents.isEmpty)
        #expect(linked.intents.map(\.value.id) == real.intents.map(\.value.id))
        #expect(linked.articles.map(\.value.id) == real.articles.map(\.value.id))
        #expect(linked.safety != nil)
        #expect(linked.loadProblems.isEmpty, "\(linked.loadProblems)")
        // Problems name the files as the author sees them: under the linked folder, relative to the root.
        #expect(linked.intents.allSatisfy { $0.location.file.hasPrefix("intents/") })
    }
}
