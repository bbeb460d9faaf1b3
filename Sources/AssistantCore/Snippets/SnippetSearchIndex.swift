#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ranked search over good-practice snippets: BM25F over title, tags and text (title counts double) and over adjacent
/// word pairs (words used together in order score more), with the matcher's normalisation plus stemming and
/// related-word expansion (``SearchAnalyzer``), a tag filter, and
/// "was this useful?" feedback that moves a snippet up or down within a bounded band (×0.8 to ×1.2), so feedback can
/// reorder close matches but never bury a strong text match under a weak one.
///
/// Which snippets match is decided by their words: those scoring under ``relativeFloor`` of the best word score are
/// left out (they matched only a related word or two). With a ``TextEmbedder``, the ones left are then ranked by
/// ``wordWeight`` × word score (relative to the best) plus the rest × closeness in meaning, so a paraphrase can lift
/// the snippet it describes above one that merely shares more words; meaning never adds a snippet words did not find.
///
/// Built once from the snippets; immutable and `Sendable`. A query touches only the postings of its terms, plus one
/// dot product per matching snippet.
public struct SnippetSearchIndex: Sendable {
    /// One result.
    public struct Hit: Sendable, Hashable {
        public let id: String
        /// The final score: relevance (words, and meaning when known) times the feedback factor.
        public let score: Double
        /// The word score alone (BM25F).
        public let textScore: Double
    }

    /// Votes on one snippet.
    public struct Feedback: Sendable, Hashable {
        public let useful: Int
        public let notUseful: Int

        public init(useful: Int, notUseful: Int) {
            self.useful = useful
            self.notUseful = notUseful
        }

        /// The multiplier on text relevance: 1 with no votes, within (1 − band, 1 + band) however many.
        public var factor: Double {
            1 + SnippetSearchIndex.feedbackBand * tanh(Double(useful - notUseful) / 4)
        }
    }

    private struct Posting: Sendable {
        let document: Int32
        let frequency: Float
    }

    /// How far feedback can move a score either way (a fraction of it).
    public static let feedbackBand = 0.2
    /// Snippets whose word score is under this fraction of the best are left out.
    public static let relativeFloor = 0.3
    /// The share of the ranking that comes from words when meaning is known (the rest is closeness in meaning).
    /// Chosen on half of the benchmark's labelled queries and checked on the other half (`bench/RESULTS.md`).
    public static let wordWeight = 0.3
    static let k1 = 1.2
    static let b = 0.75
    static let fieldWeights = (title: 2.0, tags: 1.5, text: 1.0)

    public let ids: [String]
    private let tags: [[SnippetTag]]
    private let lengths: [Float]
    private let averageLength: Double
    private let postings: [String: [Posting]]
    private let analyzer = SearchAnalyzer()
    private let embedder: (any TextEmbedder)?
    /// Each snippet's meaning vector, one after another (empty without an embedder).
    private let meanings: [Float]
    private let dimensions: Int

    /// Indexes `records` (any status: callers pass what the searcher may see), with their meaning when `embedder`
    /// is given. Feedback is not part of the index: it changes with every vote, so each search takes the current
    /// tally.
    public init(_ records: [SnippetRecord], embedder: (any TextEmbedder)? = nil) {
        var postings: [String: [Posting]] = [:]
        var lengths: [Float] = []
        lengths.reserveCapacity(records.count)
        let analyzer = SearchAnalyzer()
        for (index, record) in records.enumerated() {
            var frequencies: [String: Double] = [:]
            var length = 0.0
            let snippet = record.snippet
            let fields: [(String, Double)] = [
                (snippet.title, Self.fieldWeights.title),
                (snippet.tags.map(\.label).joined(separator: " "), Self.fieldWeights.tags),
                (snippet.whatWasDone + " " + snippet.whyItWorked, Self.fieldWeights.text),
            ]
            for (text, weight) in fields {
                let terms = analyzer.terms(text)
                for term in terms {
                    frequencies[term, default: 0] += weight
                    length += weight
                }
                // Adjacent pairs ("prayer room", "safeguarding lead") reward words that appear together, in order.
                for (first, second) in zip(terms, terms.dropFirst()) {
                    frequencies[first + " " + second, default: 0] += weight
                }
            }
            for (term, frequency) in frequencies {
                postings[term, default: []].append(Posting(document: Int32(index), frequency: Float(frequency)))
            }
            lengths.append(Float(length))
        }
        self.ids = records.map(\.id)
        self.tags = records.map(\.snippet.tags)
        self.lengths = lengths
        self.averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0) { $0 + Double($1) } / Double(lengths.count))
        self.postings = postings
        self.embedder = embedder
        var meanings: [Float] = []
        var dimensions = 0
        if let embedder {
            for record in records {
                let snippet = record.snippet
                let vector = embedder.unitVector(snippet.title + ". " + snippet.whatWasDone + " " + snippet.whyItWorked)
                if dimensions == 0 { dimensions = vector.count }
                meanings += vector.count == dimensions ? vector : [Float](repeating: 0, count: dimensions)
            }
        }
        self.meanings = meanings
        self.dimensions = dimensions
    }

    public var count: Int { ids.count }

    /// The best `limit` snippets for `query`, optionally only those tagged `tag`, best first, each score moved by
    /// the snippet's `feedback` (by id). A query with no known word returns nothing; with only a tag, the tagged
    /// snippets in index order.
    public func search(
        _ query: String,
        tag: SnippetTag? = nil,
        limit: Int = 5,
        feedback: [String: Feedback] = [:]
    ) -> [Hit] {
        let words = analyzer.terms(query)
        let pairs = zip(words, words.dropFirst()).map { (term: $0 + " " + $1, weight: 1.0) }
        let terms = analyzer.queryTerms(query) + pairs
        if terms.isEmpty {
            guard let tag else { return [] }
            return ids.indices.filter { tags[$0].contains(tag) }.prefix(limit).map {
                Hit(id: ids[$0], score: 0, textScore: 0)
            }
        }
        var scores = [Float](repeating: 0, count: ids.count)
        var touched: [Int32] = []
        let total = Double(ids.count)
        for (term, weight) in terms {
            guard let list = postings[term] else { continue }
            let frequency = Double(list.count)
            let idf = Float(log(1 + (total - frequency + 0.5) / (frequency + 0.5)) * weight)
            let k1 = Float(Self.k1)
            let b = Float(Self.b)
            let average = Float(averageLength)
            for posting in list {
                let index = Int(posting.document)
                let tf = posting.frequency
                let norm = k1 * (1 - b + b * lengths[index] / average)
                if scores[index] == 0 { touched.append(posting.document) }
                scores[index] += idf * tf * (k1 + 1) / (tf + norm)
            }
        }
        let candidates = touched.map(Int.init).filter { tag.map(tags[$0].contains) ?? true }
        let best = candidates.map { scores[$0] }.max() ?? 0
        guard best > 0 else { return [] }
        let floor = best * Float(Self.relativeFloor)
        let meaning = meanings.isEmpty ? nil : embedder?.unitVector(query)
        var hits: [(index: Int, score: Float)] = []
        hits.reserveCapacity(candidates.count)
        for index in candidates where scores[index] >= floor {
            var relevance = scores[index]
            if let meaning, meaning.count == dimensions {
                let words = Float(Self.wordWeight)
                relevance = words * scores[index] / best + (1 - words) * closeness(meaning, index)
            }
            let factor = feedback.isEmpty ? 1 : Float(feedback[ids[index]]?.factor ?? 1)
            hits.append((index, relevance * factor))
        }
        let top = Self.top(hits, limit)
        return top.map { Hit(id: ids[$0.index], score: Double($0.score), textScore: Double(scores[$0.index])) }
    }

    /// The dot product of `query` with snippet `index`'s meaning vector.
    private func closeness(_ query: [Float], _ index: Int) -> Float {
        let start = index * dimensions
        var sum: Float = 0
        query.withUnsafeBufferPointer { q in
            meanings.withUnsafeBufferPointer { m in
                for d in 0..<dimensions { sum += q[d] * m[start + d] }
            }
        }
        return sum
    }

    /// The `limit` highest scores, best first (ties by index), without sorting everything.
    private static func top(_ hits: [(index: Int, score: Float)], _ limit: Int) -> [(index: Int, score: Float)] {
        func better(_ a: (index: Int, score: Float), _ b: (index: Int, score: Float)) -> Bool {
            a.score != b.score ? a.score > b.score : a.index < b.index
        }
        guard hits.count > limit * 4 else { return Array(hits.sorted(by: better).prefix(limit)) }
        var best: [(index: Int, score: Float)] = []
        best.reserveCapacity(limit + 1)
        for hit in hits {
            if best.count < limit {
                best.append(hit)
                best.sort(by: better)
            } else if let last = best.last, better(hit, last) {
                best[best.count - 1] = hit
                best.sort(by: better)
            }
        }
        return best
    }
}
