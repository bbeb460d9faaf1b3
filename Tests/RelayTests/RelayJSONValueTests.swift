import Foundation
import Testing

@testable import RelayServer

/// #18: the relay reads and re-serialises webhook bodies through a typed JSON value, not `JSONSerialization`
/// dictionaries. Hostile bodies stay harmless: ids stay exact, deep nesting neither crashes nor passes unchecked.
struct RelayJSONValueTests {
    func canonical(_ text: String) throws -> [String: Any] {
        guard case .success(let payload) = RelayPayload.decode(Data(text.utf8)) else {
            Issue.record("refused: \(text.prefix(60))")
            return [:]
        }
        return try #require(try JSONSerialization.jsonObject(with: payload.canonical) as? [String: Any])
    }

    @Test func idsStayExactAndFieldsAreRead() throws {
        let text = #"{"type": "event_callback", "event_id": "Ev1", "n": 9223372036854775807, "f": 1.5, "t": true}"#
        guard case .success(let payload) = RelayPayload.decode(Data(text.utf8)) else {
            Issue.record("refused")
            return
        }
        #expect(payload.object["type"]?.string == "event_callback" && payload.object["event_id"]?.string == "Ev1")
        #expect(payload.object["n"] == .integer(Int64.max) && payload.object["t"] == .bool(true))
        let back = try canonical(text)
        #expect((back["n"] as? NSNumber)?.int64Value == Int64.max)
        #expect((back["f"] as? NSNumber)?.doubleValue == 1.5)
    }

    @Test func escapesAndNonASCIITextSurviveWithoutARawNUL() throws {
        let text = #"{"text": "a\u0000b / é \"q\" 🙂"}"#
        guard case .success(let payload) = RelayPayload.decode(Data(text.utf8)) else {
            Issue.record("refused")
            return
        }
        #expect(!payload.canonical.contains(0))
        #expect(try canonical(text)["text"] as? String == "a\u{0}b / é \"q\" 🙂")
    }

    @Test(arguments: [100, 400, 600, 5_000])
    func deepNestingNeitherCrashesNorChangesTheValue(_ depth: Int) {
        let text = #"{"x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        if case .success(let payload) = RelayPayload.decode(Data(text.utf8)) {
            // Accepted: written back as the same structure.
            #expect(String(decoding: payload.canonical, as: UTF8.self).filter { $0 == "[" }.count == depth)
        }
    }
}
