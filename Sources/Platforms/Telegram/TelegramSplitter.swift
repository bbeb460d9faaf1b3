/// Cuts ``TelegramStyledText`` into messages of at most `limit` visible characters, counted as Telegram does (UTF-16
/// code units after entity parsing). Cuts fall, by preference, at a blank line, a line break, the end of a sentence,
/// a space, and only as a last resort between two characters; never in the first half of a part, so parts stay full.
/// Whitespace at the cut is dropped. The cut is made on visible text, so markup is closed and reopened around it.
enum TelegramSplitter {
    /// `sendMessage` accepts 1–4096 characters after entity parsing.
    static let messageLimit = 4096

    static func split(_ text: TelegramStyledText, limit: Int = messageLimit) -> [TelegramStyledText] {
        var characters: [(character: Character, style: TelegramStyledText.Style)] = []
        for run in text.runs {
            for character in run.text { characters.append((character, run.style)) }
        }
        let plain = characters.map(\.character)
        var parts: [TelegramStyledText] = []
        var start = 0
        while true {
            while start < characters.count, characters[start].character.isWhitespace { start += 1 }
            guard start < characters.count else { break }
            var end = start
            var width = 0
            while end < characters.count, width + characters[end].character.utf16.count <= limit {
                width += characters[end].character.utf16.count
                end += 1
            }
            end = max(end, start + 1)
            let cut = end == characters.count ? end : bestCut(plain, from: start, before: end)
            var last = cut
            while last > start, characters[last - 1].character.isWhitespace { last -= 1 }
            var part = TelegramStyledText()
            for index in start..<last { part.append(String(characters[index].character), characters[index].style) }
            if !part.runs.isEmpty { parts.append(part) }
            start = cut
        }
        return parts
    }

    /// Where to end a part that may not reach `end`: the preferred boundary in the second half of the window.
    private static func bestCut(_ characters: [Character], from start: Int, before end: Int) -> Int {
        let earliest = start + max(1, (end - start) / 2)
        let preferences: [(Int) -> Bool] = [
            { characters[$0] == "\n" && $0 > 0 && characters[$0 - 1] == "\n" },
            { characters[$0] == "\n" },
            { characters[$0] == " " && $0 > 0 && ".!?".contains(characters[$0 - 1]) },
            { $0 < characters.count && characters[$0].isWhitespace },
        ]
        for isBoundary in preferences {
            // A boundary at `end` itself is allowed: the character there starts the next part.
            if let cut = stride(from: end, through: earliest, by: -1).first(where: {
                $0 < characters.count && isBoundary($0)
            }) {
                return cut
            }
        }
        return end
    }
}
