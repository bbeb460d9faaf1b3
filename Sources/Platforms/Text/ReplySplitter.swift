/// Splits a reply that is too long for one message into parts, each rendered in the platform's markup and at most
/// `limit` Unicode scalars once rendered (escaping makes text longer, so the rendered length is what counts). Parts
/// end at a paragraph break, else a line break, else a space, so nothing is lost but the whitespace at the cuts.
enum ReplySplitter {
    /// The rendered parts of `markdown`, in order.
    static func split(_ markdown: String, limit: Int, render: (String) -> String) -> [String] {
        var parts: [String] = []
        var rest = Substring(markdown).drop { $0.isWhitespace }
        while !rest.isEmpty {
            let whole = render(String(rest))
            if whole.unicodeScalars.count <= limit {
                parts.append(whole)
                break
            }
            var budget = min(limit, rest.count)
            while true {
                let end = cut(rest, within: budget)
                let piece = trimmedTrailing(rest[..<end])
                let rendered = render(String(piece))
                let overflow = rendered.unicodeScalars.count - limit
                // (A single character always fits: no escape is anywhere near a platform's limit.)
                if (overflow <= 0 && !piece.isEmpty) || budget == 1 {
                    parts.append(rendered)
                    rest = rest[end...].drop { $0.isWhitespace }
                    break
                }
                budget = max(1, budget - max(overflow, 1))
            }
        }
        return parts
    }

    /// Where to end a part of at most `budget` characters: the last paragraph break, line break or space in its
    /// second half, else exactly at the budget.
    private static func cut(_ text: Substring, within budget: Int) -> Substring.Index {
        let limit = text.index(text.startIndex, offsetBy: min(budget, text.count))
        let window = text[..<limit]
        let half = text.index(text.startIndex, offsetBy: window.count / 2)
        for separator in ["\n\n", "\n", " "] {
            if let range = window.ranges(of: separator).last, range.lowerBound > half {
                return range.upperBound
            }
        }
        return limit
    }

    private static func trimmedTrailing(_ text: Substring) -> Substring {
        var text = text
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
