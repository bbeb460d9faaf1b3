public import AssistantCore
public import Foundation
import Yams

/// Reads dialogue stories (`*.yaml`, one story a file) for `prevent-assist eval --stories DIR`:
///
/// ```yaml
/// story: A threat typed at "what did you see" is kept
/// start: 2026-03-05T10:00      # optional, UTC; each turn is a minute later
/// sender: staff                # optional: staff (default) or lead
/// direct: true                 # optional, default true
/// turns:
///   - user: I want to raise a concern
///     route: form              # answer, clarify, decline, emergency, form
///     step: subject_type       # slot id, confirming, choosing_change, cancel_question, paused, none
///   - user: he has a knif in halls right now
///     says: [999]              # or a single string; not_says: the opposite
///     alerts: 1
///     answers: {what_happened: knif}
///     unanswered: [when]
///     stored: {when: 2026-03-04}   # a record stored this turn; nothing_stored: true for none
/// ```
public struct StoryFileParser: Sendable {
    public init() {}

    /// Every story in `directory` (files ending `.yaml` or `.yml`, in name order).
    public func load(directory: URL) throws(KnowledgeLoadError) -> [DialogueStory] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw KnowledgeLoadError("cannot list the stories: \(error)", at: SourceLocation(file: directory.path))
        }
        var stories: [DialogueStory] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw KnowledgeLoadError("cannot read the file", at: SourceLocation(file: name))
            }
            stories.append(try parse(String(decoding: data, as: UTF8.self), file: name))
        }
        return stories
    }

    static let storyKeys: Set<String> = ["story", "start", "sender", "direct", "turns"]
    static let turnKeys: Set<String> = [
        "user", "intent", "route", "step", "says", "not_says", "alerts", "stored", "nothing_stored", "answers",
        "unanswered",
    ]

    /// One story file.
    public func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> DialogueStory {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "a story")
        try top.rejectUnknownKeys(allowed: Self.storyKeys, what: "a story")
        let startText = try top.optionalString("start") ?? "2026-03-05T10:00"
        guard let start = Self.unixSeconds(startText) else {
            throw document.fail("'start' must look like 2026-03-05T10:00 (UTC), not '\(startText)'", at: top.node)
        }
        let sender = try top.optionalString("sender") ?? "staff"
        guard ["staff", "lead"].contains(sender) else {
            throw document.fail("'sender' is staff or lead, not '\(sender)'", at: top.node)
        }
        let directText = try top.optionalString("direct") ?? "true"
        guard let direct = Bool(directText) else { throw document.fail("'direct' is true or false", at: top.node) }
        guard let items = top.value("turns")?.sequence, !items.isEmpty else {
            throw document.fail("a story needs a non-empty 'turns' list", at: top.node)
        }
        var turns: [DialogueStory.Turn] = []
        for item in items {
            turns.append(try turn(item, in: document))
        }
        return DialogueStory(
            name: try top.string("story"),
            file: file,
            sender: sender,
            direct: direct,
            start: start,
            turns: turns
        )
    }

    private func turn(_ node: Node, in document: YAMLDocument) throws(KnowledgeLoadError) -> DialogueStory.Turn {
        let reader = try MappingReader(node, in: document, what: "a turn")
        try reader.rejectUnknownKeys(allowed: Self.turnKeys, what: "a turn")
        var expect = DialogueStory.Expectation()
        expect.intent = try reader.optionalString("intent")
        expect.route = try reader.optionalString("route")
        if let route = expect.route, Outcome.Route(rawValue: route) == nil {
            throw document.fail("unknown route '\(route)' (answer, clarify, decline, emergency, form)", at: node)
        }
        expect.step = try reader.optionalString("step")
        expect.replyContains = try strings(reader, "says")
        expect.replyExcludes = try strings(reader, "not_says")
        if let alerts = try reader.optionalString("alerts") {
            guard let count = Int(alerts), count >= 0 else { throw document.fail("'alerts' is a count", at: node) }
            expect.alerts = count
        }
        if reader.value("stored") != nil { expect.stored = try mapping(reader, "stored") }
        if let nothing = try reader.optionalString("nothing_stored") {
            guard let flag = Bool(nothing) else { throw document.fail("'nothing_stored' is true or false", at: node) }
            expect.nothingStored = flag
        }
        expect.answers = try mapping(reader, "answers")
        expect.unanswered = try reader.stringList("unanswered", required: false)
        return DialogueStory.Turn(user: try reader.string("user"), expect: expect)
    }

    private func strings(_ reader: MappingReader, _ key: String) throws(KnowledgeLoadError) -> [String] {
        guard let node = reader.value(key) else { return [] }
        if node.sequence != nil { return try reader.stringList(key) }
        return [try reader.string(key)]
    }

    private func mapping(_ reader: MappingReader, _ key: String) throws(KnowledgeLoadError) -> [String: String] {
        guard let node = reader.value(key) else { return [:] }
        let inner = try MappingReader(node, in: reader.document, what: "'\(key)'")
        var values: [String: String] = [:]
        for name in inner.keys {
            values[name] = try inner.string(name)
        }
        return values
    }

    /// "2026-03-05T10:00" (UTC) as Unix seconds.
    static func unixSeconds(_ text: String) -> Int64? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = CalendarDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").compactMap { Int64($0) }
        guard clock.count == 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
        return Int64(day.daysSinceEpoch) * 86_400 + clock[0] * 3600 + clock[1] * 60
    }
}
