/// Settings of the sparse text features.
public struct FeatureConfiguration: Sendable, Codable, Hashable {
    /// Word n-gram orders (1 = unigrams, 2 = bigrams).
    public var wordNgramMax: Int
    /// Adds bigrams with sentence start/end markers ("<s> what", "weather </s>").
    public var sentenceMarkers: Bool
    /// Adds pairs of words one apart ("set _ timer").
    public var skipBigrams: Bool
    /// Adds a crude stem of each word as an extra word feature.
    public var stems: Bool
    /// Character n-grams inside word boundaries (words padded with boundary markers).
    public var charNgramMin: Int
    public var charNgramMax: Int
    /// Relative weights of the L2-normalised word block and char block.
    public var wordBlockWeight: Float
    public var charBlockWeight: Float
    /// 1 + log(tf) instead of tf.
    public var sublinearTF: Bool
    /// Features seen in fewer training documents are dropped.
    public var minDocumentFrequency: Int

    public init(
        wordNgramMax: Int = 2,
        sentenceMarkers: Bool = true,
        charNgramMin: Int = 2,
        charNgramMax: Int = 5,
        wordBlockWeight: Float = 1,
        charBlockWeight: Float = 1.3,
        sublinearTF: Bool = true,
        minDocumentFrequency: Int = 2,
        skipBigrams: Bool = false,
        stems: Bool = true
    ) {
        self.stems = stems
        self.skipBigrams = skipBigrams
        self.wordNgramMax = wordNgramMax
        self.sentenceMarkers = sentenceMarkers
        self.charNgramMin = charNgramMin
        self.charNgramMax = charNgramMax
        self.wordBlockWeight = wordBlockWeight
        self.charBlockWeight = charBlockWeight
        self.sublinearTF = sublinearTF
        self.minDocumentFrequency = minDocumentFrequency
    }
}

/// Hashing of n-grams into 64-bit keys. The top bit of a key tells its block: 0 word, 1 char.
enum FeatureHasher {
    static let charBit: UInt64 = 1 << 63
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func fnv(_ seed: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = seed
        var i = start
        while i < end {
            h = (h ^ UInt64(bytes[i])) &* prime
            i += 1
        }
        return h
    }

    @inline(__always)
    static func finish(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Appends the raw (unweighted, repeated) feature keys of a token list.
    static func keys(tokens: [String], config: FeatureConfiguration, into out: inout [UInt64]) {
        let wordSeed = offset
        let bigramSeed = offset ^ 0x9e37_79b9_7f4a_7c15
        let charSeed = offset ^ 0x632b_e59b_d9b4_e019
        var wordHashes: [UInt64] = []
        wordHashes.reserveCapacity(tokens.count + 2)
        var padded: [UInt8] = []
        padded.reserveCapacity(64)
        for token in tokens {
            padded.removeAll(keepingCapacity: true)
            padded.append(0x01)
            padded.append(contentsOf: token.utf8)
            padded.append(0x02)
            padded.withUnsafeBufferPointer { buffer in
                let n = buffer.count
                let wordHash = fnv(wordSeed, buffer, 1, n - 1)
                wordHashes.append(wordHash)
                out.append(finish(wordHash) & ~charBit)
                if config.stems {
                    let stemEnd = stemLength(buffer, 1, n - 1)
                    if stemEnd < n - 1 {
                        out.append(finish(fnv(wordSeed ^ 0x57e4, buffer, 1, stemEnd)) & ~charBit)
                    }
                }
                if config.charNgramMax >= config.charNgramMin && config.charNgramMin >= 1 {
                    for length in config.charNgramMin...config.charNgramMax {
                        if length > n {
                            break
                        }
                        var start = 0
                        while start + length <= n {
                            let h = fnv(charSeed &+ UInt64(length), buffer, start, start + length)
                            out.append(finish(h) | charBit)
                            start += 1
                        }
                    }
                }
            }
        }
        if config.wordNgramMax >= 2 {
            if config.sentenceMarkers && !wordHashes.isEmpty {
                out.append(finish(bigramSeed ^ (wordHashes[0] &* 31) ^ 0x5bd1_e995) & ~charBit)
                out.append(finish(bigramSeed ^ (wordHashes[wordHashes.count - 1] &* 37) ^ 0x1b87_3593) & ~charBit)
            }
            if wordHashes.count >= 2 {
                for i in 0..<(wordHashes.count - 1) {
                    let h = (bigramSeed ^ wordHashes[i]) &* prime ^ (wordHashes[i + 1] &* 0x2545_f491_4f6c_dd1d)
                    out.append(finish(h) & ~charBit)
                }
            }
            if config.wordNgramMax >= 3 && wordHashes.count >= 3 {
                for i in 0..<(wordHashes.count - 2) {
                    var h = (bigramSeed ^ 0x3c6e_f372 ^ wordHashes[i]) &* prime
                    h = (h ^ wordHashes[i + 1]) &* 0x2545_f491_4f6c_dd1d
                    h = (h ^ wordHashes[i + 2]) &* prime
                    out.append(finish(h) & ~charBit)
                }
            }
            if config.skipBigrams && wordHashes.count >= 3 {
                for i in 0..<(wordHashes.count - 2) {
                    let h =
                        (bigramSeed ^ 0x7f4a_7c15 ^ wordHashes[i]) &* prime
                        ^ (wordHashes[i + 2] &* 0x2545_f491_4f6c_dd1d)
                    out.append(finish(h) & ~charBit)
                }
            }
        }
    }

    /// End of a crude stem (plural -s/-es, -ing, -ed, -ly removed) of bytes[start..<end].
    static func stemLength(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let n = end - start
        func ends(_ suffix: [UInt8]) -> Bool {
            guard n > suffix.count + 2 else { return false }
            for (i, c) in suffix.enumerated() where b[end - suffix.count + i] != c { return false }
            return true
        }
        if ends([0x69, 0x6e, 0x67]) { return end - 3 }  // ing
        if ends([0x69, 0x65, 0x73]) { return end - 3 }  // ies
        if ends([0x65, 0x73]) { return end - 2 }  // es
        if ends([0x65, 0x64]) { return end - 2 }  // ed
        if ends([0x6c, 0x79]) { return end - 2 }  // ly
        if ends([0x73]) && b[end - 2] != 0x73 { return end - 1 }  // s but not ss
        return end
    }

    /// Sorts keys and collapses repeats into (key, count) pairs.
    static func counted(_ keys: inout [UInt64]) -> [(key: UInt64, count: Int32)] {
        keys.sort()
        var result: [(key: UInt64, count: Int32)] = []
        result.reserveCapacity(keys.count)
        var i = 0
        while i < keys.count {
            let key = keys[i]
            var j = i + 1
            while j < keys.count && keys[j] == key { j += 1 }
            result.append((key, Int32(j - i)))
            i = j
        }
        return result
    }
}

/// A sparse vector of vocabulary indices and values, indices ascending.
struct SparseVector: Sendable {
    var indices: [Int32]
    var values: [Float]
}

/// The frozen feature space: vocabulary keys, inverse document frequencies and block of each feature.
struct FeatureSpace: Sendable {
    let config: FeatureConfiguration
    /// Sorted keys.
    let keys: [UInt64]
    let idf: [Float]
    let lookup: [UInt64: Int32]

    init(config: FeatureConfiguration, keys: [UInt64], idf: [Float]) {
        self.config = config
        self.keys = keys
        self.idf = idf
        var lookup: [UInt64: Int32] = [:]
        lookup.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            lookup[key] = Int32(index)
        }
        self.lookup = lookup
    }

    var count: Int { keys.count }

    /// Builds the vocabulary from the raw key lists of the training documents.
    static func build(documents: [[(key: UInt64, count: Int32)]], config: FeatureConfiguration) -> FeatureSpace {
        var df: [UInt64: Int32] = [:]
        df.reserveCapacity(documents.count * 16)
        for document in documents {
            for entry in document {
                df[entry.key, default: 0] += 1
            }
        }
        let minimum = Int32(max(1, config.minDocumentFrequency))
        var kept: [(UInt64, Int32)] = []
        kept.reserveCapacity(df.count)
        for (key, count) in df where count >= minimum {
            kept.append((key, count))
        }
        kept.sort { $0.0 < $1.0 }
        let n = Float(documents.count)
        let keys = kept.map { $0.0 }
        let idf = kept.map { (_, count) -> Float in
            Float(Math.log(Double(1 + n) / Double(1 + Float(count)))) + 1
        }
        return FeatureSpace(config: config, keys: keys, idf: idf)
    }

    /// TF-IDF vector with per-block L2 normalisation; unknown keys are ignored.
    func vector(counted: [(key: UInt64, count: Int32)]) -> SparseVector {
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(counted.count)
        values.reserveCapacity(counted.count)
        var wordSquares: Float = 0
        var charSquares: Float = 0
        var blocks: [Bool] = []
        blocks.reserveCapacity(counted.count)
        for entry in counted {
            guard let index = lookup[entry.key] else { continue }
            let tf = config.sublinearTF ? 1 + Float(Math.log(Double(entry.count))) : Float(entry.count)
            let value = tf * idf[Int(index)]
            let isChar = entry.key & FeatureHasher.charBit != 0
            if isChar { charSquares += value * value } else { wordSquares += value * value }
            indices.append(index)
            values.append(value)
            blocks.append(isChar)
        }
        let wordScale = wordSquares > 0 ? config.wordBlockWeight / wordSquares.squareRoot() : 0
        let charScale = charSquares > 0 ? config.charBlockWeight / charSquares.squareRoot() : 0
        for i in values.indices {
            values[i] *= blocks[i] ? charScale : wordScale
        }
        // Keys are sorted, indices follow key order because the vocabulary is sorted by key.
        return SparseVector(indices: indices, values: values)
    }

    func vector(tokens: [String]) -> SparseVector {
        var raw: [UInt64] = []
        raw.reserveCapacity(tokens.count * 24)
        FeatureHasher.keys(tokens: tokens, config: config, into: &raw)
        return vector(counted: FeatureHasher.counted(&raw))
    }
}

@inline(__always)
func naturalLog(_ x: Double) -> Double {
    // Natural logarithm without Foundation: exponent split plus a series on the mantissa.
    guard x > 0 else { return x == 0 ? -.infinity : .nan }
    guard x.isFinite else { return x }
    let exponent = Double(x.exponent)
    let mantissa = x.significand  // in [1, 2)
    // log(m) = 2 * atanh((m - 1) / (m + 1))
    let y = (mantissa - 1) / (mantissa + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    while k < 40 {
        sum += term / k
        term *= y2
        k += 2
        if abs(term) < 1e-18 { break }
    }
    return 2 * sum + exponent * 0.693_147_180_559_945_3
}
