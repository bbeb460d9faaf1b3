#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TF-IDF vectors of stemmed words (``SearchAnalyzer``), word pairs and character trigrams for a fixed set of
/// texts, unit length, for ``QuestionClusterer``.
struct NGramVectors {
    private let vectors: [[String: Double]]

    init(_ texts: [String]) {
        let analyzer = SearchAnalyzer()
        let counts = texts.map { Self.features(analyzer.terms($0)) }
        var documentFrequency: [String: Int] = [:]
        for features in counts { for key in features.keys { documentFrequency[key, default: 0] += 1 } }
        let total = Double(max(texts.count, 1))
        vectors = counts.map { features in
            var vector: [String: Double] = [:]
            for (key, count) in features {
                let idf = log((1 + total) / (1 + Double(documentFrequency[key] ?? 0))) + 1
                vector[key] = (1 + log(Double(count))) * idf
            }
            let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? vector.mapValues { $0 / norm } : vector
        }
    }

    /// The cosine of texts `i` and `j`.
    func cosine(_ i: Int, _ j: Int) -> Double {
        let (small, large) = vectors[i].count <= vectors[j].count ? (vectors[i], vectors[j]) : (vectors[j], vectors[i])
        var sum = 0.0
        for (key, value) in small { sum += value * (large[key] ?? 0) }
        return sum
    }

    /// Words (weight 1 each), word pairs, and character trigrams of each word (at a third of a word's weight).
    private static func features(_ terms: [String]) -> [String: Int] {
        var features: [String: Int] = [:]
        for (index, term) in terms.enumerated() {
            features["w:" + term, default: 0] += 3
            if index + 1 < terms.count { features["b:" + term + " " + terms[index + 1], default: 0] += 2 }
            let characters = Array("<" + term + ">")
            if characters.count >= 3 {
                for start in 0...(characters.count - 3) {
                    features["c:" + String(characters[start..<(start + 3)]), default: 0] += 1
                }
            }
        }
        return features
    }
}
