import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads and creates key files with the checks a key deserves: only a file that does not exist counts as missing;
/// one that exists but cannot be read, is not a regular file, or may be read by others (mode other than 0600 or 0400)
/// is an error naming the file, its owner and mode, and the fix. Creation never replaces an existing file.
enum KeyFile {
    /// What reading found.
    enum Found {
        case contents(Data)
        case missing
    }

    /// The most a key file holds (a base64 key with a newline is 45 bytes).
    private static let maximumSize = 4096

    static func read(_ file: URL) throws(StorageError) -> Found {
        let descriptor = open(file.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            throw .badKey(problem(file, "cannot be read (\(String(cString: strerror(code))))", fix: fix(for: code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .badKey(problem(file, "cannot be examined (\(String(cString: strerror(errno))))", fix: ""))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .badKey(problem(file, "is not a regular file", fix: "Put the key file back as a plain file."))
        }
        let mode = status.st_mode & 0o7777
        guard mode == 0o600 || mode == 0o400 else {
            throw .badKey(
                problem(
                    file,
                    "has mode \(String(mode, radix: 8)), so others may read the key",
                    fix: "Run: chmod 600 \(file.path)"
                )
            )
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 512)
        while data.count <= maximumSize {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 {
                throw .badKey(problem(file, "cannot be read (\(String(cString: strerror(errno))))", fix: ""))
            }
            if count == 0 { return .contents(data) }
            data.append(contentsOf: buffer[0..<count])
        }
        throw .badKey(problem(file, "is larger than a key file can be", fix: "Restore the key file from your backup."))
    }

    /// Creates `file` with `contents` and mode 0600, failing if it exists. The contents are written to a temporary
    /// file first and linked into place, so the key file never exists half-written.
    static func createNew(_ file: URL, contents: Data) throws(StorageError) {
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString.prefix(8)).new")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .badKey("cannot create \(temporary.path): \(String(cString: strerror(errno)))")
        }
        defer { unlink(temporary.path) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == contents.count, synced == 0 else {
            throw .badKey("cannot write \(temporary.path): \(String(cString: strerror(errno)))")
        }
        // link(2) fails with EEXIST rather than replace a key file that appeared meanwhile.
        guard link(temporary.path, file.path) == 0 else {
            throw .badKey("cannot create \(file.path): \(String(cString: strerror(errno)))")
        }
    }

    private static func problem(_ file: URL, _ what: String, fix: String) -> String {
        var status = stat()
        var owner = ""
        if lstat(file.path, &status) == 0 {
            let name = getpwuid(status.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(status.st_uid)"
            owner = " (owner \(name), mode \(String(status.st_mode & 0o7777, radix: 8)))"
        }
        let me = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
        return "the key file \(file.path)\(owner) \(what); running as \(me). Nothing was changed. \(fix)"
    }

    private static func fix(for code: Int32) -> String {
        switch code {
        case EACCES, EPERM:
            "Run this as the user that owns the key file (the service user), or give that user the file: "
                + "chown SERVICE_USER FILE && chmod 600 FILE."
        case ELOOP: "The key file is a symbolic link; put the key file itself there."
        default: "Check the path and the disk."
        }
    }
}
