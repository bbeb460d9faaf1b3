public import Foundation
import Storage

/// Which key file the store's key comes from when `PREVENT_ASSIST_KEY` is not set.
///
/// Under systemd with `LoadCredential=prevent-assist.key:FILE`, the service finds the key at
/// `$CREDENTIALS_DIRECTORY/prevent-assist.key`: that file is used when it exists, only read (the credentials
/// directory belongs to systemd, so no key is ever created there). Otherwise the key file beside the database, which
/// may be created while the database holds nothing sealed.
public struct StoreKeyLocation: Sendable, Hashable {
    /// The environment variable systemd sets to the service's credentials directory.
    public static let credentialsVariable = "CREDENTIALS_DIRECTORY"

    /// The key file to read.
    public let file: URL
    /// Whether a missing `file` may be created (never for a credential).
    public let mayCreate: Bool

    public init(file: URL, mayCreate: Bool) {
        self.file = file
        self.mayCreate = mayCreate
    }

    /// The credential when the environment names an absolute credentials directory holding `prevent-assist.key`
    /// (a link there counts, so the file's own checks report it), else the key file in `directory`.
    public static func resolve(in directory: DataDirectory, environment: [String: String]) -> StoreKeyLocation {
        if let credentials = environment[credentialsVariable], credentials.hasPrefix("/") {
            let credential = URL(fileURLWithPath: credentials, isDirectory: true)
                .appendingPathComponent(AppDatabase.keyFileName)
            // attributesOfItem does not follow links: whatever is there is the credential.
            if (try? FileManager.default.attributesOfItem(atPath: credential.path)) != nil {
                return StoreKeyLocation(file: credential, mayCreate: false)
            }
        }
        return StoreKeyLocation(file: directory.url.appendingPathComponent(AppDatabase.keyFileName), mayCreate: true)
    }
}
