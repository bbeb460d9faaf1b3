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
        return listing.contains(TextNormalizer().normalize(text)) ? .list(requester: requester) : nil
    }

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
