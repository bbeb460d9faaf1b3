import Testing
import TextNormalization

/// What the dialogue relies on: staff's contractions, spellings and typos meet one form; odd input never traps.
struct DialogueNormalizationTests {
    let normalizer = TextNormalizer()

    @Test(arguments: [
        ("What's Channel?", "what is channel"),
        ("I DON'T know", "i do not know"),
        ("He’ll do it", "he will do it"),
        ("radicalisation BEHAVIOUR", "radicalization behavior"),
        ("radicalization behavior", "radicalization behavior"),
        ("recieve a referal", "receive a referral"),
        ("He's an extreamist, says my colleage", "he is an extremist says my colleague"),
        ("Café  résumé", "cafe resume"),
        ("student's tutor", "student tutor"),
        ("gonna", "going to"),
        ("", ""),
        ("!!! ??? ...", ""),
    ])
    func normalises(_ input: String, _ expected: String) {
        #expect(normalizer.normalize(input) == expected)
    }

    @Test func survivesHugeAndOddInput() {
        let huge = String(repeating: "word ", count: 200_000)
        #expect(normalizer.tokens(huge).count == 200_000)
        let odd = "\u{FFFD}\u{0000}\u{202E}abc\u{1F600}"
        #expect(normalizer.tokens(odd) == ["abc"])
    }
}
