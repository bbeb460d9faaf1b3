/// Reads a word one slip away from a word the safety rules name as that word: "knif" → "knife", "wil" → "will",
/// "atack" → "attack", "kiled" → "killed".
///
/// A slip is one letter missing, added, changed or two letters swapped, never the first letter. Short words are
/// risky ("fill" is not "kill"), so a rule word of four letters is reached only by a missing letter or a swap, and
/// words of fewer than four letters are never targets. A real word of its own (the content's `not_typos`, e.g.
/// "attach", "skill") is never corrected.
struct SafetySpelling: Sendable {
    /// Target words by length and first byte (a slip keeps the first letter), each list in alphabetical order.
    private let targets: [Int: [[UInt8]]]
    private let exact: Set<String>
    private let realWords: Set<String>

    init(targets: Set<String>, realWords: Set<String>) {
        var expanded = targets
        for word in targets where word.count >= 4 {
            for suffix in ["s", "ed", "ing", "er", "es"] { expanded.insert(word + suffix) }
            if let last = word.last, !"aeiouy".contains(last) {
                expanded.insert(word + String(last) + "ed")
                expanded.insert(word + String(last) + "ing")
            }
        }
        exact = expanded
        var byLength: [Int: [[UInt8]]] = [:]
        for word in expanded.sorted() where word.count >= 4 && word.utf8.allSatisfy({ $0 < 0x80 }) {
            byLength[Self.bucket(length: word.utf8.count, first: word.utf8.first ?? 0), default: []].append(
                Array(word.utf8)
            )
        }
        self.targets = byLength
        self.realWords = realWords
    }

    /// `tokens` with each slip corrected.
    func correct(_ tokens: [String]) -> [String] {
        tokens.map(correct)
    }

    func correct(_ token: String) -> String {
        guard token.utf8.count >= 3, !exact.contains(token), !realWords.contains(token) else { return token }
        let bytes = Array(token.utf8)
        for length in [bytes.count + 1, bytes.count, bytes.count - 1] {
            for target in targets[Self.bucket(length: length, first: bytes[0])] ?? []
            where Self.isSlip(bytes, of: target) {
                return String(decoding: target, as: UTF8.self)
            }
        }
        return token
    }

    private static func bucket(length: Int, first: UInt8) -> Int {
        length << 8 | Int(first)
    }

    /// Whether `word` is `target` with one slip, keeping the first letter; four-letter targets only by a missing
    /// letter or a swap.
    static func isSlip(_ word: [UInt8], of target: [UInt8]) -> Bool {
        guard let first = word.first, first == target.first, word != target else { return false }
        let shortTarget = target.count <= 4
        if word.count + 1 == target.count {
            // One letter missing.
            var index = 0
            while index < word.count, word[index] == target[index] { index += 1 }
            return word[index...] == target[(index + 1)...]
        }
        if word.count == target.count {
            var differences: [Int] = []
            for index in word.indices where word[index] != target[index] {
                differences.append(index)
                if differences.count > 2 { return false }
            }
            if differences.count == 2 {
                let (a, b) = (differences[0], differences[1])
                return b == a + 1 && word[a] == target[b] && word[b] == target[a]
            }
            return differences.count == 1 && !shortTarget
        }
        if word.count == target.count + 1, !shortTarget {
            // One letter added.
            var index = 0
            while index < target.count, word[index] == target[index] { index += 1 }
            return word[(index + 1)...] == target[index...]
        }
        return false
    }
}
