import TextNormalization

/// The few typed commands about concern records: "list concerns" and "show PC-2026-0007". Leads use them in a
/// direct conversation; the runtime decides who may see what and audits every attempt.
public enum ConcernCommand {
    /// The query a message asks for, or `nil` when it is not a concern command.
    public static func parse(_ text: String, requester: String) -> ConcernQuery? {
        if let reference = reference(in: text) { return .show(reference: reference, requester: requester) }
        let listing: Set<String> = [
            "list concerns", "concerns", "show concerns", "all concerns", "concern list", "open concerns",
            "list the concerns", "show all concerns",
        ]
        let tokens = TextNormalizer().tokens(text).map(correctingSlip)
        if listing.contains(tokens.joined(separator: " ")) || asksForTheList(tokens) {
            return .list(requester: requester)
        }
        if let acknowledgement = alertAcknowledgement(tokens) {
            return .acknowledgeAlert(id: acknowledgement.alertID, requester: requester)
        }
        return nil
    }

    /// "ack 12", "acknowledge alert #12", "I'm acknowledging the urgent alert": an acknowledgement word, then only
    /// alert words, filler and at most one number (the alert's id). "acknowledge his email" is not one.
    static func alertAcknowledgement(_ tokens: [String]) -> AlertAcknowledgement? {
        let words = tokens.filter { !ackFiller.contains($0) }
        guard words.count <= 5, let first = words.first(where: ackWords.contains) else { return nil }
        let numbers = words.filter { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        let rest = words.filter { $0 != first && !numbers.contains($0) }
        guard numbers.count <= 1, rest.allSatisfy(ackAlertWords.contains) else { return nil }
        // A bare "ack" or "acknowledged" is not one: staff say it to any reply, and would be told they may not.
        guard !numbers.isEmpty || rest.contains(where: ["alert", "alerts"].contains) else { return nil }
        return AlertAcknowledgement(alertID: numbers.first.flatMap { Int64($0) })
    }

    /// An acknowledgement typed in chat: the alert's id when one was given (a number too big for an id reads as
    /// none, so the alerts are listed rather than a wrong one acknowledged).
    struct AlertAcknowledgement {
        let alertID: Int64?
    }

    static let ackWords: Set<String> = ["ack", "acknowledge", "acknowledged", "acknowledging", "acknowlege", "acked"]
    static let ackAlertWords: Set<String> = ackWords.union(["alert", "alerts", "urgent", "number", "no", "id"])
    static let ackFiller: Set<String> = [
        "i", "am", "have", "the", "this", "that", "please", "pls", "can", "you", "it", "ok", "okay", "will", "now",
        "a", "an", "of", "for", "got", "is", "has", "been", "we", "our",
    ]

    /// Whether the words ask for the list of concern records however they are put ("show me all concerns", "can I
    /// see the open concerns please", "list all concern records"): only list words, a plural concern noun, and a
    /// verb or a word like "all" or "open" — so "how do I raise concerns" is not a command.
    static func asksForTheList(_ tokens: [String]) -> Bool {
        let words = tokens.filter { !listFiller.contains($0) }
        guard !words.isEmpty, words.count <= 6, words.allSatisfy(listWords.contains) else { return false }
        let names = words.contains(where: listNouns.contains) || (words.contains("concern") && words.contains("every"))
        return names && words.contains(where: listAsks.contains)
    }

    /// A command word with one slip corrected ("lsit" → list, "concerns" from "concenrs").
    static func correctingSlip(_ word: String) -> String {
        guard word.count >= 4, !listWords.contains(word), !listFiller.contains(word) else { return word }
        let bytes = Array(word.utf8)
        return ["list", "show", "concerns", "export", "every"].first {
            SafetySpelling.isSlip(bytes, of: Array($0.utf8))
        } ?? word
    }

    static let listFiller: Set<String> = [
        "me", "the", "please", "can", "could", "i", "you", "we", "us", "a", "of", "to", "want", "would", "like",
        "what", "are", "there", "is", "any", "let", "pls", "have", "has", "been", "that", "which", "so", "far", "this",
        "month", "week",
        "today", "year", "term",
    ]
    static let listNouns: Set<String> = ["concerns", "cases", "referrals", "reports"]
    static let listAsks: Set<String> = [
        "list", "show", "view", "display", "give", "get", "open", "all", "every", "current", "outstanding", "new",
        "recent", "latest", "pending", "see", "raised", "reported", "submitted", "logged", "export",
    ]
    static let listWords: Set<String> = listNouns.union(listAsks).union([
        "concern", "records", "record", "list", "status", "of",
    ])

    /// The first concern reference (`PC-YYYY-NNNN`, any case) in `text`, upper-cased.
    public static func reference(in text: String) -> String? {
        let scalars = Array(text.uppercased().unicodeScalars)
        var index = 0
        while index + 3 < scalars.count {
            if scalars[index] == "P", scalars[index + 1] == "C", scalars[index + 2] == "-" {
                var cursor = index + 3
                let year = digits(scalars, from: &cursor)
                if year.count == 4, cursor < scalars.count, scalars[cursor] == "-" {
                    cursor += 1
                    let number = digits(scalars, from: &cursor)
                    if number.count >= 4 { return "PC-\(year)-\(number)" }
                }
            }
            index += 1
        }
        return nil
    }

    private static func digits(_ scalars: [Unicode.Scalar], from cursor: inout Int) -> String {
        var text = ""
        while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) {
            text.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        return text
    }
}
