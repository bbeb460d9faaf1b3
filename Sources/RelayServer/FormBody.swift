import Foundation

/// `application/x-www-form-urlencoded` bodies (Slack interactivity), decoded to a dictionary.
enum FormBody {
    static func decode(_ body: Data) -> [String: String] {
        let text = String(decoding: body, as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeComponent(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decodeComponent(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decodeComponent(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
