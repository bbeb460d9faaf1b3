import AssistantCore
import Foundation
import Testing

@testable import Platforms

/// #18: quick-reply buttons send back the payload the reply gave them, never a number the adapter made up; the core
/// decides what a tap means.
struct ButtonPayloadTests {
    static let suggestions = [
        Reply.Suggestion(title: "Report a concern", intentID: "report", payload: ButtonPayload("opaque-a")),
        Reply.Suggestion(title: "Visiting speakers", intentID: "speakers", payload: ButtonPayload("opaque-b")),
    ]

    /// The JSON an `Encodable` request body becomes, as a dictionary to look into.
    func json(_ body: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func telegramButtonsCarryThePayload() throws {
        let keyboard = try json(TelegramPlatform.keyboard(Self.suggestions))
        let rows = try #require(keyboard["inline_keyboard"] as? [[[String: Any]]])
        #expect(rows.map { $0.first?["callback_data"] as? String } == ["opaque-a", "opaque-b"])
    }

    @Test func slackButtonsCarryThePayload() throws {
        let blocks = SlackPlatform.blocks("text", Self.suggestions)
        let actions = try json(try #require(blocks.last))
        let buttons = try #require(actions["elements"] as? [[String: Any]])
        #expect(buttons.map { $0["value"] as? String } == ["opaque-a", "opaque-b"])
        #expect(buttons.map { $0["action_id"] as? String } == ["suggestion-1", "suggestion-2"])
    }

    @Test func teamsCardActionsCarryThePayload() throws {
        let card = try json(TeamsText.card(Self.suggestions))
        let content = try #require(card["content"] as? [String: Any])
        let actions = try #require(content["actions"] as? [[String: Any]])
        #expect(actions.map { ($0["data"] as? [String: Any])?["choice"] as? String } == ["opaque-a", "opaque-b"])
        #expect(content["$schema"] as? String == "http://adaptivecards.io/schemas/adaptive-card.json")
    }
}
