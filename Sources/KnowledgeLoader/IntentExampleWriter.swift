import AssistantCore
public import Foundation
import TextNormalization

/// Appends examples to one intent's `examples:` list in its `intents/*.yaml` file, as a plain text edit that keeps
/// the file's layout (indentation, comments, order), so the change is a small diff a person reviews. Examples any
/// intent already has (compared normalized) are left out. Used by `review accept`; never called silently.
public struct IntentExampleWriter: Sendable {
    /// The content directory (with `intents/`).
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// What an append changed.
    public struct Change: Sendable, Hashable {
        public let file: URL
        /// The examples written, as they now read in the file.
        public let added: [String]
        /// The file's text before the change (to put back if the result does not check).
        public let original: String
    }

    /// Appends `examples` to intent `intentID`. Throws when no file defines it or its list cannot be edited safely
    /// (an inline `[…]` list).
    public func append(_ examples: [String], to intentID: String) throws(KnowledgeLoadError) -> Change {
        let loaded = KnowledgeDirectory(root: root).load()
        let known = Set(loaded.intents.flatMap(\.value.examples).map { TextNormalizer().normalize($0) })
        var seen = known
        var fresh: [String] = []
        for example in examples.map(Self.clean) where !example.isEmpty {
            let key = TextNormalizer().normalize(example)
            guard !key.isEmpty, !seen.contains(key) else { continue }
            seen.insert(key)
            fresh.append(example)
        }
        for file in Self.intentFiles(in: root.appendingPathComponent("intents")) {
            guard let data = FileManager.default.contents(atPath: file.path),
                let text = String(data: data, encoding: .utf8)
            else { continue }
            var lines = text.components(separatedBy: "\n")
            guard let start = lines.firstIndex(where: { Self.declares($0, id: intentID) }) else { continue }
            let insertAt = try Self.insertionPoint(in: lines, intentLine: start, file: file.path)
            guard !fresh.isEmpty else { return Change(file: file, added: [], original: text) }
            let indent = String(repeating: " ", count: insertAt.indent)
            lines.insert(contentsOf: fresh.map { indent + "- " + Self.quoted($0) }, at: insertAt.line)
            do {
                try Data(lines.joined(separator: "\n").utf8).write(to: file, options: .atomic)
            } catch {
                throw KnowledgeLoadError("cannot write the file: \(error)", at: SourceLocation(file: file.path))
            }
            return Change(file: file, added: fresh, original: text)
        }
        throw KnowledgeLoadError(
            "no intent '\(intentID)' here",
            at: SourceLocation(file: root.appendingPathComponent("intents").path)
        )
    }

    /// Puts a changed file back as it was.
    public static func revert(_ change: Change) throws(KnowledgeLoadError) {
        do {
            try Data(change.original.utf8).write(to: change.file, options: .atomic)
        } catch {
            throw KnowledgeLoadError("cannot restore the file: \(error)", at: SourceLocation(file: change.file.path))
        }
    }

    /// The `*.yaml` files directly under `intents/` (forms live in a subfolder), sorted.
    static func intentFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && $0 != "safety.yaml" }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// Whether `line` is `- id: ID` (optionally quoted).
    static func declares(_ line: String, id: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("- id:") else { return false }
        var value = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
        if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
        return value == id
    }

    /// The line after the last item of the intent's block-style `examples:` list, and the items' indentation.
    static func insertionPoint(
        in lines: [String],
        intentLine: Int,
        file: String
    ) throws(KnowledgeLoadError) -> (line: Int, indent: Int) {
        let intentIndent = indentation(lines[intentLine])
        var index = intentLine + 1
        var examplesLine: Int?
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, !trimmed.hasPrefix("#"), indentation(line) <= intentIndent { break }
            if trimmed.hasPrefix("examples:") {
                examplesLine = index
                break
            }
            index += 1
        }
        guard let examplesLine else {
            throw KnowledgeLoadError("the intent has no 'examples:' list to add to", at: SourceLocation(file: file))
        }
        let rest = lines[examplesLine].trimmingCharacters(in: .whitespaces).dropFirst("examples:".count)
        guard rest.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw KnowledgeLoadError(
                "the intent's examples are written inline; write them one per line first",
                at: SourceLocation(file: file)
            )
        }
        let keyIndent = indentation(lines[examplesLine])
        var itemIndent: Int?
        var last = examplesLine
        index = examplesLine + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                index += 1
                continue
            }
            let indent = indentation(line)
            if trimmed.hasPrefix("- "), itemIndent == nil, indent >= keyIndent { itemIndent = indent }
            guard let items = itemIndent, indent > items || (indent == items && trimmed.hasPrefix("- ")) else {
                break
            }
            last = index
            index += 1
        }
        return (last + 1, itemIndent ?? keyIndent + 2)
    }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// One line, without control characters, at most 300 characters.
    static func clean(_ text: String) -> String {
        let single = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : String($0) }.joined()
        return String(single.trimmingCharacters(in: .whitespaces).prefix(300))
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
