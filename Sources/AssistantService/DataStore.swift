public import Foundation
public import Logging
public import Storage

/// Opens the database in a data directory with its encryption key, and does the housekeeping due at start-up.
public enum DataStore {
    /// Opens `prevent-assist.sqlite` in `directory` (prepared with mode 0700). The key comes from
    /// `PREVENT_ASSIST_KEY`, else from the key file beside the database, created on first use with a warning.
    public static func open(
        _ directory: DataDirectory,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) throws(ServiceError) -> AppDatabase {
        try directory.prepare()
        do {
            let keyFile = directory.url.appendingPathComponent(AppDatabase.keyFileName)
            let (key, origin) = try EncryptionKey.load(environment: environment, keyFile: keyFile)
            if case .keyFile(let file, let created) = origin {
                logger.warning(
                    "concern records are encrypted with a key file beside the database; for production set PREVENT_ASSIST_KEY and keep the key elsewhere",
                    metadata: ["key_file": "\(file.path)", "created": "\(created)"]
                )
            }
            return try AppDatabase(file: directory.url.appendingPathComponent(AppDatabase.fileName), key: key)
        } catch {
            throw ServiceError("data directory \(directory.url.path): \(error)")
        }
    }
}
