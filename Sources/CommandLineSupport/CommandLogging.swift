import Foundation
public import Logging

/// Logging for the command line: structured lines on standard error, at the level named by
/// `PREVENT_ASSIST_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical; default warning).
/// Message text typed by staff is never logged at any level. Shared by `prevent-assist` and `prevent-assist-relay`.
public enum CommandLogging {
    /// Bootstraps swift-log once per process and returns the command's logger, labelled `label`.
    public static func logger(label: String = "prevent-assist") -> Logger {
        bootstrapOnce
        var logger = Logger(label: label)
        let name = ProcessInfo.processInfo.environment["PREVENT_ASSIST_LOG_LEVEL"] ?? "warning"
        logger.logLevel = Logger.Level(rawValue: name.lowercased()) ?? .warning
        return logger
    }

    private static let bootstrapOnce: Void = LoggingSystem.bootstrap { label in
        StreamLogHandler.standardError(label: label)
    }
}
