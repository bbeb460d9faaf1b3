/// An answer to one form slot.
public enum FormValue: Sendable, Hashable, Codable {
    case text(String)
    case choice(String)
    case yesNo(Bool)
    case date(CalendarDate)
    /// Several choice ids, in the order given.
    case choices([String])
    /// The person chose to skip an optional slot.
    case skipped
    /// A day as the person said it: the day (`nil` for "not sure") and their own words ("yesterday afternoon").
    case day(CalendarDate?, words: String)

    /// The value as stored and compared in conditions: the text, the choice id, "yes"/"no", the ISO date, or "".
    public var storedText: String {
        switch self {
        case .text(let text): text
        case .choice(let id): id
        case .yesNo(let value): value ? "yes" : "no"
        case .date(let date): date.description
        case .choices(let ids): ids.joined(separator: ",")
        case .skipped: ""
        case .day(let date, _): date?.description ?? "unknown"
        }
    }

    /// The value for a person to read, given the slot it answers.
    public func display(in slot: FormSlot) -> String {
        switch self {
        case .text(let text): return text
        case .choice(let id):
            if case .choice(let choices) = slot.kind, let choice = choices.first(where: { $0.id == id }) {
                return choice.label
            }
            return id
        case .yesNo(let value): return value ? "Yes" : "No"
        case .date(let date): return date.description
        case .choices(let ids):
            guard case .choices(let choices, _) = slot.kind else { return ids.joined(separator: ", ") }
            return ids.map { id in choices.first { $0.id == id }?.label ?? id }.joined(separator: ", ")
        case .skipped: return "(skipped)"
        case .day(let date, let words):
            guard let date else { return "Not known (\"\(words)\")" }
            return "\(date) (\"\(words)\")"
        }
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)")
            )
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
