/// Turns what staff type into comparable word tokens: case folding, quote and dash folding, contractions,
/// British/American spellings and a few common typos.
///
/// Pure and allocation-light: it walks Unicode scalars once. Any input, including empty text, very long text and
/// text that was decoded from invalid UTF-8 (replacement characters), gives a token list without trapping.
public struct TextNormalizer: Sendable {
    public init() {}

    /// The word tokens of `text`, normalised.
    public func tokens(_ text: String) -> [String] {
        var raw: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                raw.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            if let folded = Self.fold(scalar) {
                if folded == "'" {
                    // Keep apostrophes inside words ("don't"); drop them elsewhere.
                    if !current.isEmpty { current.append(folded) }
                } else {
                    current.append(folded)
                }
            } else {
                flush()
            }
        }
        flush()
        var result: [String] = []
        result.reserveCapacity(raw.count)
        for token in raw {
            let trimmed = token.hasSuffix("'") ? String(token.dropLast()) : token
            if let expansion = Self.contractions[trimmed] {
                result.append(contentsOf: expansion)
            } else if trimmed.hasSuffix("'s") {
                result.append(Self.canonical(String(trimmed.dropLast(2))))
            } else if trimmed.hasSuffix("n't") {
                result.append(Self.canonical(String(trimmed.dropLast(3))))
                result.append("not")
            } else if trimmed.hasSuffix("'ll") {
                result.append(Self.canonical(String(trimmed.dropLast(3))))
                result.append("will")
            } else if trimmed.hasSuffix("'re") || trimmed.hasSuffix("'ve") {
                result.append(Self.canonical(String(trimmed.dropLast(3))))
                result.append(trimmed.hasSuffix("'re") ? "are" : "have")
            } else if !trimmed.isEmpty {
                result.append(Self.canonical(trimmed.replacingApostrophes()))
            }
        }
        return result.filter { !$0.isEmpty }
    }

    /// The normalised tokens joined by single spaces.
    public func normalize(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// Lower-cases letters and digits, folds curly apostrophes, returns `nil` for separators and punctuation.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "'", "\u{2019}", "\u{2018}", "`": return "'"
        default: break
        }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else { return nil }
        if scalar.isASCII {
            return scalar.properties.isUppercase ? Unicode.Scalar(scalar.value + 32) : scalar
        }
        let lower = properties.lowercaseMapping.unicodeScalars
        guard let first = lower.first else { return scalar }
        return Self.accentFolding[first] ?? first
    }

    private static func canonical(_ word: String) -> String {
        if let fixed = spellings[word] { return fixed }
        return word
    }

    private static let accentFolding: [Unicode.Scalar: Unicode.Scalar] = [
        "à": "a", "á": "a", "â": "a", "ä": "a", "ç": "c", "è": "e", "é": "e", "ê": "e", "ë": "e", "ì": "i",
        "í": "i", "î": "i", "ï": "i", "ñ": "n", "ò": "o", "ó": "o", "ô": "o", "ö": "o", "ù": "u", "ú": "u",
        "û": "u", "ü": "u",
    ]

    static let contractions: [String: [String]] = [
        "i'm": ["i", "am"], "im": ["i", "am"], "ive": ["i", "have"], "whats": ["what", "is"],
        "what's": ["what", "is"], "who's": ["who", "is"], "whos": ["who", "is"], "it's": ["it", "is"],
        "that's": ["that", "is"], "thats": ["that", "is"], "there's": ["there", "is"], "dont": ["do", "not"],
        "doesnt": ["does", "not"], "didnt": ["did", "not"], "cant": ["can", "not"], "can't": ["can", "not"],
        "won't": ["will", "not"], "wont": ["will", "not"], "isnt": ["is", "not"], "shouldnt": ["should", "not"],
        "couldnt": ["could", "not"], "wouldnt": ["would", "not"], "havent": ["have", "not"],
        "hasnt": ["has", "not"], "arent": ["are", "not"], "wasnt": ["was", "not"], "gonna": ["going", "to"],
        "wanna": ["want", "to"], "gotta": ["got", "to"], "theyre": ["they", "are"], "youre": ["you", "are"],
        "he'd": ["he", "would"], "she'd": ["she", "would"], "they'd": ["they", "would"], "i'd": ["i", "would"],
        "hes": ["he", "is"], "shes": ["she", "is"], "theyll": ["they", "will"], "hell": ["he", "will"],
        "shell": ["she", "will"], "ill": ["i", "will"], "u": ["you"], "ur": ["your"], "pls": ["please"],
        "plz": ["please"], "thx": ["thanks"], "ty": ["thanks"],
    ]

    static let spellings: [String: String] = [
        "radicalize": "radicalise", "radicalized": "radicalised", "radicalizing": "radicalising",
        "radicalization": "radicalisation", "behavior": "behaviour", "behaviors": "behaviours",
        "organization": "organisation", "organizations": "organisations", "center": "centre", "program": "programme",
        "programs": "programmes", "counselor": "counsellor", "counseling": "counselling", "defense": "defence",
        "license": "licence", "recognize": "recognise", "analyze": "analyse", "judgment": "judgement",
        "recieve": "receive", "recieved": "received", "beleive": "believe", "seperate": "separate",
        "concious": "conscious", "goverment": "government", "wierd": "weird", "extreamist": "extremist",
        "extremeist": "extremist", "referal": "referral", "refferal": "referral", "referals": "referrals",
        "saftey": "safety", "safegaurding": "safeguarding", "colleage": "colleague", "collegue": "colleague",
        "tommorow": "tomorrow", "tomorow": "tomorrow", "prevnet": "prevent",
    ]
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        contains("'") ? String(unicodeScalars.filter { $0 != "'" }.map(Character.init)) : self
    }
}
