import AssistantCore
import Testing

/// Kept questions are de-identified: every case of the snippet table, and questions as staff type them.
struct QuestionDeidentifierTests {
    let deidentifier = QuestionDeidentifier()

    @Test(arguments: PersonalDataCheckTests.mustTrigger)
    func theSnippetTableIsReplacedByPlaceholders(_ text: String, _ kind: PersonalDataFinding.Kind) throws {
        let finding = try #require(PersonalDataCheck().findings(in: text).first { $0.kind == kind })
        let kept = deidentifier.deidentify(text)
        #expect(!kept.contains(finding.matched), "\(finding.matched) survived in: \(kept)")
        #expect(kept.contains(QuestionDeidentifier.placeholder(for: kind)), "\(kept)")
    }

    @Test(arguments: PersonalDataCheckTests.mustNotTrigger)
    func textWithoutPersonalDataKeepsItsWords(_ text: String) {
        let kept = deidentifier.deidentify(text)
        for placeholder in ["[name]", "[email]", "[phone]", "[id]", "[room]"] {
            #expect(!kept.contains(placeholder), "\(placeholder) in: \(kept)")
        }
    }

    /// Questions as staff type them: what must go, and the placeholder that must stand in its place.
    static let questions: [(text: String, removed: [String], placeholder: String)] = [
        ("Can I email jo.bloggs@example.ac.uk about a speaker?", ["jo.bloggs@example.ac.uk"], "[email]"),
        ("what do I do if my tutee Sarah Khan stops coming?", ["Sarah", "Khan"], "[name]"),
        ("Is Dr Patel the person to ask about Channel?", ["Patel"], "[name]"),
        ("should I ring 07700 900123 for the lead", ["07700 900123"], "[phone]"),
        ("Who is on +44 20 7946 0000 out of hours?", ["7946"], "[phone]"),
        ("can you check student number 20231234 has done the training", ["20231234"], "[id]"),
        ("Is staff ID 4410923 on the Prevent training list?", ["4410923"], "[id]"),
        ("we have an event on 14 March, does it need a risk assessment?", ["14 March"], "[date]"),
        ("Is a talk on 3/11/2026 too late to book a speaker?", ["3/11/2026"], "[date]"),
        ("Can we use Room 2.14 for a visiting speaker?", ["2.14"], "[room]"),
        ("Who looks after Cavendish Hall if there is a concern?", ["Cavendish"], "[room]"),
        ("what about a student called Tom who shares videos", ["Tom"], "[name]"),
        ("Does Mohammed in estates need Prevent training?", ["Mohammed"], "[name]"),
        ("Can I forward a.smith@uni.ac.uk the referral guidance?", ["a.smith@uni.ac.uk"], "[email]"),
        ("is the meeting on December 12 about Channel?", ["December 12"], "[date]"),
        ("Should I call 020 7946 0000 or the lead?", ["020 7946 0000"], "[phone]"),
        ("what is reference 88812345 on my training record", ["88812345"], "[id]"),
        ("Can Mrs Jones see what I reported?", ["Jones"], "[name]"),
        ("Is rm G12 a good place for a quiet chat with a student?", ["G12"], "[room]"),
        ("how do I book a speaker for 21st June?", ["21st June"], "[date]"),
    ]

    @Test(arguments: questions)
    func questionsLoseTheirPersonalData(_ text: String, _ removed: [String], _ placeholder: String) {
        let kept = deidentifier.deidentify(text)
        for part in removed { #expect(!kept.contains(part), "\(part) survived in: \(kept)") }
        #expect(kept.contains(placeholder), "\(placeholder) missing in: \(kept)")
    }

    @Test func thereAreTwentyQuestionShapedCases() {
        #expect(Self.questions.count == 20)
    }

    @Test func theRestOfTheQuestionIsKeptAsTyped() {
        #expect(
            deidentifier.deidentify("Can I email jo@example.ac.uk about Channel?")
                == "Can I email [email] about Channel?"
        )
        #expect(deidentifier.deidentify("what is channel") == "what is channel")
    }
}
