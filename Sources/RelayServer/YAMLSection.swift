import Foundation
import TextNormalization
import Yams

/// One mapping of a YAML configuration file, read strictly: every key must be known (an unknown one is a problem
/// naming it and the nearest known key), every value of the expected type and range. Problems are collected, not
/// thrown, so a check reports all of them at once.
struct YAMLSection {
    /// The dotted path of the mapping (`sources.slack`), empty at the top.
    let path: String
    let line: Int?
    private let values: [String: Node]
    private let keyLines: [String: Int]
    private let problems: ProblemLog

    /// Reads `node` as a mapping of `known` keys; `nil` (with a problem logged) when it is not a mapping.
    init?(_ node: Node, path: String, known: [String], problems: ProblemLog) {
        self.path = path
        self.problems = problems
        line = node.mark?.line
        guard case .mapping(let mapping) = node else {
            problems.add(node.mark?.line, "\(path.isEmpty ? "the file" : path) must be a mapping of keys to values")
            return nil
        }
        var values: [String: Node] = [:]
        var keyLines: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? "\(keyNode)"
            let line = keyNode.mark?.line
            guard known.contains(key) else {
                var message = "unknown key \(Self.join(path, key))"
                if let nearest = NearestName.suggestion(for: key, among: known) {
                    message += "; did you mean \(Self.join(path, nearest))?"
                } else {
                    message += " (known: \(known.joined(separator: ", ")))"
                }
                problems.add(line, message)
                continue
            }
            values[key] = value
            keyLines[key] = line
        }
        self.values = values
        self.keyLines = keyLines
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func name(_ key: String) -> String { Self.join(path, key) }

    func lineOf(_ key: String) -> Int? { keyLines[key] ?? line }

    /// Whether `key` is present with a value (a bare `key:` counts as absent).
    func has(_ key: String) -> Bool { values[key].map { !Self.isNull($0) } ?? false }

    /// Whether `key` is written with nothing after it.
    func isEmpty(_ key: String) -> Bool { values[key].map(Self.isNull) ?? false }

    func node(_ key: String) -> Node? { values[key] }

    /// A string value; a problem when present but not a scalar, or empty.
    func string(_ key: String, maximumLength: Int = 4_096) -> String? {
        guard let node = values[key] else { return nil }
        guard let scalar = node.scalar, !Self.isNull(node) else {
            problems.add(lineOf(key), "\(name(key)) must be a text value")
            return nil
        }
        let text = scalar.string
        guard !text.isEmpty, text.count <= maximumLength else {
            problems.add(lineOf(key), "\(name(key)) must be 1 to \(maximumLength) characters")
            return nil
        }
        return text
    }

    /// A number in `range`; a problem when present but quoted, not a finite number, or outside the range.
    func number(_ key: String, in range: ClosedRange<Double>, unit: String) -> Double? {
        guard let node = values[key] else { return nil }
        let expected =
            "\(name(key)) must be a number of \(unit) from \(Self.format(range.lowerBound)) to "
            + "\(Self.format(range.upperBound))"
        guard let scalar = node.scalar, scalar.style == .plain, let value = Double(scalar.string), value.isFinite
        else {
            problems.add(lineOf(key), "\(expected) (got '\(node.scalar?.string ?? "a list or mapping")')")
            return nil
        }
        guard range.contains(value) else {
            problems.add(lineOf(key), "\(expected) (got \(scalar.string))")
            return nil
        }
        return value
    }

    /// A nested section of `known` keys; `nil` when absent. A bare `key:` is a problem (it would silently turn the
    /// section off), as is a value that is not a mapping.
    func section(_ key: String, known: [String]) -> YAMLSection? {
        guard let node = values[key] else { return nil }
        if Self.isNull(node) {
            problems.add(
                lineOf(key),
                "\(name(key)) is empty: give its keys (\(known.joined(separator: ", "))) or remove it"
            )
            return nil
        }
        return YAMLSection(node, path: name(key), known: known, problems: problems)
    }

    /// The keys present, in no particular order.
    var keys: [String] { Array(values.keys) }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
