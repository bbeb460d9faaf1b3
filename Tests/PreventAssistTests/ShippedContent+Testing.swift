import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import PreventAssistTesting

/// The repository's own content and files, read from the checkout (not the bundle), so tests check what is committed.
enum Repository {
    static let root = SharedAssistant.repository

    static let loaded = KnowledgeDirectory(root: root).load()

    static var questionsFile: URL { root.appendingPathComponent("Tests/PreventAssistTests/Resources/kb-questions.tsv") }

    /// The built `prevent-assist` binary, next to the test bundle.
    static var binary: URL {
        let beside = Bundle.main.bundleURL.appendingPathComponent("prevent-assist")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return root.appendingPathComponent(".build/debug/prevent-assist")
    }
}
