import AssistantCore
import Storage
import Synchronization

/// The search index over shipped and approved snippets, rebuilt only when the store's version changes (a snippet
/// approved, edited or rated), so a search in chat does not re-index everything.
final class SnippetIndexCache: Sendable {
    struct Entry: Sendable {
        let version: String
        let index: SnippetSearchIndex
        let records: [String: SnippetRecord]
    }

    private let entry = Mutex<Entry?>(nil)

    /// The index for `version`, built by `build` when the cached one is older.
    func index(version: String, build: () throws(StorageError) -> Entry) throws(StorageError) -> Entry {
        if let cached = entry.withLock({ $0 }), cached.version == version { return cached }
        let built = try build()
        entry.withLock { $0 = built }
        return built
    }
}
