extension Substring {
    /// The text without leading and trailing white space and newlines: a slice of the same storage, found by a
    /// scan from each end (never a copy of the middle, which made long article bodies slow to render).
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return Substring(scalars[first...last])
    }
}

extension String {
    /// The text without leading and trailing white space and newlines (see ``Substring/trimmingWhitespace()``).
    func trimmingWhitespace() -> Substring {
        self[...].trimmingWhitespace()
    }
}
