import Foundation
import Testing

@testable import Platforms

/// The pure Markdown → Telegram HTML converter and the 4096-character splitter.
@Suite
struct TelegramTextTests {
    func html(_ markdown: String) -> String {
        TelegramHTML.render(TelegramMarkdown.parse(markdown))
    }

    @Test func escapesEverythingThePersonTyped() {
        #expect(html("a < b & c > d \"q\"") == "a &lt; b &amp; c &gt; d \"q\"")
        #expect(html("<b>not bold</b> &amp;") == "&lt;b&gt;not bold&lt;/b&gt; &amp;amp;")
    }

    @Test func rendersTheAssistantsMarkdownSubset() {
        #expect(html("**Notice** the _facts_ and *dates*") == "<b>Notice</b> the <i>facts</i> and <i>dates</i>")
        #expect(html("run `kb check` now") == "run <code>kb check</code> now")
        #expect(
            html("see [the guidance](https://gov.uk/prevent?a=1&b=2)")
                == "see <a href=\"https://gov.uk/prevent?a=1&amp;b=2\">the guidance</a>"
        )
        #expect(html("[file](intents/x.yaml)") == "file (intents/x.yaml)")
        #expect(html("- one\n* two\n  - nested\n1. first") == "• one\n• two\n  • nested\n1. first")
        #expect(html("## Next steps") == "<b>Next steps</b>")
        #expect(
            html("**bold [link](https://x.org) end**")
                == "<b>bold </b><a href=\"https://x.org\"><b>link</b></a><b> end</b>"
        )
    }

    @Test func leavesUnpairedAndInWordMarkersAsTyped() {
        #expect(html("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4")
        #expect(html("**unclosed bold") == "**unclosed bold")
        #expect(html("a lone ` backtick") == "a lone ` backtick")
        #expect(html("bold **across\nlines**") == "bold **across\nlines**")
        #expect(html("[square] {curly} \\ backslash") == "[square] {curly} \\ backslash")
    }

    @Test func codeIsNeverNestedInsideOtherMarkup() {
        #expect(html("**see `x < y`**") == "<b>see </b><code>x &lt; y</code>")
    }

    @Test func shortRepliesAreOnePart() {
        #expect(TelegramHTML.parts("**hello**") == ["<b>hello</b>"])
        #expect(TelegramHTML.parts("  \n ").isEmpty)
    }

    @Test func splitsAtParagraphsFirstAndKeepsEveryCharacter() {
        let paragraph = String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces)  // 149 chars
        let text = (1...6).map { "\($0) \(paragraph)." }.joined(separator: "\n\n")
        let parts = TelegramSplitter.split(TelegramMarkdown.parse(text), limit: 400)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.visibleLength <= 400 })
        #expect(parts.map { $0.plain.hasSuffix(".") } == [true, true, true])
        #expect(parts.map(\.plain).joined(separator: "\n\n") == text)
    }

    @Test func splitsALongLineAtSentencesThenWords() {
        let sentence = "Staff should share a concern the same day. "
        let text = String(repeating: sentence, count: 20)
        let parts = TelegramSplitter.split(TelegramMarkdown.parse(text), limit: 100)
        #expect(parts.count >= 9)
        #expect(parts.allSatisfy { $0.plain.hasSuffix(".") && $0.visibleLength <= 100 })
        let words = String(repeating: "abcdefghi ", count: 30)
        let wordParts = TelegramSplitter.split(TelegramMarkdown.parse(words), limit: 45)
        #expect(wordParts.allSatisfy { $0.plain.hasSuffix("abcdefghi") && $0.visibleLength <= 45 })
        #expect(wordParts.map(\.plain).joined(separator: " ") == words.trimmingCharacters(in: .whitespaces))
    }

    @Test func countsUTF16AndNeverCutsACharacterOrATag() {
        let emoji = String(repeating: "👩‍⚕️", count: 30)  // 5 UTF-16 units each, no spaces
        let parts = TelegramSplitter.split(TelegramMarkdown.parse("**\(emoji)**"), limit: 52)
        #expect(parts.allSatisfy { $0.visibleLength <= 52 })
        #expect(parts.map(\.plain).joined() == emoji)
        let rendered = parts.map(TelegramHTML.render)
        #expect(rendered.allSatisfy { $0.hasPrefix("<b>") && $0.hasSuffix("</b>") })
        let escaped = TelegramSplitter.split(TelegramMarkdown.parse(String(repeating: "<&>", count: 50)), limit: 10)
        #expect(escaped.map(TelegramHTML.render).allSatisfy { !$0.hasSuffix("&") && !$0.hasSuffix("&am") })
        #expect(escaped.map(\.plain).joined() == String(repeating: "<&>", count: 50))
    }

    @Test func theStubReadsTheRenderedHTMLBackToTheTypedText() throws {
        let typed = "a < b & c > d, \"quotes\", [square] **bold** `x<y` [link](https://e.org/?q=\"1\")"
        let visible = try TelegramEntityReader.visibleText(html(typed))
        #expect(visible == "a < b & c > d, \"quotes\", [square] bold x<y link")
    }
}
