import AssistantCore
import Storage
import Synchronization

/// The search index over shipped and approved snippets and the feedback tally, each rebuilt only when its version in
/// the store changes: a snippet approved or edited re-indexes, a vote only re-reads the tally, so neither a search
/// nor a vote in chat re-indexes everything.
final class SnippetIndexCache: Sendable {
    struct Entry: Sendable {
        let version: Int64
        let index: SnippetSearchIndex
        let records: [String: SnippetRecord]
    }

    private let entry = Mutex<Entry?>(nil)
    private let tally = Mutex<(version: String, feedback: [String: SnippetSearchIndex.Feedback])?>(nil)

    /// The index for content `version`, built by `build` when the cached one is older.
    func index(version: Int64, build: () throws(StorageError) -> Entry) throws(StorageError) -> Entry {
        if let cached = entry.withLock({ $0 }), cached.version == version { return cached }
        let built = try build()
        entry.withLock { $0 = built }
        return built
    }

    /// The feedback tally for feedback `version`, read by `read` when the cached one is older.
    func feedback(
        version: String,
        read: () throws(StorageError) -> [String: SnippetSearchIndex.Feedback]
    ) throws(StorageError) -> [String: SnippetSearchIndex.Feedback] {
        if let cached = tally.withLock({ $0 }), cached.version == version { return cached.feedback }
        let fresh = try read()
        tally.withLock { $0 = (version, fresh) }
        return fresh
    }
}
