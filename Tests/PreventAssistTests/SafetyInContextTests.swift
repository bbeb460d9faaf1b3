import AssistantCore
import KnowledgeLoader
import Testing

/// The shipped safety screen tells danger *now* from a *report* of something said, shared or planned, reads
/// misspelt danger words, and leaves ordinary words alone (issue #16, findings 2 and 3).
struct SafetyInContextTests {
    static let screen = SafetyScreen(rules: Repository.loaded.safety?.value ?? .empty)

    @Test(arguments: [
        "she has a knif in halls right now",
        "he wil kill everyone tomorrow",
        "theres a guy with a pistl outside the library",
        "someone is going to atack the mosque tonight",
        "he said hes gonna stabb his flatmate tonight",
        "a student just said he has a bomb in his bag",
        "person outside the SU is threatening to stab people RIGHT NOW",
        "a tutee messaged me ten minutes ago saying he's got a gun and is on his way to campus",
        "wants to kill all the lecturers",
    ])
    func dangerNow(_ text: String) {
        #expect(Self.screen.assess(text)?.urgency == .now, "should be danger now: \(text)")
    }

    @Test(arguments: [
        "he threatened to stab his flatmate last week",
        "a student posted a video saying he would kill the lecturers",
        "last term she said she wanted to bomb the government",
        "he shared instructions on how to attack a crowd in the group chat",
    ])
    func reportsAreNotDangerNow(_ text: String) {
        #expect(Self.screen.assess(text)?.urgency != .now, "should not be danger now: \(text)")
    }

    @Test(arguments: [
        "my student is having a panic attack in the corridor",
        "theres a massive party in the flat upstairs every night",
        "you're going to be killing it in the exam",
        "I'm dead tired after marking",
        "he will attach the file to the email",
        "she has a skill for debating",
        "can you shoot me an email about the training",
        "the fire alarm is going off in the library",
    ])
    func ordinaryWords(_ text: String) {
        #expect(Self.screen.assess(text) == nil, "should not fire: \(text)")
    }

    @Test(arguments: [
        ("my student is having a panic attack in the corridor", false),
        ("theres a massive party in the flat upstairs every night", false),
        ("A student just told me she's planning to go to Syria to help 'the brothers'. What do I do?", false),
        ("there's a man with a knife", true),
        ("someone might get hurt", true),
    ])
    func namesDanger(_ text: String, _ expected: Bool) {
        #expect(Self.screen.mentionsDanger(text) == expected, "\(text)")
    }
}
