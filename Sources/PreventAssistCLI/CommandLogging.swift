import Foundation
import Logging

/// Logging for the command line: structured lines on standard error, at the level named by
/// `PREVENT_ASSIST_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical; default warning).
/// Message text typed by staff is never logged at any level.
enum CommandLogging {
    /// Bootstraps swift-log once per process and returns the command's logger.
    static func logger() -> Logger {
        bootstrapOnce
        var logger = Logger(label: "prevent-assist")
        let name = ProcessInfo.processInfo.environment["PREVENT_ASSIST_LOG_LEVEL"] ?? "warning"
        logger.logLevel = Logger.Level(rawValue: name.lowercased()) ?? .warning
        return logger
    }

    private static let bootstrapOnce: Void = LoggingSystem.bootstrap { label in
        StreamLogHandler.standardError(label: label)
    }
}
