import AssistantCore
import Testing

struct AssistantTests {
    let institution = InstitutionProfile(values: [.preventLead: "Dr Ada Example", .safeguardingTeam: "ext 1234"])

    func assistant(_ responses: [String: Classification] = [:]) -> Assistant {
        Assistant(
            knowledge: DialogueFixture.knowledge,
            matcher: ScriptedMatcher(responses: responses),
            institution: institution
        )
    }

    func message(_ text: String) -> InboundMessage {
        InboundMessage(
            platform: "test",
            conversationID: "c",
            isDirect: true,
            senderID: "u",
            senderName: "Sam",
            text: text,
            messageID: "m",
            timestamp: 1_795_944_000
        )
    }

    func matched(_ id: String, _ score: Double = 0.9) -> Classification {
        Classification(ranked: [ScoredIntent(id: id, score: score)], decision: .matched(id))
    }

    @Test func answersWithArticleFilledFromConfigurationAndOffersFollowUps() throws {
        let outcome = assistant(["what is channel": matched("what_is_channel")])
            .handle(message("what is channel"), state: .initial)
        let reply = try #require(outcome.replies.first)
        #expect(reply.kind == .answer)
        #expect(reply.text.contains("Tell Dr Ada Example."))
        #expect(reply.text.contains("Reply **more**"))  // short form: the sources come with "more"
        #expect(!reply.text.contains("## Read more"))
        #expect(reply.text.contains("1. After a referral"))
        #expect(outcome.state.offeredChoices == ["after_referral"])
        #expect(outcome.trace.intent == "what_is_channel")
        #expect(outcome.trace.article == "what_is_channel")
        #expect(outcome.trace.followUps == ["after_referral"])
    }

    @Test func numberPicksAnOfferedFollowUp() {
        let state = ConversationState(offeredChoices: ["after_referral"])
        let outcome = assistant().handle(message("1"), state: state)
        #expect(outcome.trace.intent == "after_referral")
        #expect(outcome.replies.first?.text.contains("The lead decides.") == true)
    }

    @Test(arguments: ["the first one", "First", "after a referral"])
    func ordinalOrTitlePicksAChoice(_ text: String) {
        let state = ConversationState(offeredChoices: ["after_referral", "what_is_channel"])
        #expect(assistant().handle(message(text), state: state).trace.intent == "after_referral")
    }

    @Test func numbersInsideAQuestionAreNotAPick() {
        let state = ConversationState(offeredChoices: ["after_referral"])
        let outcome = assistant().handle(message("i have 1 student who worries me"), state: state)
        #expect(outcome.trace.intent == "out_of_scope")
    }

    @Test func safetyScreenWinsOverTheMatcher() throws {
        let text = "he said he will bomb the library"
        let outcome = assistant([text: matched("what_is_channel")]).handle(message(text), state: .initial)
        let reply = try #require(outcome.replies.first)
        #expect(reply.kind == .emergency)
        #expect(reply.text.contains("Call 999 now."))
        #expect(outcome.trace.intent == Intent.immediateDangerID)
        #expect(outcome.trace.safetyRule == "threat")
    }

    @Test func closeTopTwoAsksWhichWasMeant() throws {
        let classification = Classification(
            ranked: [ScoredIntent(id: "what_is_channel", score: 0.41), ScoredIntent(id: "after_referral", score: 0.4)],
            decision: .ambiguous("what_is_channel", "after_referral")
        )
        let outcome = assistant(["channel referral": classification]).handle(
            message("channel referral"),
            state: .initial
        )
        let reply = try #require(outcome.replies.first)
        #expect(reply.kind == .clarification)
        #expect(reply.text.contains("Did you mean"))
        #expect(reply.text.contains("1. What is Channel?"))
        #expect(reply.text.contains("2. After a referral"))
        #expect(outcome.trace.clarified)
        #expect(assistant().handle(message("2"), state: outcome.state).trace.intent == "after_referral")
    }

    @Test func outOfScopeDeclinesOffersClosestTopicsAndAPerson() throws {
        let classification = Classification(
            ranked: [ScoredIntent(id: "what_is_channel", score: 0.2), ScoredIntent(id: "greeting", score: 0.1)],
            decision: .outOfScope
        )
        let outcome = assistant(["best pizza near campus": classification])
            .handle(message("best pizza near campus"), state: .initial)
        let reply = try #require(outcome.replies.first)
        #expect(reply.kind == .fallback)
        #expect(reply.text.contains("can't answer"))
        #expect(reply.text.contains("What is Channel?"))
        #expect(!reply.text.contains("Hello"))  // conversation intents are not offered as topics
        #expect(reply.text.contains("ext 1234"))
        #expect(reply.text.contains("999"))
        #expect(outcome.trace.intent == Intent.outOfScopeID)
        #expect(outcome.state.offeredChoices == ["what_is_channel"])
    }

    @Test(arguments: [
        ("what's the wifi password", "the IT service desk"),
        ("the fire alarm keeps going off", "estates and facilities"),
        ("how much annual leave do I get", "HR"),
    ])
    func offTopicDeclinesNameWhoCanHelpAndKeepThe999Line(_ question: String, _ helper: String) throws {
        let outOfScope = Classification(
            ranked: [ScoredIntent(id: "what_is_channel", score: 0.2)],
            decision: .outOfScope
        )
        let outcome = assistant([question: outOfScope]).handle(message(question), state: .initial)
        let reply = try #require(outcome.replies.first)
        #expect(reply.text.contains(helper))
        #expect(!reply.text.contains("ext 1234"), "not the safeguarding team")
        #expect(reply.text.contains("999"))
        #expect(outcome.state.offeredChoices.isEmpty)
    }

    @Test func aDisplayNameIsGreetedAsTypedNeverAsMarkup() {
        let bot = assistant(["hi": matched("greeting")])
        let name = "[Prize draw](https://phish.example) **Sam**"
        let greeting = InboundMessage(
            platform: "test",
            conversationID: "room",
            isDirect: false,
            senderID: "u",
            senderName: name,
            text: "hi",
            messageID: "m",
            timestamp: 0
        )
        let text = bot.handle(greeting, state: .initial).replies.first?.text ?? ""
        #expect(text.contains("Hello " + MarkdownLiteral.escaped(name) + "."))
        #expect(MarkdownLiteral.unescaped(text).contains("Hello \(name)."))
    }

    @Test func conversationBasics() throws {
        let replies = [
            "hi": matched("greeting"), "thanks": matched("thanks"), "help": matched("bot_capabilities"),
            "person": matched("human_handover"),
        ]
        let bot = assistant(replies)
        #expect(bot.handle(message("hi"), state: .initial).replies.first?.text.contains("Hello Sam.") == true)
        #expect(bot.handle(message("thanks"), state: .initial).replies.first?.text.contains("welcome") == true)
        #expect(bot.handle(message("help"), state: .initial).replies.first?.text.contains("Raising a concern") == true)
        let handover = try #require(bot.handle(message("person"), state: .initial).replies.first)
        #expect(handover.text.contains("Dr Ada Example"))
        #expect(handover.text.contains("ext 1234"))
        #expect(handover.text.contains(InstitutionProfile.notConfigured))  // out-of-hours contact is not set
    }

    @Test func emptyAndOversizedMessagesGetAPoliteNotice() throws {
        let bot = assistant()
        #expect(bot.handle(message("   "), state: .initial).replies.first?.kind == .notice)
        let huge = String(repeating: "a", count: Assistant.maxMessageCharacters + 1)
        let reply = try #require(bot.handle(message(huge), state: .initial).replies.first)
        #expect(reply.kind == .notice)
        #expect(reply.text.contains("too long"))
    }

    @Test func dangerInsideAnOversizedMessageStillGetsTheEmergencyAnswer() {
        let huge = String(repeating: "a ", count: 3_000) + "he will bomb the hall"
        #expect(assistant().handle(message(huge), state: .initial).replies.first?.kind == .emergency)
    }
}

struct ShortAnswerTests {
    let bot = Assistant(
        knowledge: DialogueFixture.knowledge,
        matcher: ScriptedMatcher(responses: [
            "channel?": Classification(
                ranked: [ScoredIntent(id: "what_is_channel", score: 0.9)],
                decision: .matched("what_is_channel")
            )
        ]),
        institution: InstitutionProfile()
    )

    func message(_ text: String) -> InboundMessage {
        InboundMessage(
            platform: "t",
            conversationID: "c",
            isDirect: true,
            senderID: "u",
            text: text,
            messageID: "m",
            timestamp: 1_795_944_000
        )
    }

    @Test func chatAnswerIsShortAndMoreShowsTheRest() throws {
        let first = bot.handle(message("channel?"), state: .initial)
        let short = try #require(first.replies.first?.text)
        #expect(short.contains("Channel is voluntary support."))
        #expect(!short.contains("It helps."))
        #expect(short.contains("Reply **more**"))
        #expect(first.state.expandableArticle == "what_is_channel")

        let more = bot.handle(message("Tell me more"), state: first.state)
        let rest = try #require(more.replies.first?.text)
        #expect(rest.contains("It helps."))
        #expect(rest.contains("[Source](https://www.gov.uk/x)"))
        #expect(!rest.contains("Channel is voluntary support."))
        #expect(more.state.offeredChoices == first.state.offeredChoices)  // follow-ups still pickable
        #expect(more.state.expandableArticle == nil)
    }

    @Test func fullDetailShowsEverythingAtOnce() throws {
        let outcome = bot.handle(message("channel?"), state: .initial, detail: .full)
        let text = try #require(outcome.replies.first?.text)
        #expect(text.contains("Channel is voluntary support."))
        #expect(text.contains("It helps."))
        #expect(!text.contains("Reply **more**"))
        #expect(text.contains("[Source](https://www.gov.uk/x)"))
        #expect(outcome.state.expandableArticle == nil)
    }

    @Test func moreWithoutAnEarlierAnswerIsAnOrdinaryMessage() {
        #expect(bot.handle(message("more"), state: .initial).trace.intent == Intent.outOfScopeID)
    }
}
