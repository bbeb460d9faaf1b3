import Crypto
import Foundation

/// The deduplication key for a webhook whose signature covers only its body (Teams outgoing webhooks; Slack events
/// without an `event_id`): a SHA-256 of the raw body. Kept, like every delivery key, without content and only for
/// the retention period, which bounds the replay window.
enum ReplayKey {
    static func of(_ body: Data) -> String {
        "body:" + SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }
}
