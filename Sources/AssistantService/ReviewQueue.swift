public import AssistantCore
public import Storage

/// The review queue as reviewers see it: the open kept questions, clustered by closeness in meaning
/// (``QuestionClusterer`` on the shipped word-piece vectors and n-grams).
public struct ReviewQueue: Sendable {
    public let store: LearningStore
    let clusterer: QuestionClusterer

    public init(database: AppDatabase, embedder: (any TextEmbedder)? = TokenVectorEmbedder.shipped) {
        store = LearningStore(database: database)
        clusterer = QuestionClusterer(embedder: embedder)
    }

    /// Clusters of the open questions, groups of three or more first.
    public func clusters() throws(StorageError) -> [QuestionCluster] {
        let members = try store.questions(status: "open").map {
            QuestionCluster.Member(id: $0.id, text: $0.question.text, candidates: $0.question.candidates)
        }
        return clusterer.clusters(members)
    }

    /// The open cluster with `id` (`C12`, case-insensitive), or `nil`.
    public func cluster(_ id: String) throws(StorageError) -> QuestionCluster? {
        try clusters().first { $0.id.lowercased() == id.lowercased() }
    }
}
