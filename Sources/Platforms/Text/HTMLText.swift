/// Text for HTML: the characters that would start markup written as entities.
enum HTMLText {
    /// `text` with `&`, `<` and `>` as entities, and with `quotes` also `"` and `'` (for attribute values).
    static func escape(_ text: String, quotes: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            case "'" where quotes: output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
