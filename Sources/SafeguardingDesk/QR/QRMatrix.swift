/// The grid a ``QRCode`` is drawn on while it is built: which modules are dark, and which belong to the function
/// patterns (finders, timing, alignment, format and version information) that data and masks leave alone.
struct QRMatrix: Sendable {
    let version: QRVersion
    let size: Int
    private(set) var modules: [Bool]
    private var isFunction: [Bool]

    init(version: QRVersion) {
        self.version = version
        size = version.size
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
    }

    func isDark(_ row: Int, _ column: Int) -> Bool { modules[row * size + column] }

    private mutating func setFunction(row: Int, column: Int, dark: Bool) {
        modules[row * size + column] = dark
        isFunction[row * size + column] = true
    }

    // MARK: - Function patterns

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            setFunction(row: 6, column: index, dark: index % 2 == 0)
            setFunction(row: index, column: 6, dark: index % 2 == 0)
        }
        drawFinder(row: 3, column: 3)
        drawFinder(row: 3, column: size - 4)
        drawFinder(row: size - 4, column: 3)
        let centres = version.alignment
        for (i, row) in centres.enumerated() {
            for (j, column) in centres.enumerated() {
                let last = centres.count - 1
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(row: row, column: column)
            }
        }
        drawFormatBits(mask: 0)
        drawVersionBits()
    }

    /// A finder pattern centred on the module given, with its light separator.
    private mutating func drawFinder(row: Int, column: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let distance = max(abs(dx), abs(dy))
                let (y, x) = (row + dy, column + dx)
                guard (0..<size).contains(y), (0..<size).contains(x) else { continue }
                setFunction(row: y, column: x, dark: distance != 2 && distance != 4)
            }
        }
    }

    private mutating func drawAlignment(row: Int, column: Int) {
        for dy in -2...2 {
            for dx in -2...2 { setFunction(row: row + dy, column: column + dx, dark: max(abs(dx), abs(dy)) != 1) }
        }
    }

    /// The 15 format bits (level M, `mask`, BCH-protected, XOR 0x5412), twice, and the dark module.
    mutating func drawFormatBits(mask: Int) {
        let data = (0b00 << 3) | mask  // level M is 00
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { setFunction(row: index, column: 8, dark: bit(index)) }
        setFunction(row: 7, column: 8, dark: bit(6))
        setFunction(row: 8, column: 8, dark: bit(7))
        setFunction(row: 8, column: 7, dark: bit(8))
        for index in 9..<15 { setFunction(row: 8, column: 14 - index, dark: bit(index)) }
        for index in 0..<8 { setFunction(row: 8, column: size - 1 - index, dark: bit(index)) }
        for index in 8..<15 { setFunction(row: size - 15 + index, column: 8, dark: bit(index)) }
        setFunction(row: size - 8, column: 8, dark: true)
    }

    /// The 18 version bits (BCH-protected), twice, from version 7 on.
    private mutating func drawVersionBits() {
        guard version.number >= 7 else { return }
        var remainder = version.number
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = (version.number << 12) | remainder
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let (a, b) = (size - 11 + index % 3, index / 3)
            setFunction(row: b, column: a, dark: dark)
            setFunction(row: a, column: b, dark: dark)
        }
    }

    // MARK: - Data and masks

    /// Places the codewords in the zig-zag order: two columns at a time from the right, up then down, skipping the
    /// vertical timing column.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for offset in 0..<2 {
                    let column = right - offset
                    let upward = (right + 1) & 2 == 0
                    let row = upward ? size - 1 - vertical : vertical
                    guard !isFunction[row * size + column], bitIndex < totalBits else { continue }
                    modules[row * size + column] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// Inverts the data modules where mask `mask`'s condition holds (applying it twice undoes it).
    mutating func apply(mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !isFunction[row * size + column] {
                if Self.maskCondition(mask, row: row, column: column) { modules[row * size + column].toggle() }
            }
        }
    }

    static func maskCondition(_ mask: Int, row y: Int, column x: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// The mask (0–7) whose symbol has the lowest penalty (``QRPenalty``); the first of equals.
    func bestMask() -> Int {
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            var trial = self
            trial.apply(mask: mask)
            trial.drawFormatBits(mask: mask)
            let penalty = QRPenalty(size: size, modules: trial.modules).score()
            if penalty < best.penalty { best = (mask, penalty) }
        }
        return best.mask
    }
}
