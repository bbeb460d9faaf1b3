import Foundation

/// What an endpoint answers, before it is turned into a Hummingbird response.
struct RelayResponse: Sendable {
    let status: Int
    let contentType: String
    let body: Data

    static func json(_ status: Int, _ object: Any) -> RelayResponse {
        RelayResponse(
            status: status,
            contentType: "application/json",
            body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        )
    }

    static func refused(_ refusal: RelayRefusal) -> RelayResponse {
        .json(refusal.status, ["error": refusal.status == 413 ? "payload too large" : "refused"])
    }

    static let ok = RelayResponse.json(200, [String: String]())
}
