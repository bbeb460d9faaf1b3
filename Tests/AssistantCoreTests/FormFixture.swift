import AssistantCore

/// A small form with every slot type, a condition, an optional slot, the danger trigger and a sender default.
enum FormFixture {
    static let form = FormDefinition(
        id: "raise_concern",
        title: "Raise a concern",
        privacy: .directOnly,
        intro: "INTRO",
        slots: [
            FormSlot(
                id: "who",
                label: "Who it is about",
                prompt: "Who?",
                help: "HELP-WHO",
                kind: .choice([
                    .init(id: "student", label: "A student"), .init(id: "staff", label: "A member of staff"),
                ]),
                sensitivity: .plain
            ),
            FormSlot(
                id: "name",
                label: "Name",
                prompt: "Name?",
                help: "HELP-NAME",
                kind: .text(minLength: 2, maxLength: 50),
                optional: true,
                sensitivity: .identifying,
                condition: .init(slot: "who", values: ["student"])
            ),
            FormSlot(
                id: "what",
                label: "What was seen or heard",
                prompt: "What happened?",
                help: "HELP-WHAT",
                kind: .text(minLength: 10, maxLength: 400),
                sensitivity: .freeText
            ),
            FormSlot(id: "when", label: "When", prompt: "When?", help: "HELP-WHEN", kind: .date, sensitivity: .plain),
            FormSlot(
                id: "danger",
                label: "Anyone in danger now",
                prompt: "Danger now?",
                help: "HELP-DANGER",
                kind: .yesNo,
                sensitivity: .plain,
                onYes: .emergency
            ),
            FormSlot(
                id: "contact",
                label: "How to contact you",
                prompt: "Contact?",
                help: "HELP-CONTACT",
                kind: .text(minLength: 3, maxLength: 100),
                sensitivity: .identifying,
                defaultValue: .sender
            ),
        ],
        submitted: "Recorded as {{concern.reference}}.",
        cancelled: "Cancelled; nothing kept."
    )

    static let today = CalendarDate(validYear: 2026, month: 11, day: 29)  // a Sunday
}

extension CalendarDate {
    init(validYear: Int, month: Int, day: Int) {
        guard let date = CalendarDate(year: validYear, month: month, day: day) else {
            preconditionFailure("invalid fixture date")
        }
        self = date
    }
}
