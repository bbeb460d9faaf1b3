import Foundation

/// What an endpoint answers, before it is turned into a Hummingbird response.
struct RelayResponse: Sendable {
    let status: Int
    let contentType: String
    let body: Data

    static func json(_ status: Int, _ body: some Encodable) -> RelayResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return RelayResponse(
            status: status,
            contentType: "application/json",
            body: (try? encoder.encode(body)) ?? Data("{}".utf8)
        )
    }

    static func refused(_ refusal: RelayRefusal) -> RelayResponse {
        // 400 and 415 name what is wrong with the body (never any of its content); credentials get no detail.
        let error =
            switch refusal.status {
            case 413: "payload too large"
            case 400, 415: refusal.reason
            default: "refused"
            }
        return .json(refusal.status, ["error": error])
    }

    static let ok = RelayResponse.json(200, [String: String]())
}
