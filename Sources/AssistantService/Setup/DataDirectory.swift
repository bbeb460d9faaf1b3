public import Foundation

/// Where PreventAssist keeps its data (conversation state, concern records, model cache): `--data DIR`, else the
/// configuration's `data_dir`, else `$XDG_DATA_HOME/prevent-assist`, else `~/.local/share/prevent-assist`.
///
/// The directory is created on first use with owner-only permissions (0700), and tightened to 0700 if it exists
/// with looser ones, because it will hold safeguarding records.
public struct DataDirectory: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// Resolves the directory from the sources above, in order.
    public static func resolve(
        explicit: String?,
        configured: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DataDirectory {
        if let explicit { return DataDirectory(url: URL(fileURLWithPath: explicit, isDirectory: true)) }
        if let configured { return DataDirectory(url: URL(fileURLWithPath: configured, isDirectory: true)) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return DataDirectory(url: URL(fileURLWithPath: xdg).appendingPathComponent("prevent-assist"))
        }
        let home =
            environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return DataDirectory(url: home.appendingPathComponent(".local/share/prevent-assist", isDirectory: true))
    }

    /// Creates the directory (and parents) if needed and makes it owner-only. A path that exists but is not a
    /// directory is an error, and is left exactly as it is.
    public func prepare() throws(ServiceError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue {
            throw ServiceError(
                "the data directory \(url.path) is a file, not a directory: give --data (or data_dir) a directory"
            )
        }
        do {
            if !exists {
                try manager.createDirectory(
                    at: url,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            }
            let permissions = try manager.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            if permissions != 0o700 {
                try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
            }
        } catch {
            throw ServiceError("cannot prepare the data directory \(url.path): \(error.localizedDescription)")
        }
    }
}
