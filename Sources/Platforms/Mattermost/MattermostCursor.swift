import Foundation

/// Where a Mattermost poll resumes: per channel, the newest post seen (its `create_at` and id, so edits of older
/// posts are never taken for new ones), plus the wall-clock time the cursor was written, where a channel seen for the
/// first time starts. Encoded as compact JSON: `{"c":{"<channel id>":{"a":1795944000123,"p":"<post id>"}},"t":…}`.
struct MattermostCursor: Sendable, Hashable, CompactJSONCursor {
    /// A high-water mark: posts after it are new.
    struct Mark: Sendable, Hashable, Codable, Comparable {
        var createAt: Int64
        var postID: String

        enum CodingKeys: String, CodingKey {
            case createAt = "a"
            case postID = "p"
        }

        static func < (lhs: Mark, rhs: Mark) -> Bool { (lhs.createAt, lhs.postID) < (rhs.createAt, rhs.postID) }
    }

    /// Milliseconds since 1970 when the cursor was written.
    var time: Int64
    var marks: [String: Mark]

    enum CodingKeys: String, CodingKey {
        case time = "t"
        case marks = "c"
    }

    init(time: Int64, marks: [String: Mark]) {
        self.time = time
        self.marks = marks
    }
}
