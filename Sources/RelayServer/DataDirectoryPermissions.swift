import Foundation

/// The relay's data directory holds message content until acknowledged, so it must be the relay user's alone. A
/// directory open to its group or to others is refused (never silently kept, nor silently changed): the relay does
/// not start and `relay --check` names it with the `chmod` that fixes it.
enum DataDirectoryPermissions {
    /// Why `directory` may not be used, or `nil` when it is fine or does not exist yet (it is then created 0700).
    static func problem(at directory: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: directory.path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { return nil }
        guard mode & 0o077 != 0 else { return nil }
        return "data_dir \(directory.path) has mode \(String(mode & 0o777, radix: 8)), open to its group or others; "
            + "it holds message content: run chmod 700 \(directory.path)"
    }
}
