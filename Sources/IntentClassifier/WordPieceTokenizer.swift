import TextNormalization

/// BERT "uncased" tokenisation: basic tokenisation (clean-up, lower-casing, accent stripping, punctuation and
/// CJK ideographs split off) followed by greedy longest-match-first WordPiece with `##` continuation pieces.
///
/// It follows the reference `BasicTokenizer` + `WordpieceTokenizer` of BERT, with one approximation: there is
/// no Unicode NFD table in the standard library, so accents are stripped by the normaliser's Latin-1 / Latin
/// Extended-A table (é → e, ñ → n) plus dropping combining marks (so NFD input gives the same result). Letters
/// that NFD does not decompose (ß, æ, ø, đ) are kept. Immutable and `Sendable`.
public struct WordPieceTokenizer: Sendable {
    /// The vocabulary in id order.
    public let vocabulary: [String]
    /// Id of the unknown-word token.
    public let unknownID: Int
    let ids: [String: Int32]
    let maxWordScalars: Int

    /// - Parameters:
    ///   - vocabulary: tokens in id order (continuation pieces start with `##`).
    ///   - unknownToken: the token for words that cannot be split (it must be in the vocabulary, else id -1).
    ///   - maxWordScalars: longer words become the unknown token (BERT: 100).
    public init(vocabulary: [String], unknownToken: String = "[UNK]", maxWordScalars: Int = 100) {
        self.vocabulary = vocabulary
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(vocabulary.count)
        for (i, token) in vocabulary.enumerated() where ids[token] == nil { ids[token] = Int32(i) }
        self.ids = ids
        self.unknownID = ids[unknownToken].map(Int.init) ?? -1
        self.maxWordScalars = maxWordScalars
    }

    /// WordPiece tokens of `text` (unknown words as the unknown token).
    public func tokens(_ text: String) -> [String] {
        tokenIDs(text).map { $0 >= 0 ? vocabulary[$0] : "[UNK]" }
    }

    /// WordPiece ids of `text` (no [CLS]/[SEP] added).
    public func tokenIDs(_ text: String) -> [Int] {
        var out: [Int] = []
        for word in Self.basicTokens(text) { appendPieces(of: word, to: &out) }
        return out
    }

    func appendPieces(of word: [Unicode.Scalar], to out: inout [Int]) {
        guard word.count <= maxWordScalars else {
            out.append(unknownID)
            return
        }
        let mark = out.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32? = nil
            while end > start {
                var piece = start > 0 ? "##" : ""
                piece.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = ids[piece] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                out.removeSubrange(mark...)
                out.append(unknownID)
                return
            }
            out.append(Int(id))
            start = end
        }
    }

    // MARK: - Basic tokenisation

    /// Words after BERT's basic tokenisation (lower-cased, accents stripped, punctuation and CJK split off).
    public static func basicWords(_ text: String) -> [String] {
        basicTokens(text).map { word in
            var s = ""
            s.unicodeScalars.append(contentsOf: word)
            return s
        }
    }

    static func basicTokens(_ text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x61...0x7A, 0x30...0x39: current.append(scalar)
                case 0x41...0x5A: current.append(Unicode.Scalar(UInt8(v + 0x20)))
                case 0x09, 0x0A, 0x0D, 0x20: flush()
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    flush()
                    words.append([scalar])
                default: break  // other ASCII controls are removed
                }
                continue
            }
            if v == 0xFFFD { continue }
            if isCJKIdeograph(v) {
                flush()
                words.append([scalar])
                continue
            }
            if let folded = TextNormalizer.latinFold(v), folded.unicodeScalars.count == 1 {
                current.append(contentsOf: folded.unicodeScalars)
                continue
            }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: flush()
            case .control, .format, .nonspacingMark: continue
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                flush()
                words.append([scalar])
            default:
                if properties.changesWhenLowercased {
                    current.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
                } else {
                    current.append(scalar)
                }
            }
        }
        flush()
        return words
    }

    static func isCJKIdeograph(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
