/// Multinomial logistic regression trained with plain SGD (seeded shuffling, linearly decaying step,
/// L2 weight decay through a global scale so that each step only touches the active features).
/// Weights are feature-major: `weights[feature * classCount + class]`.
struct SoftmaxTrainer {
    let featureCount: Int
    let classCount: Int
    let epochs: Int
    let learningRate: Float
    let l2: Float
    let seed: UInt64
    /// Average the end-of-epoch weights from this epoch on (tail averaging); >= epochs disables it.
    var averageFrom: Int = Int.max
    /// Probability of dropping each active feature of a row in one SGD step (input dropout).
    var dropout: Float = 0
    /// Features from this index on (the dense block) use `denseDropout` instead of `dropout`.
    var denseFrom: Int = Int.max
    var denseDropout: Float = 0

    /// The sentence-vector block of every row, kept as each row's token ids and computed when the row is visited
    /// (a few thousand multiply-adds, against 15 MB for CLINC150's rows held as floats): features
    /// `denseFrom ..< denseFrom + vectors.dimensions`, each vector times `weight`.
    struct DenseBlock: Sendable {
        let vectors: TokenVectors
        let weight: Float
        /// Row `r`'s token ids are `ids[offsets[r] ..< offsets[r + 1]]`.
        let ids: [Int]
        let offsets: [Int]

        init(texts: [String], vectors: TokenVectors, weight: Float) {
            self.vectors = vectors
            self.weight = weight
            var ids: [Int] = []
            var offsets = [0]
            offsets.reserveCapacity(texts.count + 1)
            for text in texts {
                ids += vectors.tokenizer.tokenIDs(text)
                offsets.append(ids.count)
            }
            self.ids = ids
            self.offsets = offsets
        }

        var width: Int { vectors.dimensions }

        /// Row `r`'s weighted sentence vector, written into `out` (`width` floats).
        func fill(_ r: Int, into out: inout [Float]) {
            for d in out.indices { out[d] = 0 }
            vectors.accumulate(ids: ids[offsets[r]..<offsets[r + 1]], into: &out)
            var squares: Float = 0
            for v in out { squares += v * v }
            guard squares > 0 else { return }
            let scale = weight / squares.squareRoot()
            for d in out.indices { out[d] *= scale }
        }
    }

    func train(
        rows: [SparseVector],
        dense: DenseBlock? = nil,
        targets: [Int],
        sampleWeights: [Float]
    ) -> (weights: [Float], bias: [Float]) {
        let c = classCount
        let denseWidth = dense?.width ?? 0
        var denseValues = [Float](repeating: 0, count: denseWidth)
        var denseMask = [Float](repeating: 1, count: denseWidth)
        var v = [Float](repeating: 0, count: featureCount * c)
        var bias = [Float](repeating: 0, count: c)
        var scratch = [Float](repeating: 0, count: c)
        var mask = [Float](repeating: 1, count: 4096)
        let keep = 1 - dropout
        let threshold = UInt64(Double(dropout) * Double(UInt64.max))
        let denseKeep = 1 - denseDropout
        let denseThreshold = UInt64(Double(denseDropout) * Double(UInt64.max))
        let denseStart = Int32(clamping: denseFrom)
        var order = Array(rows.indices)
        var rng = SplitMix64(seed: seed)
        var scale: Float = 1
        let total = Float(max(1, epochs * rows.count))
        var step: Float = 0
        var sumWeights = [Float]()
        var sumBias = [Float](repeating: 0, count: c)
        var averaged = 0
        v.withUnsafeMutableBufferPointer { vBuffer in
            bias.withUnsafeMutableBufferPointer { bBuffer in
                scratch.withUnsafeMutableBufferPointer { zBuffer in
                    // swift-format-ignore: NeverForceUnwrap
                    let vp = vBuffer.baseAddress!
                    // swift-format-ignore: NeverForceUnwrap
                    let bp = bBuffer.baseAddress!
                    // swift-format-ignore: NeverForceUnwrap
                    let z = zBuffer.baseAddress!
                    for epoch in 0..<epochs {
                        rng.shuffle(&order)
                        for r in order {
                            let row = rows[r]
                            let eta = learningRate * max(0.02, 1 - step / total)
                            step += 1
                            for k in 0..<c { z[k] = bp[k] }
                            if mask.count < row.indices.count { mask = [Float](repeating: 1, count: row.indices.count) }
                            if dropout > 0 || denseDropout > 0 {
                                for j in 0..<row.indices.count {
                                    if row.indices[j] >= denseStart {
                                        mask[j] = rng.next() < denseThreshold ? 0 : 1 / denseKeep
                                    } else {
                                        mask[j] = rng.next() < threshold ? 0 : 1 / keep
                                    }
                                }
                            }
                            row.indices.withUnsafeBufferPointer { idx in
                                row.values.withUnsafeBufferPointer { val in
                                    for j in 0..<idx.count where mask[j] != 0 {
                                        let x = val[j] * scale * mask[j]
                                        let w = vp + Int(idx[j]) * c
                                        for k in 0..<c { z[k] += x * w[k] }
                                    }
                                    dense?.fill(r, into: &denseValues)
                                    denseValues.withUnsafeBufferPointer { dv in
                                        guard denseWidth > 0 else { return }
                                        for j in 0..<denseWidth {
                                            denseMask[j] =
                                                denseDropout > 0 && rng.next() < denseThreshold ? 0 : 1 / denseKeep
                                            guard denseMask[j] != 0 else { continue }
                                            let x = dv[j] * scale * denseMask[j]
                                            let w = vp + (denseFrom + j) * c
                                            for k in 0..<c { z[k] += x * w[k] }
                                        }
                                    }
                                    Math.softmax(z, count: c)
                                    let weight = sampleWeights[r]
                                    z[targets[r]] -= 1
                                    for k in 0..<c { z[k] *= weight }
                                    scale *= (1 - eta * l2)
                                    let inverse = eta / scale
                                    for j in 0..<idx.count where mask[j] != 0 {
                                        let coef = val[j] * inverse * mask[j]
                                        let w = vp + Int(idx[j]) * c
                                        for k in 0..<c { w[k] -= coef * z[k] }
                                    }
                                    denseValues.withUnsafeBufferPointer { dv in
                                        guard denseWidth > 0 else { return }
                                        for j in 0..<denseWidth where denseMask[j] != 0 {
                                            let coef = dv[j] * inverse * denseMask[j]
                                            let w = vp + (denseFrom + j) * c
                                            for k in 0..<c { w[k] -= coef * z[k] }
                                        }
                                    }
                                    for k in 0..<c { bp[k] -= eta * z[k] }
                                }
                            }
                            if scale < 1e-3 {
                                for i in 0..<vBuffer.count { vp[i] *= scale }
                                scale = 1
                            }
                        }
                        if epoch >= averageFrom {
                            if sumWeights.isEmpty { sumWeights = [Float](repeating: 0, count: vBuffer.count) }
                            sumWeights.withUnsafeMutableBufferPointer { sb in
                                for i in 0..<sb.count { sb[i] += vp[i] * scale }
                            }
                            for k in 0..<c { sumBias[k] += bp[k] }
                            averaged += 1
                        }
                    }
                }
            }
        }
        if averaged > 0 {
            let inverse = 1 / Float(averaged)
            for i in sumWeights.indices { sumWeights[i] *= inverse }
            for k in 0..<c { sumBias[k] *= inverse }
            return (sumWeights, sumBias)
        }
        if scale != 1 {
            for i in v.indices { v[i] *= scale }
        }
        return (v, bias)
    }
}
