import Foundation
import Mustache

/// The desk's Mustache templates (resources of this target) and the shipped list of common passwords. Every value
/// is HTML-escaped by `{{…}}`; the templates never use the unescaped forms.
struct DeskTemplates: Sendable {
    let library: MustacheLibrary

    /// The resource bundle's folder name, as SwiftPM writes it next to the executable.
    static let bundleName = "prevent-assist_SafeguardingDesk.resources"
    /// Where the Debian package installs the same folders, relative to the binary's folder.
    static let installedPath = "../share/prevent-assist/desk"

    /// The folder holding `Templates/`, `Static/` and `Lists/`: the bundle beside the binary, or the installed copy.
    /// Never traps, unlike SwiftPM's `Bundle.module`.
    static func resources() throws -> URL {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(bundleName, isDirectory: true)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let folder = executable.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent(bundleName))
            candidates.append(folder.appendingPathComponent(installedPath, isDirectory: true).standardized)
        }
        guard
            let found = candidates.first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("Templates").path)
            })
        else {
            throw DeskSetupError(
                "the desk's templates are missing: looked in " + candidates.map(\.path).joined(separator: ", ")
            )
        }
        return found
    }

    static func load() async throws -> DeskTemplates {
        let folder = try resources().appendingPathComponent("Templates")
        return DeskTemplates(library: try await MustacheLibrary(directory: folder.path))
    }

    static func commonPasswords() throws -> [String] {
        let file = try resources().appendingPathComponent("Lists/common-passwords.txt")
        return try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    static func stylesheet() throws -> String {
        try String(contentsOf: try resources().appendingPathComponent("Static/desk.css"), encoding: .utf8)
    }

    func render<Page: Sendable & MustacheParent>(_ name: String, _ frame: DeskFrame<Page>) -> String {
        library.render(frame, withTemplate: name) ?? "template \(name) is missing"
    }
}

/// The desk cannot start: a message saying what is wrong.
public struct DeskSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
