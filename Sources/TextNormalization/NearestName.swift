/// The known name closest to a misspelt one, by edit distance (insertions, deletions, substitutions, and swaps of two
/// neighbouring letters), for "did you mean …?" in configuration errors: one implementation for the bot's and the
/// relay's configuration readers.
public enum NearestName {
    /// The nearest of `known` to `key`, when it is close enough to be a likely typo (at most a third of its letters,
    /// and at least 2, differ); ties go to the alphabetically first.
    public static func suggestion(for key: String, among known: some Sequence<String>) -> String? {
        let limit = max(2, key.count / 3)
        var best: (key: String, distance: Int)?
        for candidate in known.sorted() {
            let distance = Self.distance(key.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    /// The optimal-string-alignment distance between `a` and `b`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
