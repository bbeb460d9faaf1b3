import Foundation

/// Small helpers for the terminal: standard error, whether a stream is a terminal, a progress bar.
enum Terminal {
    static func isInteractive(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Draws `[#####     ] 50/100` on standard error, in place; only when standard error is a terminal.
    static func progress(_ done: Int, _ total: Int) {
        guard isInteractive(STDERR_FILENO), total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
