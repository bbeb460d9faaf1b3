import AssistantCore
import Testing

/// The screen's mechanics, on hand-built rules. The shipped rules are tested with real phrasings in
/// `PreventAssistTests/SafetyContentTests`.
struct SafetyScreenTests {
    let rules = SafetyRuleSet(
        rules: [
            SafetyRule(
                id: "threat",
                pattern: .sequence(
                    .init(
                        when: [Phrase("will"), Phrase("going to")],
                        then: [Phrase("bomb*"), Phrase("blow up")],
                        maxGap: 1,
                        blockers: ["discuss", "not"]
                    )
                )
            ),
            SafetyRule(id: "now", pattern: .anyPhrase([Phrase("suspicious package")])),
        ],
        exceptions: [Phrase("bath bomb*")]
    )

    @Test(arguments: [
        ("He will bomb the hall", "threat"),
        ("they're going to blow up the lab", "threat"),
        ("she will definitely bombard us", "threat"),
        ("There is a SUSPICIOUS package by the door", "now"),
    ])
    func fires(_ text: String, _ rule: String) {
        #expect(SafetyScreen(rules: rules).assess(text)?.ruleID == rule)
    }

    @Test(arguments: [
        "we will discuss bombing in week 5",
        "he will not bomb anything",
        "bombing campaigns of the 1970s will be covered",
        "I will buy bath bombs",
        "will we go to the library",
        "",
    ])
    func doesNotFire(_ text: String) {
        #expect(SafetyScreen(rules: rules).assess(text) == nil)
    }

    @Test func gapLimitIsRespected() {
        #expect(SafetyScreen(rules: rules).assess("he will quite possibly bomb") == nil)
        #expect(SafetyScreen(rules: rules).assess("he will possibly bomb")?.ruleID == "threat")
    }

    @Test func emptyRulesNeverFire() {
        #expect(SafetyScreen(rules: .empty).assess("he will bomb the hall") == nil)
    }
}
