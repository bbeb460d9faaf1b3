import AssistantCore
import TextNormalization
import Yams

/// A parsed YAML document whose nodes remember their line, so every error can point at the right place.
struct YAMLDocument {
    let file: String
    /// Added to Yams' line numbers, for YAML embedded in a larger file (article front matter).
    let lineOffset: Int
    let root: Node

    /// Parses `text`; a syntax error becomes a ``KnowledgeLoadError`` with the file and line.
    init(text: String, file: String, lineOffset: Int = 0) throws(KnowledgeLoadError) {
        self.file = file
        self.lineOffset = lineOffset
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw KnowledgeLoadError("the file is empty", at: SourceLocation(file: file, line: 1 + lineOffset))
            }
            root = node
        } catch let error as KnowledgeLoadError {
            throw error
        } catch let error as YamlError {
            throw Self.describe(error, file: file, lineOffset: lineOffset)
        } catch {
            throw KnowledgeLoadError("could not be read as YAML: \(error)", at: SourceLocation(file: file))
        }
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.map { $0.line + lineOffset })
    }

    func fail(_ message: String, at node: Node) -> KnowledgeLoadError {
        KnowledgeLoadError(message, at: location(of: node))
    }

    private static func describe(_ error: YamlError, file: String, lineOffset: Int) -> KnowledgeLoadError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.joined(separator: ", ")
            return KnowledgeLoadError(
                "YAML syntax error: \(detail) (column \(mark.column))",
                at: SourceLocation(file: file, line: mark.line + lineOffset)
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            return KnowledgeLoadError(
                "duplicate keys \(duplicates.joined(separator: ", "))",
                at: SourceLocation(file: file, line: context.mark.line + lineOffset)
            )
        default:
            return KnowledgeLoadError("YAML error: \(error)", at: SourceLocation(file: file, line: nil))
        }
    }
}

/// Typed, located access to one YAML mapping, rejecting keys it does not know (a typo is an error, not a silent
/// default).
struct MappingReader {
    let document: YAMLDocument
    let node: Node
    private let mapping: Node.Mapping

    init(_ node: Node, in document: YAMLDocument, what: String) throws(KnowledgeLoadError) {
        guard let mapping = node.mapping else {
            throw document.fail("\(what) must be a mapping of keys to values", at: node)
        }
        self.document = document
        self.node = node
        self.mapping = mapping
    }

    var keys: [String] { mapping.keys.compactMap(\.string) }

    /// Each key's node and name (a key that is not text is named `?`).
    var keyNodes: [(node: Node, name: String)] { mapping.keys.map { ($0, $0.string ?? "?") } }

    func rejectUnknownKeys(allowed: Set<String>, what: String) throws(KnowledgeLoadError) {
        for key in mapping.keys {
            guard let name = key.string, allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                let hint =
                    key.string.flatMap { NearestName.suggestion(for: $0, among: allowed) }.map {
                        " — did you mean '\($0)'?"
                    } ?? ""
                throw document.fail(
                    "unknown key '\(key.string ?? "?")' in \(what)\(hint) (known keys: \(known))",
                    at: key
                )
            }
        }
    }

    func value(_ key: String) -> Node? { mapping[key] }

    func string(_ key: String) throws(KnowledgeLoadError) -> String {
        guard let node = mapping[key] else { throw document.fail("missing required key '\(key)'", at: self.node) }
        return try Self.scalarString(node, key: key, in: document)
    }

    func optionalString(_ key: String) throws(KnowledgeLoadError) -> String? {
        guard let node = mapping[key], !Self.isNull(node) else { return nil }
        return try Self.scalarString(node, key: key, in: document)
    }

    func stringList(_ key: String, required: Bool = true) throws(KnowledgeLoadError) -> [String] {
        guard let node = mapping[key], !Self.isNull(node) else {
            if required { throw document.fail("missing required key '\(key)'", at: self.node) }
            return []
        }
        guard let sequence = node.sequence else {
            throw document.fail("'\(key)' must be a list", at: node)
        }
        var values: [String] = []
        for item in sequence {
            values.append(try Self.scalarString(item, key: key, in: document))
        }
        return values
    }

    func date(_ key: String) throws(KnowledgeLoadError) -> CalendarDate {
        guard let node = mapping[key] else { throw document.fail("missing required key '\(key)'", at: self.node) }
        return try Self.date(node, key: key, in: document)
    }

    static func date(_ node: Node, key: String, in document: YAMLDocument) throws(KnowledgeLoadError) -> CalendarDate {
        let text = try scalarString(node, key: key, in: document)
        guard let date = CalendarDate(iso: text) else {
            throw document.fail("'\(key)' must be a date written YYYY-MM-DD, not '\(text)'", at: node)
        }
        return date
    }

    static func scalarString(_ node: Node, key: String, in document: YAMLDocument) throws(KnowledgeLoadError) -> String
    {
        guard let scalar = node.scalar else {
            throw document.fail("'\(key)' must be a single value, not a list or mapping", at: node)
        }
        return scalar.string
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
