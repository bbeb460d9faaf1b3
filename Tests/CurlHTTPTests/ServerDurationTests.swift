import CurlHTTP
import Foundation
import Testing

/// Durations from servers are finite and within an hour whatever the server sends.
struct ServerDurationTests {
    @Test(arguments: [
        ("30", 30.0), (" 1.5 ", 1.5), ("1e300", 3_600), ("999999999", 3_600), ("inf", 3_600), ("-5", 0),
        ("-inf", 0), ("3600", 3_600), ("0", 0),
    ])
    func headerTextIsClamped(_ text: String, _ expected: Double) {
        #expect(ServerDuration.seconds(text: text) == expected)
    }

    @Test(arguments: ["nan", "NaN", "soon", "", "Wed, 21 Oct 2026 07:28:00 GMT", String(repeating: "9", count: 400)])
    func textThatIsNotAUsableNumberIsNil(_ text: String) {
        #expect(ServerDuration.seconds(text: text) == nil)
    }

    @Test func retryAfterHeaderUsesTheHelper() {
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "1e300"]).retryAfterSeconds == 3_600)
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "nan"]).retryAfterSeconds == nil)
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "-5"]).retryAfterSeconds == 0)
    }

    @Test func jsonNumbersStringsAndMilliseconds() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(#"{"a": 1e300, "b": -5, "c": "12", "d": true, "e": 999999999, "f": 2500}"#.utf8)
            ) as? [String: Any]
        )
        #expect(ServerDuration.seconds(json: object["a"]) == 3_600)
        #expect(ServerDuration.seconds(json: object["b"]) == 0)
        #expect(ServerDuration.seconds(json: object["c"]) == 12)
        #expect(ServerDuration.seconds(json: ["list"]) == nil)
        #expect(ServerDuration.seconds(json: object["missing"]) == nil)
        #expect(ServerDuration.seconds(jsonMilliseconds: object["e"]) == 3_600)
        #expect(ServerDuration.seconds(jsonMilliseconds: object["f"]) == 2.5)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300, -1e300, 999_999_999, -5, 0.0004])
    func durationNeverTrapsAndStaysWithinAnHour(_ seconds: Double) {
        let duration = ServerDuration.duration(seconds: seconds)
        #expect(duration >= .zero && duration <= .seconds(3_600))
    }
}
