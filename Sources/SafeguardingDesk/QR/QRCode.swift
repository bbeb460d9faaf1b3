/// A QR code symbol (ISO/IEC 18004): byte mode, error-correction level M, versions 1 to 10, the mask with the
/// lowest penalty. Small on purpose: it encodes the desk's `otpauth://` set-up link so an authenticator app can
/// scan it; no QR library is available to the build.
///
/// ```swift
/// let code = try QRCode(text: "otpauth://totp/Desk:alex?secret=JBSWY3DPEHPK3PXP&issuer=Desk")
/// code.isDark(row: 0, column: 0)  // true: the top-left finder pattern
/// ```
public struct QRCode: Sendable, Hashable {
    /// Modules on a side (21 for version 1, 4 more a version).
    public let size: Int
    public let version: Int
    /// The mask applied (0–7).
    public let mask: Int
    /// Row-major: `modules[row * size + column]` is dark.
    let modules: [Bool]

    /// Why a text cannot be encoded.
    public struct TooLong: Error, Sendable, Hashable {
        public let byteCount: Int
    }

    /// Encodes `text` (UTF-8) in the smallest version that holds it; with `mask`, that mask instead of the best.
    public init(text: String, mask forcedMask: Int? = nil) throws(TooLong) {
        let bytes = Array(text.utf8)
        guard let version = QRVersion.smallest(for: bytes.count) else { throw TooLong(byteCount: bytes.count) }
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(Self.codewords(bytes, version: version))
        let mask = forcedMask.map { min(7, max(0, $0)) } ?? matrix.bestMask()
        matrix.apply(mask: mask)
        matrix.drawFormatBits(mask: mask)
        self.size = version.size
        self.version = version.number
        self.mask = mask
        self.modules = matrix.modules
    }

    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// The data codewords (mode, count, bytes, terminator, padding) with their error correction, interleaved.
    static func codewords(_ bytes: [UInt8], version: QRVersion) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version.countBits)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacity = version.dataCodewords * 8
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < version.dataCodewords {
            data.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        // Split into blocks, each with its error correction; then interleave the data, then the error correction.
        let generator = ReedSolomon.generator(degree: version.eccPerBlock)
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for group in version.blocks {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[offset..<offset + group.data]))
                offset += group.data
            }
        }
        let eccBlocks = dataBlocks.map { ReedSolomon.remainder($0, generator: generator) }
        var result: [UInt8] = []
        for index in 0..<(dataBlocks.map(\.count).max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<version.eccPerBlock {
            for block in eccBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for shift in (0..<count).reversed() { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<min(start + 8, bits.count)].enumerated().reduce(UInt8(0)) { byte, bit in
                bit.element ? byte | (0x80 >> UInt8(bit.offset)) : byte
            }
        }
    }
}

extension QRCode {
    /// The symbol's penalty score under the four mask-selection rules (``QRPenalty``).
    public var penalty: Int { QRPenalty(size: size, modules: modules).score() }

    /// The N1 and N3 penalty of one row of modules (`true` dark), as if it were a row of a symbol that wide.
    public static func linePenalty(_ row: [Bool]) -> Int {
        QRPenalty(size: row.count, modules: row).linePenalty { row[$0] }
    }
}
