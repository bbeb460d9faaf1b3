import Foundation

/// Splits a reply into parts of at most `limit` characters, at paragraph breaks, else line breaks, else spaces
/// (a single word longer than the limit is cut). Pure.
enum TextSplitter {
    static func parts(_ text: String, limit: Int) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        while rest.count > limit {
            let window = rest.prefix(limit)
            var cut =
                window.range(of: "\n\n", options: .backwards)?.lowerBound
                ?? window.lastIndex(of: "\n") ?? window.lastIndex(of: " ") ?? window.endIndex
            if cut == rest.startIndex { cut = window.endIndex }
            parts.append(String(rest[..<cut]))
            rest = rest[cut...].drop(while: { $0 == " " || $0 == "\n" })
        }
        if !rest.isEmpty || parts.isEmpty { parts.append(String(rest)) }
        return parts
    }
}
