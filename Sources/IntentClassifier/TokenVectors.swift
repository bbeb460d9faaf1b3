/// Why a token-vectors file could not be loaded.
public enum TokenVectorsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not start with "PAWV".
    case badMagic
    case unsupportedVersion(UInt32)
    /// The file is shorter than its header says.
    case truncated(expected: Int, actual: Int)
    /// The header or the vocabulary contradicts itself.
    case inconsistent(String)

    public var description: String {
        switch self {
        case .badMagic: "token vectors: not a PAWV file (bad magic)"
        case .unsupportedVersion(let v): "token vectors: unsupported version \(v)"
        case .truncated(let expected, let actual): "token vectors: truncated (\(actual) of \(expected) bytes)"
        case .inconsistent(let what): "token vectors: inconsistent file (\(what))"
        }
    }
}

/// Static WordPiece token vectors (Model2Vec-style, distilled from a sentence encoder by
/// `scripts/distill-word-vectors.py`) and the tokenizer of their vocabulary.
///
/// A sentence vector is the L2-normalised mean of the vectors of its WordPiece tokens (unknown tokens are
/// skipped). File format (little-endian): "PAWV", version u32 = 1, dims u32, count u32, vocabBytes u32,
/// the vocabulary (count tokens, each followed by "\n"), count Float32 row scales, count × dims Int8 values
/// (a vector is scale × values). Immutable and `Sendable`; the library does no I/O, so the caller reads the file.
public struct TokenVectors: Sendable {
    static let magic: [UInt8] = Array("PAWV".utf8)
    static let headerBytes = 20

    /// Dimensions of a vector.
    public let dimensions: Int
    /// 64-bit FNV-1a hash of the file bytes; a model trained with these vectors records it.
    public let contentHash: UInt64
    /// The tokenizer of the vectors' vocabulary (row i is the vector of token id i).
    public let tokenizer: WordPieceTokenizer
    let scales: [Float]
    /// The file itself: the Int8 values are read in place from `valuesStart` on (no second copy of 8 MB).
    let storage: [UInt8]
    let valuesStart: Int

    /// Number of token vectors (the vocabulary size).
    public var count: Int { scales.count }

    /// Parses and validates a vectors file.
    public init(bytes: [UInt8]) throws(TokenVectorsError) {
        guard bytes.count >= Self.headerBytes else {
            if bytes.count >= 4 && Array(bytes[0..<4]) != Self.magic { throw .badMagic }
            throw .truncated(expected: Self.headerBytes, actual: bytes.count)
        }
        guard Array(bytes[0..<4]) == Self.magic else { throw .badMagic }
        func u32(_ offset: Int) -> Int {
            Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
                | Int(bytes[offset + 3]) << 24
        }
        let version = UInt32(u32(4))
        guard version == 1 else { throw .unsupportedVersion(version) }
        let dimensions = u32(8)
        let count = u32(12)
        let vocabBytes = u32(16)
        guard dimensions > 0 && dimensions <= 4096 else { throw .inconsistent("dimensions \(dimensions)") }
        guard count > 0 && count <= 1 << 22 else { throw .inconsistent("count \(count)") }
        let expected = Self.headerBytes + vocabBytes + count * 4 + count * dimensions
        guard bytes.count >= expected else { throw .truncated(expected: expected, actual: bytes.count) }
        guard bytes.count == expected else { throw .inconsistent("\(bytes.count - expected) trailing bytes") }

        var vocabulary: [String] = []
        vocabulary.reserveCapacity(count)
        var start = Self.headerBytes
        let vocabEnd = Self.headerBytes + vocabBytes
        for i in Self.headerBytes..<vocabEnd where bytes[i] == 0x0A {
            vocabulary.append(String(decoding: bytes[start..<i], as: UTF8.self))
            start = i + 1
        }
        guard start == vocabEnd else { throw .inconsistent("vocabulary does not end with a newline") }
        guard vocabulary.count == count else {
            throw .inconsistent("vocabulary has \(vocabulary.count) tokens, header says \(count)")
        }
        var scales = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let scale = Float(bitPattern: UInt32(u32(vocabEnd + 4 * i)))
            guard scale.isFinite else { throw .inconsistent("scale of row \(i) is not finite") }
            scales[i] = scale
        }
        let valuesStart = vocabEnd + 4 * count
        self.storage = bytes
        self.valuesStart = valuesStart
        self.scales = scales
        self.dimensions = dimensions
        self.tokenizer = WordPieceTokenizer(vocabulary: vocabulary)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        self.contentHash = hash
    }

    /// The vector of token id `id` (dequantised).
    public func vector(id: Int) -> [Float] {
        let scale = scales[id]
        let start = valuesStart + id * dimensions
        return storage[start..<start + dimensions].map { Float(Int8(bitPattern: $0)) * scale }
    }

    /// Unit-length mean of the token vectors of `text`, or all zeros when no token is known.
    public func sentenceVector(_ text: String) -> [Float] {
        var sum = [Float](repeating: 0, count: dimensions)
        accumulate(ids: tokenizer.tokenIDs(text), into: &sum)
        var squares: Float = 0
        for v in sum { squares += v * v }
        guard squares > 0 else { return sum }
        let inverse = 1 / squares.squareRoot()
        for d in sum.indices { sum[d] *= inverse }
        return sum
    }

    func accumulate(ids: some Collection<Int>, into sum: inout [Float]) {
        let dims = dimensions
        storage.withUnsafeBufferPointer { bytes in
            let vb = UnsafeRawBufferPointer(bytes).bindMemory(to: Int8.self)
            sum.withUnsafeMutableBufferPointer { sb in
                for id in ids where id >= 0 && id < scales.count && id != tokenizer.unknownID {
                    let scale = scales[id]
                    let base = valuesStart + id * dims
                    for d in 0..<dims { sb[d] += Float(vb[base + d]) * scale }
                }
            }
        }
    }
}
