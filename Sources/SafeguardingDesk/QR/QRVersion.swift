/// One QR symbol version (1–10) at error-correction level M: its size, its codeword blocks and where its alignment
/// patterns go (ISO/IEC 18004 tables 9 and E.1).
struct QRVersion: Sendable {
    let number: Int
    /// Error-correction codewords in each block.
    let eccPerBlock: Int
    /// How many blocks, and how many data codewords each holds: the first group, then the second (one more each).
    let blocks: [(count: Int, data: Int)]
    /// The rows and columns that alignment patterns are centred on.
    let alignment: [Int]

    /// Modules on a side.
    var size: Int { 17 + 4 * number }
    var dataCodewords: Int { blocks.reduce(0) { $0 + $1.count * $1.data } }
    var blockCount: Int { blocks.reduce(0) { $0 + $1.count } }
    var totalCodewords: Int { dataCodewords + blockCount * eccPerBlock }
    /// Bits of the byte mode's character count.
    var countBits: Int { number < 10 ? 8 : 16 }
    /// The most bytes it holds in byte mode: 4 mode bits and the count, then 8 bits a byte.
    var byteCapacity: Int { (dataCodewords * 8 - 4 - countBits) / 8 }

    /// Versions 1 to 10 at level M.
    static let levelM: [QRVersion] = [
        QRVersion(number: 1, eccPerBlock: 10, blocks: [(1, 16)], alignment: []),
        QRVersion(number: 2, eccPerBlock: 16, blocks: [(1, 28)], alignment: [6, 18]),
        QRVersion(number: 3, eccPerBlock: 26, blocks: [(1, 44)], alignment: [6, 22]),
        QRVersion(number: 4, eccPerBlock: 18, blocks: [(2, 32)], alignment: [6, 26]),
        QRVersion(number: 5, eccPerBlock: 24, blocks: [(2, 43)], alignment: [6, 30]),
        QRVersion(number: 6, eccPerBlock: 16, blocks: [(4, 27)], alignment: [6, 34]),
        QRVersion(number: 7, eccPerBlock: 18, blocks: [(4, 31)], alignment: [6, 22, 38]),
        QRVersion(number: 8, eccPerBlock: 22, blocks: [(2, 38), (2, 39)], alignment: [6, 24, 42]),
        QRVersion(number: 9, eccPerBlock: 22, blocks: [(3, 36), (2, 37)], alignment: [6, 26, 46]),
        QRVersion(number: 10, eccPerBlock: 26, blocks: [(4, 43), (1, 44)], alignment: [6, 28, 50]),
    ]

    /// The smallest version that holds `byteCount` bytes, if any of 1–10 does.
    static func smallest(for byteCount: Int) -> QRVersion? { levelM.first { $0.byteCapacity >= byteCount } }
}
