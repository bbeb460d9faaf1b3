import IntentClassifier
import Testing

@Suite struct WordPieceTokenizerTests {
    static let small = WordPieceTokenizer(vocabulary: ["[UNK]", "un", "##aff", "##able", "runn", "##ing", "want"])

    @Test func greedyLongestMatchWithContinuationPieces() {
        #expect(Self.small.tokens("unaffable") == ["un", "##aff", "##able"])
        #expect(Self.small.tokens("running want") == ["runn", "##ing", "want"])
        // A word that cannot be split completely is one unknown token.
        #expect(Self.small.tokens("unwanted") == ["[UNK]"])
        #expect(Self.small.tokenIDs("want unaffable") == [6, 1, 2, 3])
    }

    @Test func basicTokenisationLowercasesStripsAccentsAndSplitsPunctuation() {
        #expect(WordPieceTokenizer.basicWords("Héllo, WORLD!") == ["hello", ",", "world", "!"])
        #expect(WordPieceTokenizer.basicWords("naïve café RÉSUMÉ") == ["naive", "cafe", "resume"])
        // NFD input (e + combining acute) folds the same way.
        #expect(WordPieceTokenizer.basicWords("cafe\u{301}") == ["cafe"])
        #expect(WordPieceTokenizer.basicWords("I can't\tgo...") == ["i", "can", "'", "t", "go", ".", ".", "."])
        #expect(WordPieceTokenizer.basicWords("e-mail x@y.com") == ["e", "-", "mail", "x", "@", "y", ".", "com"])
        // CJK ideographs are single tokens; zero-width spaces and controls are removed without a split.
        #expect(WordPieceTokenizer.basicWords("北京 is") == ["北", "京", "is"])
        #expect(WordPieceTokenizer.basicWords("hello\u{200B}world\u{0007}") == ["helloworld"])
        #expect(WordPieceTokenizer.basicWords("  \n ").isEmpty)
    }

    /// Expected tokens are those of the model's own tokenizer.json (Hugging Face `tokenizers` 0.23).
    @Test func realVocabularyMatchesTheReferenceTokenizer() throws {
        let vectors = try #require(VectorsFixture.real, "models/\(VectorsFixture.fileName) is missing")
        let tokenizer = vectors.tokenizer
        #expect(tokenizer.tokens("unaffable") == ["una", "##ffa", "##ble"])
        #expect(tokenizer.tokens("Héllo, WORLD!") == ["hello", ",", "world", "!"])
        #expect(tokenizer.tokens("straße") == ["st", "##raße"])
        #expect(
            tokenizer.tokens("how do i transfer $100 to my savings?")
                == ["how", "do", "i", "transfer", "$", "100", "to", "my", "savings", "?"]
        )
        #expect(tokenizer.tokens("hello\u{200B}world") == ["hello", "##world"])
        #expect(tokenizer.tokens("Ｆｕｌｌ width") == ["[UNK]", "width"])
    }

    @Test func veryLongWordsAreUnknown() {
        let word = String(repeating: "a", count: 101)
        #expect(Self.small.tokens(word) == ["[UNK]"])
    }
}
