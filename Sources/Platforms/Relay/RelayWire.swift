/// The relay's `GET /v1/updates` answer, `{"events": [{"seq": N, "source": "slack", "payload": {…}}]}`, decoded
/// leniently: an entry without a sequence number is dropped, a payload that is not an object reads as `nil`.
struct RelayUpdateList<Payload: Decodable & Sendable>: Decodable {
    let events: [RelayClient.Event<Payload>]

    private enum CodingKeys: String, CodingKey { case events }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = try container.decode([Each<Entry>].self, forKey: .events).compactMap(\.value?.event)
    }

    private struct Entry: Decodable {
        let event: RelayClient.Event<Payload>?

        private enum CodingKeys: String, CodingKey { case seq, source, payload }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            event = container.lenient(.seq, as: WireNumber.self)?.int64.map { sequence in
                RelayClient.Event(
                    sequence: sequence,
                    source: container.lenient(.source) ?? "",
                    payload: container.lenient(.payload)
                )
            }
        }
    }
}

/// The body of `POST /v1/replies/{seq}`.
struct RelayReplyBody: Encodable {
    let text: String
}
