import AssistantCore
import KnowledgeLoader
import Testing

/// The shipped safety rules (`intents/safety.yaml`) on phrasings that must and must not trigger the emergency answer.
struct SafetyContentTests {
    static let screen = SafetyScreen(rules: Repository.loaded.safety?.value ?? .empty)

    @Test(arguments: [
        "someone says they will bomb the library tomorrow",
        "a student told me he's going to stab his flatmate",
        "My tutee said she'll shoot people at the graduation",
        "student threatened to blow up the SU",
        "one of my students is planning an attack on the mosque",
        "there's a student in halls with a knife right now",
        "a man has a gun in the car park",
        "he said they would kill everyone in the lecture theatre",
        "someone is in immediate danger",
        "there is a suspicious package outside the library",
        "i think he is going to hurt someone tonight",
        "student posted that he wants to kill the lecturer",
        "we've had a bomb threat phoned in",
        "a student says they are going to kill themselves",
        "a student is carrying a machete",
        "he's gonna set fire to the chapel",
        // A vehicle used as a weapon, happening now: no weapon word at all.
        "a car is driving at people outside the library",
        "someone drove a lorry into the crowd at freshers fair",
        "a van is mowing people down on the high street",
        "a car just ran people over at the bus stop",
        // An explosion or gunfire heard now: no threat, no weapon named by a person.
        "there's been an explosion in the chemistry building and people are screaming",
        "we can hear gunfire near the sports hall",
        "i just heard gunshots outside the halls",
        "loud explosion by the car park, people running everywhere",
    ])
    func triggers(_ text: String) {
        #expect(Self.screen.assess(text) != nil, "should trigger: \(text)")
    }

    @Test(arguments: [
        "what is channel",
        // Danger named only to say there is none, and explosions and bombs in everyday senses.
        "a student emailed me something worrying late tonight, no immediate danger I think, who do I tell?",
        "nobody is in immediate danger but I'm worried about what he said",
        "there has been an explosion of interest in the new terrorism studies module",
        "the population explosion of the 19th century is on the syllabus",
        "got a bomb of emails from the VLE overnight, is that a phishing attempt?",
        "I saw some great shots from the photography society",
        "we just had shots at the SU bar",
        "there are shots of the campus in the prospectus",
        "a student expressed support for a terrorist group in my seminar",
        "how do I kill a frozen process on linux",
        "we will discuss the bombing of Dresden in the history seminar",
        "i'm carrying out research on terrorist attacks",
        "my student is writing an essay about the 7/7 bombings",
        "can I get a bath bomb in the SU shop",
        "a student had a panic attack in my lecture",
        "how do i report extremist material online",
        "he will not hurt anyone, he is just angry",
        "what happens after a referral",
        "the film is about a bomb disposal unit",
        "I bombed my exam",
        "I want to raise a concern about a student",
        "the guest speaker walked into the crowd to take questions",
        "he drove into the car park at 9",
        "a student said violence against a group is justified",
        "student has a knife collection photo on his instagram",
    ])
    func doesNotTrigger(_ text: String) {
        #expect(Self.screen.assess(text) == nil, "should not trigger: \(text)")
    }
}
