extension Reply {
    /// This reply with ``Effect/referencePlaceholder`` replaced by the first stored concern's reference and
    /// ``Effect/snippetPlaceholder`` by the first stored snippet's id (a placeholder with nothing stored stays).
    public func filling(references: [String], snippetIDs: [String] = []) -> Reply {
        var filled = text
        for (placeholder, value) in [
            (Effect.referencePlaceholder, references.first), (Effect.snippetPlaceholder, snippetIDs.first),
        ] {
            guard let value, filled.contains(placeholder) else { continue }
            filled = filled.split(separator: placeholder, omittingEmptySubsequences: false).joined(separator: value)
        }
        return filled == text ? self : Reply(kind: kind, text: filled, suggestions: suggestions)
    }
}
