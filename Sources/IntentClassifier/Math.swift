/// Small numeric helpers that avoid platform maths libraries (deterministic on every platform).
enum Math {
    /// e^x for Float, relative error about 2e-7 on the range used by softmax (x <= 0).
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        if x < -87 { return 0 }
        if x > 88 { return .infinity }
        // x = k * ln2 + r, |r| <= ln2 / 2
        let k = (x * 1.442_695_04).rounded()
        let r = x - k * 0.693_145_75 - k * 1.428_606_8e-6
        // Polynomial for e^r on [-ln2/2, ln2/2].
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let bits = UInt32(bitPattern: Int32(k) + 127) << 23
        return p * Float(bitPattern: bits)
    }

    /// In-place softmax of `values[0..<count]` after dividing by `temperature`.
    @inline(__always)
    static func softmax(_ values: UnsafeMutablePointer<Float>, count: Int, temperature: Float = 1) {
        var maximum = -Float.infinity
        for i in 0..<count where values[i] > maximum { maximum = values[i] }
        let inverse = 1 / temperature
        var sum: Float = 0
        for i in 0..<count {
            let e = exp((values[i] - maximum) * inverse)
            values[i] = e
            sum += e
        }
        let scale = 1 / sum
        for i in 0..<count { values[i] *= scale }
    }

    static func log(_ x: Double) -> Double { naturalLog(x) }
}

/// SplitMix64: small, fast, seedable generator for deterministic shuffling.
struct SplitMix64: Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0), by rejection.
    mutating func next(below bound: Int) -> Int {
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let value = next()
            if value < limit { return Int(value % b) }
        }
    }

    /// Fisher-Yates shuffle, stable across Swift versions.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = next(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}

/// Box that lets disjoint slots of a buffer be written from concurrent workers.
struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
