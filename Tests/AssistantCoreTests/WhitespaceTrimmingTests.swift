import Testing

@testable import AssistantCore

@Suite("Trimming white space")
struct WhitespaceTrimmingTests {
    @Test(
        "leading and trailing white space goes, the middle stays as it is",
        arguments: [
            ("  hello  ", "hello"),
            ("\n\t what  now? \r\n", "what  now?"),
            ("\u{00A0}no-break\u{2003}", "no-break"),
            ("   ", ""),
            ("", ""),
            ("é́ café ", "é́ café"),
            ("one\n\ntwo", "one\n\ntwo"),
        ]
    )
    func trims(input: String, expected: String) {
        #expect(String(input.trimmingWhitespace()) == expected)
        #expect(String(("[" + input + "]").dropFirst().dropLast().trimmingWhitespace()) == expected)
    }

    @Test("a trimmed slice shares the text's storage: its indices are the text's own")
    func sliceOfTheSameText() {
        let text = "  an article body\n\n"
        let trimmed = text.trimmingWhitespace()
        #expect(text[trimmed.startIndex..<trimmed.endIndex] == "an article body")
    }
}
