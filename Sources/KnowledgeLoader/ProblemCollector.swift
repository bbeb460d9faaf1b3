import AssistantCore
import TextNormalization
import Yams

/// Collects every problem in a configuration file instead of stopping at the first, so one `config check` lists
/// them all, each with its line.
struct ProblemCollector {
    let document: YAMLDocument
    private(set) var problems: [KnowledgeLoadError] = []

    init(_ document: YAMLDocument) { self.document = document }

    /// Runs `body`; a problem it throws is recorded and `nil` returned.
    mutating func attempt<T>(_ body: () throws(KnowledgeLoadError) -> T) -> T? {
        do {
            return try body()
        } catch {
            problems.append(error)
            return nil
        }
    }

    mutating func add(_ message: String, at node: Node) { problems.append(document.fail(message, at: node)) }

    /// Records each key of `reader` not in `allowed`, naming the nearest known key when one is close.
    mutating func rejectUnknownKeys(_ reader: MappingReader, allowed: Set<String>, what: String) {
        for (key, name) in reader.keyNodes where !allowed.contains(name) {
            let known = allowed.sorted().joined(separator: ", ")
            let hint = NearestName.suggestion(for: name, among: allowed).map { " — did you mean '\($0)'?" } ?? ""
            add("unknown key '\(name)' in \(what)\(hint) (known keys: \(known))", at: key)
        }
    }

    /// A whole number in `range` at `key`, or `nil` (absent, or a problem recorded).
    mutating func integer(_ reader: MappingReader, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = attempt({ () throws(KnowledgeLoadError) in try reader.optionalString(key) }) ?? nil,
            let node = reader.value(key)
        else { return nil }
        guard let value = Int(text), range.contains(value) else {
            add(
                "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                at: node
            )
            return nil
        }
        return value
    }

    /// The problems in line order (then as found).
    var sorted: [KnowledgeLoadError] {
        problems.enumerated().sorted { left, right in
            let (a, b) = (left.element.location.line ?? 0, right.element.location.line ?? 0)
            return a == b ? left.offset < right.offset : a < b
        }.map(\.element)
    }
}
