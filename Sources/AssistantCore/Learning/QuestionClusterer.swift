/// Groups kept questions by closeness in meaning: average-linkage agglomerative clustering on a blend of the
/// word-piece sentence vectors (``TextEmbedder``, when given) and TF-IDF word and character n-grams. Deterministic:
/// the same questions always give the same clusters, with the same ids.
///
/// Pure and in memory; the work grows with the cube of the number of questions, so callers pass at most
/// ``maxQuestions`` (the newest).
public struct QuestionClusterer: Sendable {
    let embedder: (any TextEmbedder)?
    /// Two groups merge while their mean similarity is at least this. The defaults (0.14, half from the vectors,
    /// baseline 0.1) sit in the middle of the range that scored best on the 60-question fixture (purity 0.98, 10
    /// of 12 groups recovered for thresholds 0.12–0.16).
    public let threshold: Double
    /// The share of similarity from the sentence vectors (the rest from n-grams).
    public let vectorWeight: Double
    /// The cosine of the sentence vectors of two unrelated questions, about: similarity counts from there up
    /// (mean word-piece vectors of any two English questions share a large common direction).
    public let vectorBaseline: Double
    /// The most questions clustered at once.
    public static let maxQuestions = 600

    public init(
        embedder: (any TextEmbedder)?,
        threshold: Double = 0.14,
        vectorWeight: Double = 0.5,
        vectorBaseline: Double = 0.1
    ) {
        self.embedder = embedder
        self.threshold = threshold
        self.vectorBaseline = vectorBaseline
        self.vectorWeight = embedder == nil ? 0 : vectorWeight
    }

    /// The clusters of `members`: groups of three or more first (largest first), then smaller ones, ties by id.
    public func clusters(_ members: [QuestionCluster.Member]) -> [QuestionCluster] {
        let items = Array(members.sorted { $0.id < $1.id }.suffix(Self.maxQuestions))
        guard !items.isEmpty else { return [] }
        let similarity = similarities(items.map { Self.withoutPlaceholders($0.text) })
        var groups = items.indices.map { [$0] }
        var linkage = similarity
        var alive = Array(repeating: true, count: items.count)
        while true {
            var best = (i: -1, j: -1, value: threshold)
            for i in groups.indices where alive[i] {
                for j in (i + 1)..<groups.count where alive[j] && linkage[i][j] >= best.value {
                    if best.i < 0 || linkage[i][j] > best.value { best = (i, j, linkage[i][j]) }
                }
            }
            guard best.i >= 0 else { break }
            let (i, j) = (best.i, best.j)
            let (ni, nj) = (Double(groups[i].count), Double(groups[j].count))
            for k in groups.indices where alive[k] && k != i && k != j {
                let merged = (ni * linkage[i][k] + nj * linkage[j][k]) / (ni + nj)
                linkage[i][k] = merged
                linkage[k][i] = merged
            }
            groups[i] += groups[j]
            alive[j] = false
        }
        return groups.indices.filter { alive[$0] }
            .map { group in QuestionCluster(members: groups[group].map { items[$0] }) }
            .sorted { left, right in
                let (bigLeft, bigRight) = (left.count >= 3, right.count >= 3)
                if bigLeft != bigRight { return bigLeft }
                if left.count != right.count { return left.count > right.count }
                return (left.members.first?.id ?? 0) < (right.members.first?.id ?? 0)
            }
    }

    /// Pairwise similarity of `texts` (1 on the diagonal).
    func similarities(_ texts: [String]) -> [[Double]] {
        let grams = NGramVectors(texts)
        let vectors = embedder.map { embedder in texts.map { embedder.unitVector($0) } }
        var matrix = Array(repeating: Array(repeating: 0.0, count: texts.count), count: texts.count)
        for i in texts.indices {
            matrix[i][i] = 1
            for j in (i + 1)..<texts.count {
                var value = (1 - vectorWeight) * grams.cosine(i, j)
                if let vectors {
                    let cosine = Double(Self.dot(vectors[i], vectors[j]))
                    value += vectorWeight * max(0, (cosine - vectorBaseline) / (1 - vectorBaseline))
                }
                matrix[i][j] = value
                matrix[j][i] = value
            }
        }
        return matrix
    }

    static func dot(_ left: [Float], _ right: [Float]) -> Float {
        var sum: Float = 0
        for index in 0..<min(left.count, right.count) { sum += left[index] * right[index] }
        return sum
    }

    /// The text without ``QuestionDeidentifier`` placeholders, which say nothing about meaning.
    static func withoutPlaceholders(_ text: String) -> String {
        var result = text
        for placeholder in ["[name]", "[email]", "[phone]", "[id]", "[date]", "[room]"] {
            result = result.split(separator: placeholder, omittingEmptySubsequences: false).joined(separator: " ")
        }
        return result
    }
}
