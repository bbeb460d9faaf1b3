/// Turns free text into a canonical list of word tokens.
///
/// Steps, in order:
/// 1. Unicode folding per scalar: case folding, accents removed (Latin-1 / Latin Extended-A table plus
///    dropping combining marks, so both NFC and NFD input fold the same), curly quotes and backticks become
///    an apostrophe, dashes / punctuation / symbols / controls become spaces, invisible format characters
///    (zero-width space, joiners, BOM, direction marks) are dropped, `&` becomes "and".
/// 2. Tokenisation on spaces; leading and trailing apostrophes removed.
/// 3. Contractions: "don't" / "dont" → "do not", "i'm" / "im" → "i am", "what's" / "whats" → "what is",
///    possessive "'s" dropped ("student's" → "student"), other inner apostrophes removed.
/// 4. Spelling: common typos ("recieve" → "receive"), British/American variants folded to one canonical
///    (American) form: -ise/-ize, -isation/-ization, -yse/-yze, -our/-or, -re/-er, programme, licence,
///    defence, travelled, judgement, …
///
/// The normaliser works in linear time on the scalars of the input and never fails: any `String`
/// (empty, 1 MB, emoji, control characters, lone combining marks) gives a possibly empty token list.
public struct TextNormalizer: Sendable {
    public init() {}

    /// The tokens joined by single spaces.
    public func normalize(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    /// Canonical word tokens of `text`.
    public func tokens(_ text: String) -> [String] {
        let folded = Self.foldScalars(text)
        var result: [String] = []
        result.reserveCapacity(folded.count / 4 + 1)
        var start = 0
        let count = folded.count
        folded.withUnsafeBufferPointer { buffer in
            var index = 0
            while index <= count {
                if index == count || buffer[index] == 0x20 {
                    if index > start {
                        Self.appendToken(UnsafeBufferPointer(rebasing: buffer[start..<index]), to: &result)
                    }
                    start = index + 1
                }
                index += 1
            }
        }
        return result
    }

    // MARK: - Scalar folding

    static let apostrophe: UInt8 = 0x27

    /// Folds scalars into UTF-8 bytes: lower-case letters, digits, apostrophes and single spaces.
    static func foldScalars(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        @inline(__always) func space() {
            if !lastWasSpace {
                out.append(0x20)
                lastWasSpace = true
            }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x61...0x7A, 0x30...0x39:
                    out.append(b)
                    lastWasSpace = false
                case 0x41...0x5A:
                    out.append(b + 0x20)
                    lastWasSpace = false
                case 0x27, 0x60:
                    out.append(apostrophe)
                    lastWasSpace = false
                case 0x26:  // &
                    space()
                    out.append(contentsOf: [0x61, 0x6E, 0x64])
                    lastWasSpace = false
                    space()
                default:
                    space()
                }
                continue
            }
            switch v {
            case 0x2018, 0x2019, 0x201B, 0x02BC, 0x00B4, 0x2032, 0xFF07:
                out.append(apostrophe)
                lastWasSpace = false
                continue
            case 0x00AD, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x202A...0x202E, 0x2066...0x2069:
                continue  // soft hyphen and invisible format characters: dropped without a break
            default:
                break
            }
            if let folded = latinFold(v) {
                out.append(contentsOf: folded.utf8)
                lastWasSpace = false
                continue
            }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                continue  // combining accents (NFD input) are dropped
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber:
                if properties.changesWhenLowercased {
                    out.append(contentsOf: properties.lowercaseMapping.utf8)
                } else {
                    var buffer = Unicode.UTF8.encode(scalar)
                    if let encoded = buffer {
                        out.append(contentsOf: encoded)
                    }
                    buffer = nil
                }
                lastWasSpace = false
            default:
                space()
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return out
    }

    /// Accent folding table for U+00C0...U+017F (Latin-1 Supplement letters and Latin Extended-A).
    static let latinTable: [String] = {
        var table: [String] = [
            // C0-CF
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            // D0-DF (D7 is the multiplication sign)
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
            // E0-EF
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
            // F0-FF (F7 is the division sign)
            "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        ]
        let runs: [(String, Int)] = [
            ("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 10), ("ij", 2), ("j", 2),
            ("k", 3), ("l", 10), ("n", 9), ("o", 6), ("oe", 2), ("r", 6), ("s", 8), ("t", 6), ("u", 12),
            ("w", 2), ("y", 3), ("z", 6), ("s", 1),
        ]
        for (letters, count) in runs {
            table.append(contentsOf: repeatElement(letters, count: count))
        }
        return table
    }()

    /// The ASCII letters for a Latin-1 or Latin Extended-A letter scalar (`é` → `e`, `ß` → `ss`), or nil.
    public static func latinFold(_ v: UInt32) -> String? {
        guard v >= 0xC0 && v <= 0x17F, v != 0xD7, v != 0xF7 else { return nil }
        return latinTable[Int(v - 0xC0)]
    }

    // MARK: - Token rules

    static func appendToken(_ raw: UnsafeBufferPointer<UInt8>, to result: inout [String]) {
        // Trim apostrophes at both ends.
        var lower = raw.startIndex
        var upper = raw.endIndex
        while lower < upper && raw[lower] == apostrophe { lower += 1 }
        while upper > lower && raw[upper - 1] == apostrophe { upper -= 1 }
        guard lower < upper else { return }
        let bytes = UnsafeBufferPointer(rebasing: raw[lower..<upper])
        if bytes.contains(apostrophe) {
            let word = String(decoding: bytes, as: UTF8.self)
            if let expansion = Lexicon.contractions[word] {
                for part in expansion { appendWord(part, to: &result) }
                return
            }
            // Generic suffix rules on the last apostrophe.
            let parts = word.split(separator: "'", omittingEmptySubsequences: true).map(String.init)
            if parts.count == 2 {
                let stem = parts[0]
                let suffix = parts[1]
                switch suffix {
                case "t" where stem.hasSuffix("n") && stem.count > 1:
                    appendWord(String(stem.dropLast()), to: &result)
                    result.append("not")
                    return
                case "s":
                    appendWord(stem, to: &result)
                    if Lexicon.isContractingS.contains(stem) { result.append("is") }
                    return
                default:
                    if let verb = Self.contractedVerbs[suffix] {
                        appendWord(stem, to: &result)
                        result.append(verb)
                        return
                    }
                }
            }
            appendWord(parts.joined(), to: &result)
            return
        }
        appendWord(String(decoding: bytes, as: UTF8.self), to: &result)
    }

    /// The verb a contraction suffix stands for ("we're" → we are).
    static let contractedVerbs = ["re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"]

    /// Applies the word-level tables (apostrophe-less contractions, typos, spelling) to one word.
    static func appendWord(_ word: String, to result: inout [String]) {
        guard !word.isEmpty else { return }
        if let expansion = Lexicon.contractions[word] {
            result.append(contentsOf: expansion)
            return
        }
        if let fixed = Lexicon.wordMap[word] {
            result.append(fixed)
            return
        }
        result.append(Lexicon.foldSpelling(word))
    }
}
