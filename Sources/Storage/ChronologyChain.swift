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
        digest(
            [
                "id", "concern_id", "at", "actor", "action", "stage", "ideology", "resolution", "reason", "has_note",
                "record_digest",
            ].map { text(row[$0]) }
        )
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
        var parts = ["reference", "year", "number", "created_at", "form_id", "urgent"].map { text(concern[$0]) }
        for field in try Row.fetchAll(
            db,
            sql: """
                SELECT position, slot, label, sensitivity, value_plain, value_sealed IS NOT NULL AS sealed
                FROM concern_fields WHERE concern_id = ? ORDER BY position
                """,
            arguments: [id]
        ) {
            parts += ["position", "slot", "label", "sensitivity", "value_plain", "sealed"].map { text(field[$0]) }
        }
        return digest(parts)
    }

    /// A stored value as the digest reads it, whatever its type (a changed type changes the digest, never crashes):
    /// integers and reals in decimal, text as it is, blobs in base64.
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let string): string
        case .blob(let data): data.base64EncodedString()
        }
    }

    /// SHA-256 of the parts, each written as a presence byte, a length and its text, so no two lists of parts
    /// give the same bytes.
    static func digest(_ parts: [String?]) -> Data {
        var hasher = SHA256()
        for part in parts {
            guard let part else {
                hasher.update(data: Data([0]))
                continue
            }
            let bytes = Data(part.utf8)
            var length = UInt32(bytes.count).bigEndian
            hasher.update(data: Data([1]) + Data(bytes: &length, count: 4) + bytes)
        }
        return Data(hasher.finalize())
    }
}
