import Foundation

/// A poll cursor kept as compact JSON text (sorted keys, so one position always reads the same).
protocol CompactJSONCursor: Codable {}

extension CompactJSONCursor {
    /// The cursor in `text`, or `nil` when it is not one of ours.
    init?(_ text: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)) else { return nil }
        self = decoded
    }

    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
