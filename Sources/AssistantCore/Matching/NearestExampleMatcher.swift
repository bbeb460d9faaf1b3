import TextNormalization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The baseline matcher: TF-IDF vectors of word unigrams and bigrams, cosine similarity to the nearest training
/// example of each intent.
///
/// Simple and honest, kept as the reference the trained classifier is measured against (`eval --matcher baseline`).
/// Scores are cosine similarities, not calibrated probabilities.
public struct NearestExampleMatcher: IntentMatcher {
    /// Decision thresholds.
    public struct Options: Sendable, Hashable {
        /// Below this best similarity the message is out of scope.
        public var threshold: Double
        /// When the two best intents are closer than this, ask which was meant.
        public var ambiguityMargin: Double

        public init(threshold: Double = 0.3, ambiguityMargin: Double = 0.03) {
            self.threshold = threshold
            self.ambiguityMargin = ambiguityMargin
        }
    }

    private struct Vector: Sendable {
        var terms: [Int: Double]
    }

    private let normalizer = TextNormalizer()
    private let vocabulary: [String: Int]
    private let idf: [Double]
    private let examples: [(label: String, vector: Vector)]
    private let options: Options

    public init(examples labelled: [LabeledText], options: Options = Options()) {
        var vocabulary: [String: Int] = [:]
        var documentFrequency: [Int] = []
        let termLists = labelled.map { Self.terms(TextNormalizer().tokens($0.text)) }
        for terms in termLists {
            for term in Set(terms) {
                if let index = vocabulary[term] {
                    documentFrequency[index] += 1
                } else {
                    vocabulary[term] = documentFrequency.count
                    documentFrequency.append(1)
                }
            }
        }
        let count = Double(max(labelled.count, 1))
        let idf = documentFrequency.map { 1 + log(count / Double($0)) }
        self.vocabulary = vocabulary
        self.idf = idf
        self.examples = zip(labelled, termLists).map { example, terms in
            (example.label, Self.vector(terms, vocabulary: vocabulary, idf: idf))
        }
        self.options = options
    }

    public func classify(_ text: String) -> Classification {
        let query = Self.vector(Self.terms(normalizer.tokens(text)), vocabulary: vocabulary, idf: idf)
        var best: [String: Double] = [:]
        for example in examples {
            var dot = 0.0
            for (term, weight) in query.terms { dot += weight * (example.vector.terms[term] ?? 0) }
            if dot > best[example.label, default: -1] { best[example.label] = dot }
        }
        let outOfScope = best.removeValue(forKey: Intent.outOfScopeID) ?? 0
        let ranked = best.map { ScoredIntent(id: $0.key, score: max(0, $0.value)) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        guard let first = ranked.first, first.score >= options.threshold, first.score > outOfScope else {
            return Classification(ranked: ranked, decision: .outOfScope)
        }
        if ranked.count > 1, first.score - ranked[1].score < options.ambiguityMargin {
            return Classification(ranked: ranked, decision: .ambiguous(first.id, ranked[1].id))
        }
        return Classification(ranked: ranked, decision: .matched(first.id))
    }

    private static func terms(_ tokens: [String]) -> [String] {
        var terms = tokens
        if tokens.count > 1 {
            for index in 1..<tokens.count { terms.append(tokens[index - 1] + " " + tokens[index]) }
        }
        return terms
    }

    private static func vector(_ terms: [String], vocabulary: [String: Int], idf: [Double]) -> Vector {
        var counts: [Int: Double] = [:]
        for term in terms {
            if let index = vocabulary[term] { counts[index, default: 0] += 1 }
        }
        var norm = 0.0
        for (index, count) in counts {
            let weight = (1 + log(count)) * idf[index]
            counts[index] = weight
            norm += weight * weight
        }
        norm = norm.squareRoot()
        guard norm > 0 else { return Vector(terms: counts) }
        return Vector(terms: counts.mapValues { $0 / norm })
    }
}
