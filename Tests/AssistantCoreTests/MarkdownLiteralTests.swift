import AssistantCore
import Testing

struct MarkdownLiteralTests {
    static let typed = [
        "[click here](https://phish.example/login)", "**urgent** and _now_ and `code`", "# not a heading",
        #"C:\temp\new \* \\ end\"#, "plain words", "", "emoji 🙂 and accents é",
    ]

    @Test(arguments: typed)
    func escapedTextReadsBackAsTyped(_ text: String) {
        #expect(MarkdownLiteral.unescaped(MarkdownLiteral.escaped(text)) == text)
    }

    @Test func escapedTextHasNoMarkupCharacterLeftForAParser() {
        let protected = MarkdownLiteral.protect(MarkdownLiteral.escaped("[a](https://x.example) **b** `c` _d_ #e \\"))
        #expect(!protected.contains { MarkdownLiteral.markupCharacters.contains($0) })
        #expect(protected.contains(" "))
    }

    @Test func onlyEscapesOfMarkupCharactersAreRead() {
        // A backslash before anything else (a path, a lone one at the end) stays as written.
        #expect(MarkdownLiteral.unescaped(#"C:\temp\ \"#) == #"C:\temp\ \"#)
        #expect(MarkdownLiteral.unescaped(#"\*not bold\*"#) == "*not bold*")
        #expect(
            MarkdownLiteral.restore(MarkdownLiteral.protect(#"a\[b"#)) { "&#\($0.unicodeScalars.first?.value ?? 0);" }
                == "a&#91;b"
        )
    }

    @Test func theFormSummaryQuotesAnswersAsTyped() throws {
        let runner = FormRunner(form: FormFixture.form, today: FormFixture.today)
        var session = FormSession(formID: FormFixture.form.id, reporterID: "console:sam", firstSlot: "who")
        session.answers["who"] = .choice("student")
        session.answers["name"] = .text("see [this](https://phish.example) **now**")
        let summary = runner.summary(session)
        #expect(summary.contains(#"see \[this\]\(https://phish.example\) \*\*now\*\*"#))
        #expect(MarkdownLiteral.unescaped(summary).contains("see [this](https://phish.example) **now**"))
    }
}
