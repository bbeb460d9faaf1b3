import AssistantCore
import Testing

/// The share form through the form engine: de-identification before anything is kept, sentence limits, several
/// themes at once, and the snippet effect on submit.
struct ShareFormTests {
    static let form = FormDefinition(
        id: "share_practice",
        title: "Share good practice",
        privacy: .anywhere,
        intro: "INTRO",
        slots: [
            FormSlot(
                id: "title",
                label: "Title",
                prompt: "Title?",
                help: "",
                kind: .text(minLength: 5, maxLength: 120),
                sensitivity: .plain,
                check: .deidentified
            ),
            FormSlot(
                id: "what_was_done",
                label: "What was done",
                prompt: "What was done?",
                help: "",
                kind: .text(minLength: 20, maxLength: 1_200),
                sensitivity: .plain,
                check: .deidentified,
                sentences: 2...5
            ),
            FormSlot(
                id: "why_it_worked",
                label: "Why it worked",
                prompt: "Why?",
                help: "",
                kind: .text(minLength: 5, maxLength: 800),
                sensitivity: .plain,
                check: .deidentified
            ),
            FormSlot(
                id: "tags",
                label: "Themes",
                prompt: "Themes?",
                help: "",
                kind: .choices(SnippetTag.allCases.map { .init(id: $0.rawValue, label: $0.label) }, maximum: 3),
                sensitivity: .plain
            ),
            FormSlot(
                id: "visibility",
                label: "Who may see it",
                prompt: "Who?",
                help: "",
                kind: .choice([.init(id: "institution", label: "Here only"), .init(id: "shared", label: "Others too")]),
                sensitivity: .plain
            ),
        ],
        submitted: "Saved as {{snippet.id}}.",
        cancelled: "Cancelled.",
        purpose: .snippet
    )

    let runner = FormRunner(form: Self.form, today: FormFixture.today)

    @Test func personalDataIsRefusedAndNotKept() throws {
        let start = runner.start(reporterID: "console:sam")
        let session = try #require(start.session)
        let named = runner.step(session, input: "Briefings run by Sarah Khan")
        #expect(named.messages.joined().contains("\"Sarah Khan\" looks like a person's name"))
        #expect(named.session?.answers.isEmpty == true)
        #expect(named.session?.pendingSlot == "title")
        let fixed = runner.step(try #require(named.session), input: "Briefings run by the Prevent lead")
        #expect(fixed.session?.answers["title"] == .text("Briefings run by the Prevent lead"))

        let story = runner.step(
            try #require(fixed.session),
            input: "One of our students was referred last week after he shared a video. We supported him."
        )
        #expect(story.messages.joined().contains("one person's case"))
        #expect(story.session?.answers["what_was_done"] == nil)
        let short = runner.step(try #require(story.session), input: "We run a briefing for all new staff members")
        #expect(short.messages.joined().contains("2 to 5 sentences"))
    }

    @Test func aCompletedFormBecomesASnippetEffect() throws {
        let assistant = Assistant(
            knowledge: KnowledgeBase(intents: [], articles: [], safetyRules: .empty, forms: [Self.form]),
            matcher: ScriptedMatcher(responses: [:]),
            institution: InstitutionProfile()
        )
        var state = ConversationState.initial
        var outcome = assistant.handle(Self.message("share good practice"), state: state)
        #expect(outcome.replies.first?.text.contains("Title?") == true)
        var effects: [Effect] = []
        for line in [
            "Termly briefings for wardens", "Wardens get a briefing each term. It covers who to call.",
            "They know the route before they need it.", "1, welfare and pastoral", "2", "yes",
        ] {
            state = outcome.state
            outcome = assistant.handle(Self.message(line), state: state)
            effects += outcome.effects
        }
        #expect(outcome.replies.first?.text == "Saved as {{snippet.id}}.")
        guard case .submitSnippet(let snippet, let author) = try #require(effects.first) else {
            Issue.record("expected a snippet effect, got \(effects)")
            return
        }
        #expect(author == "console:sam")
        #expect(snippet.tags == [.training, .welfareAndPastoral])
        #expect(snippet.visibility == .shared)
        #expect(snippet.title == "Termly briefings for wardens")
    }

    @Test func findAsksForATopicThenSearches() {
        let assistant = Assistant(
            knowledge: KnowledgeBase(intents: [], articles: [], safetyRules: .empty),
            matcher: ScriptedMatcher(responses: [:]),
            institution: InstitutionProfile()
        )
        let asked = assistant.handle(Self.message("find good practice"), state: .initial)
        #expect(asked.replies.first?.text.contains("What would you like good practice on?") == true)
        #expect(asked.state.awaitingSnippetQuery == true)
        let searched = assistant.handle(Self.message("visiting speakers"), state: asked.state)
        #expect(
            searched.effects == [
                .snippetRequest(.search(query: "visiting speakers", tag: nil, requester: "console:sam"))
            ]
        )
        let byTheme = assistant.handle(Self.message("2"), state: asked.state)
        #expect(
            byTheme.effects == [
                .snippetRequest(.search(query: "", tag: .externalSpeakersAndEvents, requester: "console:sam"))
            ]
        )
        let cards = ConversationState(snippetCards: ["seed-a", "GP-0002"])
        let more = assistant.handle(Self.message("more 2"), state: cards)
        #expect(more.effects == [.snippetRequest(.show(id: "GP-0002", requester: "console:sam"))])
        #expect(more.state.snippetShown == "GP-0002")
        let rated = assistant.handle(Self.message("yes"), state: more.state)
        #expect(rated.effects == [.snippetRequest(.feedback(id: "GP-0002", useful: true, requester: "console:sam"))])
        let reject = assistant.handle(Self.message("reject GP-3 because it names a hall"), state: .initial)
        #expect(
            reject.effects == [
                .snippetRequest(.reject(id: "GP-0003", reason: "it names a hall", requester: "console:sam"))
            ]
        )
    }

    @Test func multipleChoicesAcceptNumbersWordsAndLimits() throws {
        let parser = SlotAnswerParser(today: FormFixture.today)
        let slot = Self.form.slots[3]
        #expect(try parser.parse("1, 3", for: slot).get() == .choices(["training", "welfare_and_pastoral"]))
        #expect(
            try parser.parse("2 and 6", for: slot).get() == .choices(["external_speakers_and_events", "partnership"])
        )
        #expect(try parser.parse("Partnership", for: slot).get() == .choices(["partnership"]))
        #expect((try? parser.parse("1, 2, 3, 4", for: slot).get()) == nil)
        #expect((try? parser.parse("banana", for: slot).get()) == nil)
    }

    static func message(_ text: String) -> InboundMessage {
        InboundMessage(
            platform: "console",
            conversationID: "sam",
            isDirect: true,
            senderID: "sam",
            text: text,
            messageID: "m-\(text.hashValue)",
            timestamp: 1_795_944_000
        )
    }
}
