/// Reads `parse_mode: HTML` text the way the Bot API does, strictly: only Telegram's tags, properly nested and closed,
/// `<`, `>` and `&` only as markup or entities (`&lt;` `&gt;` `&amp;` `&quot;` and numeric ones). Returns the text a
/// person sees; throws the API's "can't parse entities" for anything else.
enum TelegramEntityReader {
    struct Failure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "can't parse entities: \(reason)" }
    }

    static let tags: Set<String> = [
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre", "a", "blockquote", "tg-spoiler",
    ]
    static let entities = ["lt": "<", "gt": ">", "amp": "&", "quot": "\""]

    static func visibleText(_ html: String) throws(Failure) -> String {
        var output = ""
        var open: [String] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            switch character {
            case "<":
                guard let close = html[index...].firstIndex(of: ">") else { throw Failure(reason: "unclosed tag") }
                try tag(html[html.index(after: index)..<close], open: &open)
                index = html.index(after: close)
            case "&":
                guard let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
                    let decoded = entity(html[html.index(after: index)..<semicolon])
                else { throw Failure(reason: "unescaped &") }
                output += decoded
                index = html.index(after: semicolon)
            case ">":
                throw Failure(reason: "unescaped >")
            default:
                output.append(character)
                index = html.index(after: index)
            }
        }
        guard open.isEmpty else { throw Failure(reason: "can't find end tag corresponding to start tag \(open[0])") }
        return output
    }

    private static func tag(_ body: Substring, open: inout [String]) throws(Failure) {
        if body.hasPrefix("/") {
            let name = body.dropFirst().lowercased()
            guard open.last == name else { throw Failure(reason: "unmatched end tag \(name)") }
            open.removeLast()
            return
        }
        let name = body.prefix { $0.isLetter || $0 == "-" }.lowercased()
        guard tags.contains(name) else { throw Failure(reason: "unsupported start tag \"\(name)\"") }
        if let inner = open.last, inner == "code" || (inner == "pre" && name != "code") {
            throw Failure(reason: "\(name) inside \(inner)")
        }
        if name == "a" {
            let attributes = body.dropFirst(1)
            guard attributes.hasPrefix(" href=\""), attributes.hasSuffix("\""), !open.contains("a") else {
                throw Failure(reason: "bad link")
            }
        } else if body.count != name.count, name != "pre", name != "code" {
            throw Failure(reason: "unexpected attributes on \(name)")
        }
        open.append(name)
    }

    private static func entity(_ name: Substring) -> String? {
        if let named = entities[String(name)] { return named }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
