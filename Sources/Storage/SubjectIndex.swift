import AssistantCore
import Crypto
import Foundation
import GRDB

/// The keyed blind index that links records about the same person without keeping who they are in the clear.
///
/// Each record that names the person it is about (the `subject_name` answer) gets one row in `desk_subject_index`:
/// the HMAC-SHA256 of the normalised name or ID (``normalise(_:)``) under a key derived with HKDF from the store
/// key, for this purpose only. Without the store key the index says only that some records share a person, not who;
/// with it, a name can be tested but never read back. `concerns rotate-key` rebuilds it under the new key.
public enum SubjectIndex {
    /// The answer that names the person a concern is about.
    static let slot = "subject_name"
    /// The HKDF purpose that derives the index key from the store key.
    static let purpose = "prevent-assist same-person index"

    /// The name or ID as it is compared: letters and digits only, folded to lower case without accents, words in
    /// alphabetical order ("Smith, JOHN" and "john smith" match); `nil` for fewer than two letters or digits, and
    /// for an answer made only of words that say the name is not known ("don't know", "N/A", "rather not say"),
    /// which would otherwise link unrelated records. A missed link is the safe failure; a false one is not.
    public static func normalise(_ text: String) -> String? {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        let words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init).sorted()
        guard !words.allSatisfy(noNameWords.contains) else { return nil }
        let joined = words.joined(separator: " ")
        guard joined.filter({ $0 != " " }).count >= 2 else { return nil }
        return joined
    }

    /// Words of answers that give no name: "I don't know their name", "not sure", "unknown", "no name given".
    static let noNameWords: Set<String> = [
        "i", "do", "don", "dont", "t", "not", "know", "known", "unknown", "sure", "unsure", "no", "idea", "n", "a",
        "na", "none", "anonymous", "anon", "rather", "say", "their", "his", "her", "the", "name", "names", "can",
        "cant", "cannot", "remember", "recall", "given", "forgot", "forget", "didn", "didnt", "get", "catch", "it",
        "nobody", "someone", "somebody", "student", "staff", "person",
    ]

    /// The index value for `name` under `cipher`'s key, or `nil` when the name is too short to link on.
    static func key(_ name: String, cipher: FieldCipher) -> String? {
        guard let normalised = normalise(name) else { return nil }
        return HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: cipher.derivedKey(purpose))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Indexes a new record from its submitted answers (inside the transaction that stores it).
    static func add(_ db: Database, concernID: Int64, fields: [FormSubmission.Field], cipher: FieldCipher) throws {
        guard let field = fields.first(where: { $0.slot == slot }),
            let value = key(ControlCharacters.visible(field.display), cipher: cipher)
        else { return }
        try db.execute(
            sql: "INSERT OR REPLACE INTO desk_subject_index (concern_id, subject_key) VALUES (?, ?)",
            arguments: [concernID, value]
        )
    }

    /// Rebuilds the whole index: opens each record's sealed name with `opening` and keys it under `keying` (the
    /// new key during `rotate-key`; the same cipher otherwise). Returns how many records are indexed.
    @discardableResult
    static func rebuild(_ db: Database, opening: FieldCipher, keying: FieldCipher) throws -> Int {
        try db.execute(sql: "DELETE FROM desk_subject_index")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.concern_id, f.value_sealed, f.value_plain, c.reference FROM concern_fields f
                JOIN concerns c ON c.id = f.concern_id
                WHERE f.slot = ? AND c.purged_at IS NULL
                """,
            arguments: [slot]
        )
        var count = 0
        for row in rows {
            let reference: String = row["reference"]
            let name: String
            if let sealed: Data = row["value_sealed"] {
                name = try opening.open(sealed, context: ConcernStore.fieldContext(reference, slot))
            } else if let plain: String = row["value_plain"] {
                name = plain
            } else {
                continue
            }
            guard let value = key(name, cipher: keying) else { continue }
            try db.execute(
                sql: "INSERT INTO desk_subject_index (concern_id, subject_key) VALUES (?, ?)",
                arguments: [row["concern_id"] as Int64, value]
            )
            count += 1
        }
        return count
    }
}
