/// Errors when decoding a serialized model.
public enum IntentModelDecodingError: Error, Sendable, Hashable {
    case badMagic
    case unsupportedVersion(UInt32)
    case truncated
    case inconsistent(String)
    /// The model was trained with token vectors: pass the same vectors to `init(serialized:tokenVectors:)`.
    case tokenVectorsRequired(contentHash: UInt64)
    /// The vectors passed are not the ones the model was trained with.
    case tokenVectorsMismatch(expected: UInt64, actual: UInt64)
}

/// Compact binary form (little-endian) and `Codable` form of a model. Both preserve every bit of the
/// parameters, so a decoded model gives exactly the same scores.
extension IntentModel: Codable {
    static let magic: [UInt8] = Array("PAIC".utf8)
    /// Version 3: versions 1 and 2 carried an experimental nearest-example index and naive Bayes settings, since
    /// removed (such files are refused; the model cache retrains).
    static let version: UInt32 = 3
    /// Version of models with a dense token-vector block (otherwise laid out as `version`).
    static let denseVersion: UInt32 = 4

    /// The compact binary encoding (this is what "model size" measures). A model with token vectors stores
    /// their content hash, dimensions and block settings, not the vectors themselves.
    public func serialized() -> [UInt8] {
        var w = ByteWriter()
        // Reserved up front: growing by doubling would briefly hold twice the model (tens of MB) at the peak.
        w.data.reserveCapacity(
            4_096 + labels.reduce(0) { $0 + $1.utf8.count + 8 } + space.keys.count * 12 + (weights.count + bias.count)
                * 4
        )
        w.bytes(Self.magic)
        if let tokenVectors {
            w.u32(Self.denseVersion)
            w.u64(tokenVectors.contentHash)
            w.u32(UInt32(tokenVectors.dimensions))
            w.f32(trainingConfiguration.tokenVectorWeight)
            w.f32(trainingConfiguration.tokenVectorDropout)
        } else {
            w.u32(Self.version)
        }
        w.u32(UInt32(labels.count))
        for label in labels { w.string(label) }
        w.u8(outOfScopeLabel == nil ? 0 : 1)
        w.string(outOfScopeLabel ?? "")
        w.f64(temperature)
        w.f64(policy.threshold)
        w.f64(policy.margin)
        w.configuration(trainingConfiguration)
        w.u64(UInt64(space.keys.count))
        for k in space.keys { w.u64(k) }
        for v in space.idf { w.f32(v) }
        w.u64(UInt64(weights.count))
        for v in weights { w.f32(v) }
        for v in bias { w.f32(v) }
        return w.data
    }

    /// Decodes `serialized()` output. A model trained with token vectors needs the same vectors
    /// (checked by content hash); they are ignored for a model without them.
    public init(serialized data: [UInt8], tokenVectors: TokenVectors? = nil) throws {
        var r = ByteReader(data: data)
        guard try r.bytes(4) == Self.magic else { throw IntentModelDecodingError.badMagic }
        let version = try r.u32()
        guard version == Self.version || version == Self.denseVersion else {
            throw IntentModelDecodingError.unsupportedVersion(version)
        }
        var denseCount = 0
        var denseWeight: Float = 1
        var denseDropout: Float = -1
        var vectors: TokenVectors? = nil
        if version == Self.denseVersion {
            let hash = try r.u64()
            denseCount = Int(try r.u32())
            denseWeight = try r.f32()
            denseDropout = try r.f32()
            guard let tokenVectors else { throw IntentModelDecodingError.tokenVectorsRequired(contentHash: hash) }
            guard tokenVectors.contentHash == hash else {
                throw IntentModelDecodingError.tokenVectorsMismatch(expected: hash, actual: tokenVectors.contentHash)
            }
            guard tokenVectors.dimensions == denseCount else {
                throw IntentModelDecodingError.inconsistent("token vector dimensions")
            }
            vectors = tokenVectors
        }
        let labelCount = Int(try r.u32())
        guard labelCount <= data.count else { throw IntentModelDecodingError.truncated }
        var labels: [String] = []
        for _ in 0..<labelCount { labels.append(try r.string()) }
        let hasOOS = try r.u8() != 0
        let oos = try r.string()
        let temperature = try r.f64()
        let policy = DecisionPolicy(threshold: try r.f64(), margin: try r.f64())
        var configuration = try r.configuration()
        configuration.tokenVectorWeight = denseWeight
        configuration.tokenVectorDropout = denseDropout
        let keyCount = Int(try r.u64())
        guard keyCount <= data.count / 12 else { throw IntentModelDecodingError.truncated }
        var keys: [UInt64] = []
        keys.reserveCapacity(keyCount)
        for _ in 0..<keyCount { keys.append(try r.u64()) }
        var idf: [Float] = []
        idf.reserveCapacity(keyCount)
        for _ in 0..<keyCount { idf.append(try r.f32()) }
        let weightCount = Int(try r.u64())
        let featureCount = keyCount + denseCount
        guard weightCount == featureCount * labelCount else {
            throw IntentModelDecodingError.inconsistent("weights \(weightCount) != \(featureCount) × \(labelCount)")
        }
        guard weightCount <= data.count / 4 else { throw IntentModelDecodingError.truncated }
        var weights: [Float] = []
        weights.reserveCapacity(weightCount)
        for _ in 0..<weightCount { weights.append(try r.f32()) }
        var bias: [Float] = []
        for _ in 0..<labelCount { bias.append(try r.f32()) }
        guard r.offset == data.count else { throw IntentModelDecodingError.inconsistent("trailing bytes") }
        if hasOOS && !labels.contains(oos) { throw IntentModelDecodingError.inconsistent("unknown OOS label") }
        self.init(
            labels: labels,
            outOfScopeLabel: hasOOS ? oos : nil,
            temperature: temperature,
            policy: policy,
            trainingConfiguration: configuration,
            space: FeatureSpace(config: configuration.features, keys: keys, idf: idf),
            weights: weights,
            bias: bias,
            tokenVectors: vectors
        )
    }

    enum CodingKeys: String, CodingKey {
        case format, labels, outOfScopeLabel, temperature, policy, trainingConfiguration, model
    }

    /// Readable metadata plus the binary form in base64 under `model`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("PreventAssist.IntentModel/1", forKey: .format)
        try c.encode(labels, forKey: .labels)
        try c.encodeIfPresent(outOfScopeLabel, forKey: .outOfScopeLabel)
        try c.encode(temperature, forKey: .temperature)
        try c.encode(policy, forKey: .policy)
        try c.encode(trainingConfiguration, forKey: .trainingConfiguration)
        try c.encode(Base64.encode(serialized()), forKey: .model)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .model)
        guard let bytes = Base64.decode(text) else {
            throw DecodingError.dataCorruptedError(forKey: .model, in: c, debugDescription: "invalid base64")
        }
        do {
            try self.init(serialized: bytes)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .model, in: c, debugDescription: "\(error)")
        }
    }
}

struct ByteWriter {
    var data: [UInt8] = []
    mutating func bytes(_ b: [UInt8]) { data.append(contentsOf: b) }
    mutating func u8(_ v: UInt8) { data.append(v) }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { data.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { data.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func f64(_ v: Double) { u64(v.bitPattern) }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes(utf8)
    }
    mutating func configuration(_ c: TrainingConfiguration) {
        let f = c.features
        u32(UInt32(f.wordNgramMax))
        u8(f.sentenceMarkers ? 1 : 0)
        u32(UInt32(f.charNgramMin))
        u32(UInt32(f.charNgramMax))
        f32(f.wordBlockWeight)
        f32(f.charBlockWeight)
        u8(f.sublinearTF ? 1 : 0)
        u32(UInt32(f.minDocumentFrequency))
        u8(f.skipBigrams ? 1 : 0)
        u8(f.stems ? 1 : 0)
        u32(UInt32(c.epochs))
        f32(c.learningRate)
        f32(c.l2)
        f32(c.outOfScopeWeight)
        u8(c.classBalanced ? 1 : 0)
        u64(c.seed)
        u32(UInt32(c.threads))
        u64(c.averagedFraction.bitPattern)
        u32(UInt32(c.minimumUpdates))
        u32(UInt32(c.ensembleSize))
        f32(c.dropout)
        u8(c.viewEnsemble ? 1 : 0)
    }
}

struct ByteReader {
    let data: [UInt8]
    var offset = 0
    mutating func bytes(_ n: Int) throws -> [UInt8] {
        guard n >= 0, offset + n <= data.count else { throw IntentModelDecodingError.truncated }
        defer { offset += n }
        return Array(data[offset..<offset + n])
    }
    mutating func u8() throws -> UInt8 {
        guard offset < data.count else { throw IntentModelDecodingError.truncated }
        defer { offset += 1 }
        return data[offset]
    }
    mutating func u32() throws -> UInt32 { try unsigned() }
    mutating func u64() throws -> UInt64 { try unsigned() }
    /// The next `T.bitWidth / 8` bytes as a little-endian unsigned integer.
    mutating func unsigned<T: FixedWidthInteger & UnsignedInteger>() throws -> T {
        let size = T.bitWidth / 8
        guard offset + size <= data.count else { throw IntentModelDecodingError.truncated }
        var v: T = 0
        for i in 0..<size { v |= T(data[offset + i]) << (8 * i) }
        offset += size
        return v
    }
    mutating func f32() throws -> Float { Float(bitPattern: try u32()) }
    mutating func f64() throws -> Double { Double(bitPattern: try u64()) }
    mutating func string() throws -> String {
        let n = Int(try u32())
        return String(decoding: try bytes(n), as: UTF8.self)
    }
    mutating func configuration() throws -> TrainingConfiguration {
        var f = FeatureConfiguration()
        f.wordNgramMax = Int(try u32())
        f.sentenceMarkers = try u8() != 0
        f.charNgramMin = Int(try u32())
        f.charNgramMax = Int(try u32())
        f.wordBlockWeight = try f32()
        f.charBlockWeight = try f32()
        f.sublinearTF = try u8() != 0
        f.minDocumentFrequency = Int(try u32())
        f.skipBigrams = try u8() != 0
        f.stems = try u8() != 0
        var c = TrainingConfiguration(features: f)
        c.epochs = Int(try u32())
        c.learningRate = try f32()
        c.l2 = try f32()
        c.outOfScopeWeight = try f32()
        c.classBalanced = try u8() != 0
        c.seed = try u64()
        c.threads = Int(try u32())
        c.averagedFraction = Double(bitPattern: try u64())
        c.minimumUpdates = Int(try u32())
        c.ensembleSize = Int(try u32())
        c.dropout = try f32()
        c.viewEnsemble = try u8() != 0
        return c
    }
}

enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((data.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= data.count {
            let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = data.count - i
        if rest > 0 {
            let n = UInt32(data[i]) << 16 | (rest == 2 ? UInt32(data[i + 1]) << 8 : 0)
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : 0x3D)
            out.append(0x3D)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 4 * 3)
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in text.utf8 {
            if c == 0x3D {
                padding += 1
                continue
            }
            guard padding == 0 else { return nil }
            let v = table[Int(c)]
            guard v >= 0 else { return nil }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
