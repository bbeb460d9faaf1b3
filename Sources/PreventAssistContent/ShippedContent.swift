public import Foundation

/// The knowledge content that ships with PreventAssist (`intents/`, `knowledge/` and `models/` in this target's folder;
/// the top-level folders of those names are links to them, for authors), copied beside the binary as a resource bundle so an installed `prevent-assist` works from any directory. The Debian
/// package installs the same folders in `/usr/share/prevent-assist` for `/usr/bin/prevent-assist`.
public enum ShippedContent {
    /// The resource bundle's folder name, as SwiftPM writes it next to the executable.
    static let bundleName = "prevent-assist_PreventAssistContent.resources"

    /// The installed content's folder relative to the binary's folder (`/usr/bin` → `/usr/share/prevent-assist`).
    static let installedPath = "../share/prevent-assist"

    /// The folder holding the shipped `intents/` and `knowledge/` folders, or `nil` when neither the bundle is beside
    /// the binary nor the content installed in `../share/prevent-assist` from it (for example, the binary was copied
    /// alone). Never traps, unlike SwiftPM's `Bundle.module`.
    public static var root: URL? {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(bundleName, isDirectory: true)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let folder = executable.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent(bundleName))
            candidates.append(folder.appendingPathComponent(installedPath, isDirectory: true).standardized)
        }
        return candidates.first { candidate in
            FileManager.default.fileExists(atPath: candidate.appendingPathComponent("intents").path)
        }
    }
}
