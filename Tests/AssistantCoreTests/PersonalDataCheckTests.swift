import AssistantCore
import Testing

/// The de-identification table: phrasings that must be caught (with the right kind) and phrasings that must pass.
struct PersonalDataCheckTests {
    static let mustTrigger: [(String, PersonalDataFinding.Kind)] = [
        ("Sarah Khan ran the first session for new staff.", .personName),
        ("We asked a student called Tom to help design the posters.", .personName),
        ("Staff can email jo.bloggs@example.ac.uk with questions.", .email),
        ("Contact prevent-team@uni.ac.uk for the checklist.", .email),
        ("Ring the duty officer on 07700 900123 out of hours.", .phoneNumber),
        ("The helpline is +44 20 7946 0000 for staff.", .phoneNumber),
        ("Call 020 7946 0000 to book a briefing.", .phoneNumber),
        ("It started after student no. 20231234 raised it.", .idNumber),
        ("The case of staff ID 4410923 was reviewed by the team.", .idNumber),
        ("On 14 March a student told us about the video.", .incidentDate),
        ("The incident on 3/11/2025 was reported to the lead.", .incidentDate),
        ("We met in Room 2.14 every Tuesday to review requests.", .room),
        ("Briefings happen in rm G12 of the library.", .room),
        ("Wardens in Cavendish Hall trialled the new checklist.", .residence),
        ("Residents of Elm House were given the leaflet first.", .residence),
        ("Dr Patel chaired the events oversight group.", .personName),
        ("The tutor of student Ahmed noticed the change first.", .personName),
        ("Mohammed from estates trained the porters.", .personName),
    ]

    static let mustNotTrigger: [String] = [
        "The Prevent lead chairs a termly meeting with the safeguarding team.",
        "Concerns that need more go to the Channel panel, which the council chairs.",
        "We worked with the Student Union on a joint awareness week.",
        "We updated our policy after the March 2024 guidance was published.",
        "The Home Office training is required for all new staff.",
        "When a student raises a worry, their personal tutor listens and passes it on.",
        "Our Designated Safeguarding Lead reviews every request within two working days.",
        "Room-booking staff were trained to spot events that need extra checks.",
        "Faith advisers from the Chaplaincy joined the working group.",
        "The Office for Students case studies gave us the idea.",
        "Since 1 August 2025 the free speech duty has applied to our code of practice.",
        "We review the risk assessment every year in the autumn term.",
        "Hall wardens and residential life staff attend a short briefing each September.",
        "The IT service desk runs a research exception route for blocked sites.",
        "A seminar room in the Arts building is used for the drop-in.",
        "Will the new process work for societies too? We think so, and May is a good month to start.",
        "Students' union officers co-chair the events panel with the Director of Student Services.",
        "Our 2024-25 action plan has twelve actions and three owners.",
    ]

    @Test(arguments: mustTrigger)
    func catches(_ text: String, _ kind: PersonalDataFinding.Kind) {
        let findings = PersonalDataCheck().findings(in: text)
        #expect(findings.contains { $0.kind == kind }, "expected \(kind) in: \(text); found \(findings.map(\.kind))")
        let review = SnippetReview(text)
        #expect(!review.isClean)
        #expect(review.message?.contains(kind.description) == true)
    }

    @Test(arguments: mustNotTrigger)
    func passes(_ text: String) {
        let findings = PersonalDataCheck().findings(in: text)
        #expect(findings.isEmpty, "unexpected \(findings.map { "\($0.kind): \($0.matched)" }) in: \(text)")
        #expect(SnippetReview(text).isClean)
    }

    @Test func theTableIsBigEnough() {
        #expect(Self.mustTrigger.count >= 15)
        #expect(Self.mustNotTrigger.count >= 15)
    }

    @Test func findingsPointAtTheMatchedText() throws {
        let text = "Ask Sarah Khan or email s.khan@example.ac.uk."
        let findings = PersonalDataCheck().findings(in: text)
        #expect(findings.map(\.matched) == ["Sarah Khan", "s.khan@example.ac.uk"])
        let first = try #require(findings.first)
        #expect(String(text[first.range]) == "Sarah Khan")
    }

    @Test func anIndividualCaseIsRefusedWithItsOwnExplanation() throws {
        let story =
            "One of our students was referred last term after she posted something worrying, and we supported her."
        let review = SnippetReview(story)
        #expect(review.findings.isEmpty)
        #expect(!review.individualCaseCues.isEmpty)
        let message = try #require(review.message)
        #expect(message.contains("one person's case"))
        #expect(message.contains("raise a concern"))
        let process =
            "When a student raises a worry, the tutor tells the safeguarding team, who decide what happens next."
        #expect(SnippetReview(process).isClean)
        #expect(SnippetReview("Each tutor meets his or her tutees once a term.").isClean)
    }
}
