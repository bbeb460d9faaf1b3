public import Foundation

/// The knowledge content that ships with PreventAssist (`intents/` and `knowledge/` at the top of the repository),
/// copied beside the binary as a resource bundle so an installed `prevent-assist` works from any directory.
public enum ShippedContent {
    /// The resource bundle's folder name, as SwiftPM writes it next to the executable.
    static let bundleName = "prevent-assist_PreventAssistContent.resources"

    /// The folder holding the shipped `intents/` and `knowledge/` folders, or `nil` when the bundle is not beside the
    /// binary (for example, the binary was copied without it). Never traps, unlike SwiftPM's `Bundle.module`.
    public static var root: URL? {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(bundleName, isDirectory: true)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(bundleName))
        }
        return candidates.first { candidate in
            FileManager.default.fileExists(atPath: candidate.appendingPathComponent("intents").path)
        }
    }
}
