import AssistantCore
import Testing

/// With nothing configured (the `make run` default), every reply the dialogue core writes names the role of each
/// contact it needs, with the "not set up yet" note once, never the raw placeholder.
struct UnsetContactReplyTests {
    static let note = "not set up yet — ask your administrator"
    static let wording = UnsetContactWording(
        note: note,
        roles: [
            .preventLead: "your Prevent lead", .preventLeadContact: "", .safeguardingTeam: "the safeguarding team",
            .outOfHoursContact: "the out-of-hours on-call manager",
            .securityPhone: "the security control room number",
        ]
    )

    let bot = Assistant(
        knowledge: DialogueFixture.knowledge,
        matcher: ScriptedMatcher(responses: [
            "help": Classification(
                ranked: [ScoredIntent(id: "bot_capabilities", score: 0.9)],
                decision: .matched("bot_capabilities")
            ),
            "person": Classification(
                ranked: [ScoredIntent(id: "human_handover", score: 0.9)],
                decision: .matched("human_handover")
            ),
            "thanks": Classification(ranked: [ScoredIntent(id: "thanks", score: 0.9)], decision: .matched("thanks")),
        ]),
        institution: InstitutionProfile().with(wording)
    )

    func reply(_ text: String) -> String {
        let message = InboundMessage(
            platform: "test",
            conversationID: "c",
            isDirect: true,
            senderID: "u",
            senderName: nil,
            text: text,
            messageID: "m",
            timestamp: 0
        )
        return bot.handle(message, state: .initial).replies.map(\.text).joined(separator: "\n")
    }

    func occurrences(of part: String, in text: String) -> Int {
        var count = 0
        var rest = Substring(text)
        while let found = rest.firstRange(of: part) {
            count += 1
            rest = rest[found.upperBound...]
        }
        return count
    }

    @Test(arguments: ["help", "person", "thanks", "asdf qwerty"])
    func unsetContactsReadAsRolesWithOneNote(_ question: String) {
        let text = reply(question)
        #expect(!text.contains(InstitutionProfile.notConfigured))
        #expect(!text.contains("not configured"))
        #expect(occurrences(of: Self.note, in: text) == 1, "\(text)")
    }

    @Test func handoverNamesEachRoleAndLeavesNoEmptyContact() {
        let text = reply("person")
        #expect(text.contains("your Prevent lead (\(Self.note))"))
        #expect(text.contains("the safeguarding team"))
        #expect(text.contains("the out-of-hours on-call manager"))
        #expect(!text.contains(" — \n"))
        #expect(!text.hasSuffix(" —"))
    }

    @Test func builtInEmergencyAnswerNamesRolesOnce() {
        let composer = AnswerComposer(
            knowledge: KnowledgeBase(intents: [], articles: [], safetyRules: DialogueFixture.knowledge.safetyRules),
            institution: InstitutionProfile().with(Self.wording)
        )
        let text = composer.emergency().text
        #expect(text.contains("999"))
        #expect(text.contains("the security control room number (\(Self.note))"))
        #expect(text.contains("your Prevent lead"))
        #expect(occurrences(of: Self.note, in: text) == 1)
    }

    @Test func configuredContactsStillShowAsConfigured() {
        let configured = Assistant(
            knowledge: DialogueFixture.knowledge,
            matcher: ScriptedMatcher(responses: [
                "person": Classification(
                    ranked: [ScoredIntent(id: "human_handover", score: 0.9)],
                    decision: .matched("human_handover")
                )
            ]),
            institution: InstitutionProfile(values: [.preventLead: "Dr Ada Example", .preventLeadContact: "ext 42"])
                .with(Self.wording)
        )
        let message = InboundMessage(
            platform: "test",
            conversationID: "c",
            isDirect: true,
            senderID: "u",
            senderName: nil,
            text: "person",
            messageID: "m",
            timestamp: 0
        )
        let text = configured.handle(message, state: .initial).replies.first?.text ?? ""
        #expect(text.contains("Dr Ada Example (ext 42)"))
        #expect(occurrences(of: Self.note, in: text) == 1)  // the safeguarding team is still unset
    }
}
