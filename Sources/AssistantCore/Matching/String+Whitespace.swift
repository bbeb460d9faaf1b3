extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    func trimmingWhitespace() -> Substring {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else {
            return Substring("")
        }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return Substring(Substring.UnicodeScalarView(scalars[first...last]))
    }
}
