import AssistantCore
import AssistantService
import Foundation
import Testing

/// Kept questions cluster by meaning (issue #21): 60 questions in 12 known groups of 5 paraphrases
/// (`Resources/review-clusters.tsv`), clustered with the shipped word-piece vectors and n-grams. Prints the purity
/// (share of questions in their cluster's majority group) and how many groups are recovered (a cluster whose
/// majority is the group holds at least 4 of its 5 questions).
struct ReviewClusteringTests {
    static let fixture = Repository.root.appendingPathComponent(
        "Tests/PreventAssistTests/Resources/review-clusters.tsv"
    )

    static func rows() throws -> [(group: String, text: String)] {
        try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { line in
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                return (parts[0], parts[1])
            }
    }

    struct Score {
        let purity: Double
        let recovered: Int
        let clusters: Int
    }

    static func score(_ clusters: [QuestionCluster], groups: [Int64: String]) -> Score {
        var majority = 0
        var recovered: Set<String> = []
        for cluster in clusters {
            var counts: [String: Int] = [:]
            for member in cluster.members { counts[groups[member.id] ?? "?", default: 0] += 1 }
            guard let top = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else {
                continue
            }
            majority += top.value
            if top.value >= 4 { recovered.insert(top.key) }
        }
        let total = clusters.reduce(0) { $0 + $1.count }
        return Score(
            purity: Double(majority) / Double(max(total, 1)),
            recovered: recovered.count,
            clusters: clusters.count
        )
    }

    @Test func sixtyQuestionsInTwelveGroupsClusterByMeaning() throws {
        let rows = try Self.rows()
        #expect(rows.count == 60)
        #expect(Set(rows.map(\.group)).count == 12)
        let members = rows.enumerated().map { index, row in
            QuestionCluster.Member(id: Int64(index + 1), text: row.text, candidates: [])
        }
        let groups = Dictionary(
            uniqueKeysWithValues: rows.enumerated().map { (Int64($0.offset + 1), $0.element.group) }
        )
        let embedder = try #require(TokenVectorEmbedder.shipped)
        let clusters = QuestionClusterer(embedder: embedder).clusters(members)
        let score = Self.score(clusters, groups: groups)
        print(
            "review clustering: purity \(String(format: "%.3f", score.purity)), groups recovered \(score.recovered)/12, "
                + "\(score.clusters) clusters (\(clusters.filter { $0.count >= 3 }.count) of 3 or more)"
        )
        let words = Self.score(QuestionClusterer(embedder: nil).clusters(members), groups: groups)
        print(
            "review clustering, n-grams only: purity \(String(format: "%.3f", words.purity)), groups recovered "
                + "\(words.recovered)/12, \(words.clusters) clusters"
        )
        #expect(score.purity >= 0.85)
        #expect(score.recovered >= 10)
        #expect(QuestionClusterer(embedder: embedder).clusters(members) == clusters)
    }

    @Test func clustersOfThreeOrMoreComeFirstWithStableIDs() throws {
        let members = [
            "where can visitors park", "is there parking for visitors", "visitor parking on campus",
            "what time does the library open", "library opening hours",
        ].enumerated().map { QuestionCluster.Member(id: Int64($0.offset + 10), text: $0.element, candidates: []) }
        let clusters = QuestionClusterer(embedder: TokenVectorEmbedder.shipped).clusters(members)
        #expect(clusters.map(\.count) == [3, 2])
        #expect(clusters.map(\.id) == ["C10", "C13"])
    }
}
