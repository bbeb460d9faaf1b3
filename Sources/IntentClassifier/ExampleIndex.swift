/// Inverted index of the training vectors, for nearest-example (cosine) similarity per class.
struct ExampleIndex: Sendable {
    let rowLabels: [Int32]
    let rowNorms: [Float]
    /// CSR over features: postings of feature f are `postingStart[f]..<postingStart[f + 1]`.
    let postingStart: [Int32]
    let postingRow: [Int32]
    let postingValue: [Float]

    var parameterCount: Int { postingValue.count }

    init(rowLabels: [Int32], rowNorms: [Float], postingStart: [Int32], postingRow: [Int32], postingValue: [Float]) {
        self.rowLabels = rowLabels
        self.rowNorms = rowNorms
        self.postingStart = postingStart
        self.postingRow = postingRow
        self.postingValue = postingValue
    }

    init(rows: [SparseVector], labels: [Int], featureCount: Int) {
        var counts = [Int32](repeating: 0, count: featureCount + 1)
        for row in rows { for f in row.indices { counts[Int(f) + 1] += 1 } }
        for f in 0..<featureCount { counts[f + 1] += counts[f] }
        var next = counts
        var postingRow = [Int32](repeating: 0, count: Int(counts[featureCount]))
        var postingValue = [Float](repeating: 0, count: Int(counts[featureCount]))
        for (r, row) in rows.enumerated() {
            for (j, f) in row.indices.enumerated() {
                let slot = Int(next[Int(f)])
                postingRow[slot] = Int32(r)
                postingValue[slot] = row.values[j]
                next[Int(f)] += 1
            }
        }
        self.init(
            rowLabels: labels.map(Int32.init),
            rowNorms: rows.map { row in row.values.reduce(0) { $0 + $1 * $1 }.squareRoot() },
            postingStart: counts,
            postingRow: postingRow,
            postingValue: postingValue
        )
    }

    /// Highest cosine similarity between `vector` and a training example of each class.
    func classSimilarities(_ vector: SparseVector, classCount: Int) -> [Float] {
        var best = [Float](repeating: 0, count: classCount)
        let queryNorm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard queryNorm > 0 else { return best }
        var dots = [Float](repeating: 0, count: rowLabels.count)
        dots.withUnsafeMutableBufferPointer { d in
            postingRow.withUnsafeBufferPointer { pr in
                postingValue.withUnsafeBufferPointer { pv in
                    for j in 0..<vector.indices.count {
                        let f = Int(vector.indices[j])
                        let x = vector.values[j]
                        for p in Int(postingStart[f])..<Int(postingStart[f + 1]) {
                            d[Int(pr[p])] += x * pv[p]
                        }
                    }
                }
            }
            for r in 0..<d.count where d[r] > 0 {
                let cosine = d[r] / (queryNorm * rowNorms[r])
                let label = Int(rowLabels[r])
                if cosine > best[label] { best[label] = cosine }
            }
        }
        return best
    }
}
