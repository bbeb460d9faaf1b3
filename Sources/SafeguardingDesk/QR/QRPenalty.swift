/// The four penalty rules that choose a QR code's mask (ISO/IEC 18004 §7.8.3): runs of five or more modules of one
/// colour in a row or column (N1 = 3, plus one for each module beyond five), 2×2 blocks of one colour (N2 = 3),
/// finder-like 1:1:3:1:1 patterns with four light modules on a side (N3 = 40), and the imbalance of dark and light
/// (N4 = 10 for each 5 % away from half).
struct QRPenalty: Sendable {
    let size: Int
    /// Row-major, `true` dark.
    let modules: [Bool]

    func isDark(_ row: Int, _ column: Int) -> Bool { modules[row * size + column] }

    func score() -> Int {
        var result = 0
        for index in 0..<size {
            result += linePenalty { isDark(index, $0) }
            result += linePenalty { isDark($0, index) }
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = isDark(row, column)
                if colour == isDark(row, column + 1), colour == isDark(row + 1, column),
                    colour == isDark(row + 1, column + 1)
                {
                    result += 3
                }
            }
        }
        let dark = modules.filter { $0 }.count
        let total = size * size
        result += ((abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10
        return result
    }

    /// N1 and N3 along one row or column; the symbol counts as surrounded by light modules (its quiet zone).
    func linePenalty(_ dark: (Int) -> Bool) -> Int {
        var result = 0
        var runColour = false
        var runLength = 0
        var history = RunHistory(size: size)
        for index in 0..<size {
            if dark(index) == runColour {
                runLength += 1
                if runLength == 5 { result += 3 } else if runLength > 5 { result += 1 }
            } else {
                history.add(runLength)
                if !runColour { result += history.finderLikePatterns() * 40 }
                runColour = dark(index)
                runLength = 1
            }
        }
        if runColour {
            history.add(runLength)
            runLength = 0
        }
        history.add(runLength + size)
        return result + history.finderLikePatterns() * 40
    }
}

/// The last seven run lengths along a line, newest first, for finding 1:1:3:1:1 patterns.
struct RunHistory {
    let size: Int
    private var runs = [Int](repeating: 0, count: 7)

    init(size: Int) { self.size = size }

    mutating func add(_ length: Int) {
        // The first run is preceded by the light quiet zone.
        let length = runs[0] == 0 ? length + size : length
        runs.insert(length, at: 0)
        runs.removeLast()
    }

    /// 1 or 2 when the latest runs are dark-light-dark×3-light-dark (1:1:3:1:1) with four light on one side or both.
    func finderLikePatterns() -> Int {
        let unit = runs[1]
        let core = unit > 0 && runs[2] == unit && runs[3] == unit * 3 && runs[4] == unit && runs[5] == unit
        return (core && runs[0] >= unit * 4 && runs[6] >= unit ? 1 : 0)
            + (core && runs[6] >= unit * 4 && runs[0] >= unit ? 1 : 0)
    }
}
