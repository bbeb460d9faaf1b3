/// Makes text safe to store and to print to a terminal or a spreadsheet: C0 and C1 control characters (escape
/// sequences that could hide text, move the cursor or write a clipboard) become visible placeholders, except newline
/// and tab; a carriage return ends a line (CR LF and a lone CR both become one newline).
public enum ControlCharacters {
    /// `text` with every control character but newline and tab shown as `U+XXXX` in brackets (e.g. `⟨U+001B⟩`).
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || $0 == "\r" }) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\r" {
                if index + 1 == scalars.count || scalars[index + 1] != "\n" { result.append("\n") }
            } else if isControl(scalar) {
                result.append(contentsOf: "⟨U+\(hex(scalar.value))⟩".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `scalar` is a C0 control (but newline, tab or carriage return), DEL, a C1 control, or a
    /// bidirectional override.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional overrides and isolates can reorder what a reader sees.
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
