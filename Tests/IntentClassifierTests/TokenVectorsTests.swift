import Foundation
import IntentClassifier
import Testing

/// The distilled vectors shipped in `models/` and small synthetic vectors files.
enum VectorsFixture {
    static let fileName = "minilm-l6-wordpiece-256.pawv"

    /// The real vectors file (all-MiniLM-L6-v2 vocabulary), read once.
    static let real: TokenVectors? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("models").appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? TokenVectors(bytes: [UInt8](data))
    }()

    /// A file in the PAWV format: header, vocabulary, Float32 scales, Int8 values.
    static func file(vocabulary: [String], vectors: [[Float]]) -> [UInt8] {
        let dims = vectors.first?.count ?? 0
        var out = Array("PAWV".utf8)
        let vocab = Array(vocabulary.map { $0 + "\n" }.joined().utf8)
        for v in [1, dims, vocabulary.count, vocab.count] { appendU32(UInt32(v), to: &out) }
        out += vocab
        let scales = vectors.map { row in max(row.map(abs).max() ?? 0, 1e-9) / 127 }
        for s in scales { appendU32(s.bitPattern, to: &out) }
        for (row, s) in zip(vectors, scales) {
            for x in row { out.append(UInt8(bitPattern: Int8((x / s).rounded()))) }
        }
        return out
    }

    static func appendU32(_ v: UInt32, to out: inout [UInt8]) {
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }

    static let smallVocabulary = ["[PAD]", "[UNK]", "rain", "sun", "report", "##ing", "concern"]
    static let smallVectors: [[Float]] = [
        [0, 0, 0], [0, 0, 0], [1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 0.5], [0, 0.8, 0.2],
    ]
}

@Suite struct TokenVectorsTests {
    @Test func loadsAWellFormedFile() throws {
        let bytes = VectorsFixture.file(
            vocabulary: VectorsFixture.smallVocabulary,
            vectors: VectorsFixture.smallVectors
        )
        let vectors = try TokenVectors(bytes: bytes)
        #expect(vectors.dimensions == 3)
        #expect(vectors.count == 7)
        #expect(vectors.tokenizer.vocabulary == VectorsFixture.smallVocabulary)
        let rain = vectors.vector(id: 2)
        #expect(abs(rain[0] - 1) < 0.01 && abs(rain[1]) < 0.01)
        // "rain" and an unknown word: the unknown one is skipped, so the sentence vector is rain's direction.
        let sentence = vectors.sentenceVector("Rain xyzzy")
        #expect(abs(sentence[0] - 1) < 0.01)
        #expect(vectors.sentenceVector("xyzzy") == [0, 0, 0])
    }

    @Test func truncatedFilesFailWithTheExpectedSize() throws {
        let bytes = VectorsFixture.file(
            vocabulary: VectorsFixture.smallVocabulary,
            vectors: VectorsFixture.smallVectors
        )
        for length in [0, 3, 19, 20, 40, bytes.count - 1] {
            #expect(throws: TokenVectorsError.self) { try TokenVectors(bytes: Array(bytes.prefix(length))) }
        }
        do {
            _ = try TokenVectors(bytes: Array(bytes.dropLast()))
            Issue.record("a truncated file was accepted")
        } catch {
            #expect(error == .truncated(expected: bytes.count, actual: bytes.count - 1))
            #expect(error.description.contains("truncated"))
        }
    }

    @Test func corruptHeadersAreRejectedClearly() throws {
        let bytes = VectorsFixture.file(
            vocabulary: VectorsFixture.smallVocabulary,
            vectors: VectorsFixture.smallVectors
        )
        var magic = bytes
        magic[0] = 0x58
        #expect(throws: TokenVectorsError.badMagic) { try TokenVectors(bytes: magic) }
        var version = bytes
        version[4] = 9
        #expect(throws: TokenVectorsError.unsupportedVersion(9)) { try TokenVectors(bytes: version) }
        var zeroDims = bytes
        zeroDims[8] = 0
        #expect(throws: TokenVectorsError.inconsistent("dimensions 0")) { try TokenVectors(bytes: zeroDims) }
        // One token too few in the vocabulary for the header's count.
        let short = VectorsFixture.file(
            vocabulary: Array(VectorsFixture.smallVocabulary.dropLast()),
            vectors: Array(VectorsFixture.smallVectors.dropLast())
        )
        var wrongCount = short
        wrongCount[12] = 7
        #expect(throws: TokenVectorsError.self) { try TokenVectors(bytes: wrongCount) }
        #expect(throws: TokenVectorsError.inconsistent("1 trailing bytes")) { try TokenVectors(bytes: bytes + [0]) }
    }

    @Test func contentHashIdentifiesTheFile() throws {
        let bytes = VectorsFixture.file(
            vocabulary: VectorsFixture.smallVocabulary,
            vectors: VectorsFixture.smallVectors
        )
        var changed = bytes
        changed[changed.count - 1] &+= 1
        #expect(try TokenVectors(bytes: bytes).contentHash == TokenVectors(bytes: bytes).contentHash)
        #expect(try TokenVectors(bytes: bytes).contentHash != TokenVectors(bytes: changed).contentHash)
    }

    @Test func realVectorsAreSemanticallyOrdered() throws {
        let vectors = try #require(VectorsFixture.real, "models/\(VectorsFixture.fileName) is missing")
        #expect(vectors.count == 30_522)
        func cosine(_ a: String, _ b: String) -> Float {
            zip(vectors.sentenceVector(a), vectors.sentenceVector(b)).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let close = cosine("how much money is in my bank account", "what is my balance")
        let far = cosine("how much money is in my bank account", "play some jazz music")
        #expect(close > far)
    }
}
