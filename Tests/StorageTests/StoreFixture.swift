import AssistantCore
import Foundation
import PreventAssistTesting
import Storage

/// A real SQLite database in a temporary directory, with a fresh key.
struct StoreFixture {
    let directory: TemporaryDirectory
    let key: EncryptionKey
    let database: AppDatabase

    init(key: EncryptionKey = .generate()) throws {
        directory = try TemporaryDirectory()
        self.key = key
        database = try AppDatabase(file: directory.url.appendingPathComponent(AppDatabase.fileName), key: key)
    }

    var file: URL { directory.url.appendingPathComponent(AppDatabase.fileName) }

    func reopen(with key: EncryptionKey) throws -> AppDatabase { try AppDatabase(file: file, key: key) }

    static let secret = "He said the attack was deserved and showed me a video of it"

    static func submission(
        reporter: String = "console:sam",
        urgent: Bool = false,
        what: String = secret
    ) -> FormSubmission {
        FormSubmission(
            formID: "raise_concern",
            reporterID: reporter,
            urgent: urgent,
            fields: [
                .init(
                    slot: "subject_type",
                    label: "Who it is about",
                    value: "student",
                    display: "A student",
                    sensitivity: .plain
                ),
                .init(
                    slot: "subject_name",
                    label: "Name or ID",
                    value: "Jo Example",
                    display: "Jo Example",
                    sensitivity: .identifying
                ),
                .init(
                    slot: "what_happened",
                    label: "What was seen or heard",
                    value: what,
                    display: what,
                    sensitivity: .freeText
                ),
            ]
        )
    }

    /// Every byte of the database files, for checking that plaintext never reaches disk.
    func rawBytes() throws -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let bytes = FileManager.default.contents(atPath: file.path + suffix) { data.append(bytes) }
        }
        return data
    }
}
