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
            timestamp: UnixClock.system.seconds
        )
        let outcome = setup.assistant.handle(message, state: .initial, detail: .full)
        if json {
            print(try AskResult(outcome, titles: setup.assistant.knowledge.title(of:)).jsonText())
        } else {
            print(outcome.replies.map(\.text).joined(separator: "\n\n"))
        }
    }
}

/// The JSON shape `ask --json` prints. Written by hand rather than by `JSONEncoder`, which writes a certain `1.0` as
/// the integer `1`: every confidence here is a decimal number (six places), so a script reading it gets a float.
struct AskResult {
    struct Alternative {
        let intent: String
        let confidence: Double
    }

    struct FollowUp {
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
        confidence = Self.bounded(outcome.trace.confidence)
        route = outcome.route.rawValue
        answer = outcome.replies.map(\.text).joined(separator: "\n\n")
        article = outcome.trace.article
        alternatives = outcome.trace.alternatives.map {
            Alternative(intent: $0.id, confidence: Self.bounded($0.score))
        }
        followUps = outcome.trace.followUps.map { FollowUp(intent: $0, title: titles($0)) }
    }

    /// One JSON object on one line, keys in alphabetical order; `article` is `null` when there is none.
    func jsonText() throws -> String {
        let alternatives = try alternatives.map {
            "{\"confidence\":\(Self.number($0.confidence)),\"intent\":\(try Self.string($0.intent))}"
        }
        let followUps = try followUps.map {
            "{\"intent\":\(try Self.string($0.intent)),\"title\":\(try Self.string($0.title))}"
        }
        let fields = [
            "\"alternatives\":[\(alternatives.joined(separator: ","))]",
            "\"answer\":\(try Self.string(answer))",
            "\"article\":\(try article.map(Self.string) ?? "null")",
            "\"confidence\":\(Self.number(confidence))",
            "\"follow_ups\":[\(followUps.joined(separator: ","))]",
            "\"intent\":\(try Self.string(intent))",
            "\"route\":\(try Self.string(route))",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A score in 0…1; anything else (not finite, out of range) is clamped, NaN reads 0.
    static func bounded(_ value: Double) -> Double {
        value.isFinite ? min(1, max(0, value)) : (value == .infinity ? 1 : 0)
    }

    static func number(_ value: Double) -> String {
        String(format: "%.6f", value)
    }

    /// A JSON string literal, escaped by `JSONEncoder`.
    static func string(_ value: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
