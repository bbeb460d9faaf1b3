import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Who is at the host: `cli:<login name>` of the process's effective user, from the system's user database — not
/// from `$USER` or a flag, which anyone can set. The name the audit trail records for host commands.
enum HostIdentity {
    static var current: String {
        let uid = geteuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "cli:uid-\(uid)" }
        return "cli:" + String(cString: name)
    }
}
