import Crypto
import Foundation
import GRDB

/// The concern chronology as a keyed hash chain: each event stores `HMAC(chain key, previous link ‖ digest of the
/// event)`, and `chain_head` holds the last link. A changed, inserted, deleted or reordered event no longer matches
/// its link (or the head), and without the chain key nobody can compute new links. The chain key is random, kept
/// sealed with the store key in `store_meta`, so key rotation re-seals one value and leaves every link as it is.
///
/// A record's creation event also carries a digest of what does not change about the record (reference, dates,
/// form, urgency) and of its fields as stored (labels, plain values, which ones are sealed), so those are covered
/// too; sealed values are protected by AES-GCM, each bound to its place.
struct ChronologyChain: Sendable {
    private let keyBytes: Data

    /// The link before the first event.
    static let genesis = Data(count: 32)
    /// The name of the sealed chain key in `store_meta`.
    static let metaName = "chain_key"
    /// The context the chain key is sealed under.
    static let context = "store chain key"

    init(keyBytes: Data) {
        self.keyBytes = keyBytes
    }

    static func generate() -> ChronologyChain {
        ChronologyChain(keyBytes: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    var base64: String { keyBytes.base64EncodedString() }

    /// The link for an event whose content digest is `content`, after `previous`.
    func link(after previous: Data, content: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: previous + content, using: SymmetricKey(data: keyBytes)))
    }

    /// The digest of one event's stored columns (everything but its link).
    static func eventDigest(_ row: Row) -> Data {
        digest([
            row["id"] as Int64?, row["concern_id"] as Int64?, row["at"] as Int64?, row["actor"] as String?,
            row["action"] as String?, row["stage"] as String?, row["ideology"] as String?,
            row["resolution"] as String?, row["reason"] as String?, row["has_note"] as Int64?,
            (row["record_digest"] as Data?)?.base64EncodedString(),
        ])
    }

    /// The digest of what never changes about concern `id`: its fixed columns and its fields as stored.
    static func recordDigest(_ db: Database, concernID id: Int64) throws -> Data {
        guard
            let concern = try Row.fetchOne(
                db,
                sql: "SELECT reference, year, number, created_at, form_id, urgent FROM concerns WHERE id = ?",
                arguments: [id]
            )
        else { throw StorageError.notFound("concern #\(id)") }
        var parts: [(any CustomStringConvertible)?] = [
            concern["reference"] as String?, concern["year"] as Int64?, concern["number"] as Int64?,
            concern["created_at"] as Int64?, concern["form_id"] as String?, concern["urgent"] as Int64?,
        ]
        for field in try Row.fetchAll(
            db,
            sql: """
                SELECT position, slot, label, sensitivity, value_plain, value_sealed IS NOT NULL AS sealed
                FROM concern_fields WHERE concern_id = ? ORDER BY position
                """,
            arguments: [id]
        ) {
            parts += [
                field["position"] as Int64?, field["slot"] as String?, field["label"] as String?,
                field["sensitivity"] as String?, field["value_plain"] as String?, field["sealed"] as Int64?,
            ]
        }
        return digest(parts)
    }

    /// SHA-256 of the parts, each written as a presence byte, a length and its text, so no two lists of parts
    /// give the same bytes.
    static func digest(_ parts: [(any CustomStringConvertible)?]) -> Data {
        var hasher = SHA256()
        for part in parts {
            guard let part else {
                hasher.update(data: Data([0]))
                continue
            }
            let bytes = Data(part.description.utf8)
            var length = UInt32(bytes.count).bigEndian
            hasher.update(data: Data([1]) + Data(bytes: &length, count: 4) + bytes)
        }
        return Data(hasher.finalize())
    }
}
