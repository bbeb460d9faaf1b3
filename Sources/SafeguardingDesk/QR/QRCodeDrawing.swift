/// A ``QRCode`` as SVG path data, one path a row, with the four-module quiet zone: for a template to put in an
/// inline `<svg>` through its escaped form (the data holds only `M`, `h`, `v`, `z`, digits and spaces).
public struct QRCodeDrawing: Sendable, Hashable {
    /// The side of the square view box, in modules, quiet zone included.
    public let side: Int
    /// Each row's dark runs: `M5 4h3v1h-3z …`.
    public let paths: [String]

    public static let quietZone = 4

    public init(_ code: QRCode) {
        side = code.size + 2 * Self.quietZone
        var paths: [String] = []
        for row in 0..<code.size {
            var parts: [String] = []
            var column = 0
            while column < code.size {
                guard code.isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < code.size, code.isDark(row: row, column: column) { column += 1 }
                let length = column - start
                parts.append("M\(start + Self.quietZone) \(row + Self.quietZone)h\(length)v1h-\(length)z")
            }
            if !parts.isEmpty { paths.append(parts.joined(separator: " ")) }
        }
        self.paths = paths
    }
}
