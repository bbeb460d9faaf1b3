import ArgumentParser
import AssistantCore
import AssistantService
import Foundation

/// `prevent-assist ask`: one question, one answer.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask one question and print the answer.",
        discussion: """
            With --json, prints exactly one JSON object: {"intent", "confidence", "route", "answer", "article", \
            "alternatives": [{"intent", "confidence"}], "follow_ups": [{"intent", "title"}]}. The intent is \
            "immediate_danger" when the safety screen fires and "out_of_scope" when the assistant declines; the \
            route is answer, clarify, decline, emergency or form.
            """
    )

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup var content: ContentOptions

    @Argument(help: "The question.")
    var question: String

    func run() throws {
        let setup = try content.setup()
        let message = InboundMessage(
            platform: "cli",
            conversationID: "cli",
            isDirect: true,
            senderID: "cli",
            text: question,
            messageID: "ask",
            timestamp: Int64(Date().timeIntervalSince1970)
        )
        let outcome = setup.assistant.handle(message, state: .initial, detail: .full)
        if json {
            print(try AskResult(outcome, titles: setup.assistant.knowledge.title(of:)).jsonText())
        } else {
            print(outcome.replies.map(\.text).joined(separator: "\n\n"))
        }
    }
}

/// The JSON shape `ask --json` prints.
struct AskResult: Encodable {
    struct Alternative: Encodable {
        let intent: String
        let confidence: Double
    }

    struct FollowUp: Encodable {
        let intent: String
        let title: String
    }

    let intent: String
    let confidence: Double
    let route: String
    let answer: String
    let article: String?
    let alternatives: [Alternative]
    let followUps: [FollowUp]

    init(_ outcome: Outcome, titles: (String) -> String) {
        intent = outcome.trace.intent
        let bounded = min(1, max(0, outcome.trace.confidence))
        confidence = bounded.isFinite ? bounded : 0
        route = outcome.route.rawValue
        answer = outcome.replies.map(\.text).joined(separator: "\n\n")
        article = outcome.trace.article
        alternatives = outcome.trace.alternatives.map { Alternative(intent: $0.id, confidence: $0.score) }
        followUps = outcome.trace.followUps.map { FollowUp(intent: $0, title: titles($0)) }
    }

    enum CodingKeys: String, CodingKey {
        case intent, confidence, route, answer, article, alternatives
        case followUps = "follow_ups"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intent, forKey: .intent)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(route, forKey: .route)
        try container.encode(answer, forKey: .answer)
        try container.encode(article, forKey: .article)  // null when there is none, never omitted
        try container.encode(alternatives, forKey: .alternatives)
        try container.encode(followUps, forKey: .followUps)
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
