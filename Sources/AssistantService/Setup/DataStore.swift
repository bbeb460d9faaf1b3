public import Foundation
public import Logging
public import Storage

/// Opens the database in a data directory with its encryption key, and does the housekeeping due at start-up.
public enum DataStore {
    /// Opens `prevent-assist.sqlite` in `directory` (prepared with mode 0700). The key comes from
    /// `PREVENT_ASSIST_KEY`, else from systemd's credential `$CREDENTIALS_DIRECTORY/prevent-assist.key` when it
    /// exists (``StoreKeyLocation``), else from the key file beside the database, created with a warning only while
    /// the database holds nothing sealed. A key that cannot be read, or that does not match the database, stops here
    /// with nothing written.
    public static func open(
        _ directory: DataDirectory,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) throws(ServiceError) -> AppDatabase {
        try directory.prepare()
        do {
            let location = StoreKeyLocation.resolve(in: directory, environment: environment)
            let file = directory.url.appendingPathComponent(AppDatabase.fileName)
            // The database is looked at only when there is no key file: a key that cannot be read stops here first.
            let (key, origin) = try EncryptionKey.load(environment: environment, keyFile: location.file) {
                () throws(StorageError) -> Bool in
                guard location.mayCreate else { return false }
                return try AppDatabase.storedKeyIDs(of: file).isEmpty
            }
            if case .keyFile(let file, let created) = origin, location.mayCreate {
                logger.warning(
                    "concern records are encrypted with a key file beside the database; for production set PREVENT_ASSIST_KEY and keep the key elsewhere",
                    metadata: ["key_file": "\(file.path)", "created": "\(created)"]
                )
            }
            return try AppDatabase(file: file, key: key)
        } catch {
            throw ServiceError("data directory \(directory.url.path): \(error)")
        }
    }
}
