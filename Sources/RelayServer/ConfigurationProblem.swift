/// One mistake in `relay.yaml`, with the line it is on when the file says.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the key or value at fault; `nil` when the problem is not on one line (a missing key).
    public let line: Int?
    public let message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// Every mistake found in a configuration file, in file order; thrown when there is at least one.
public struct ConfigurationProblems: Error, Sendable, CustomStringConvertible {
    public let problems: [ConfigurationProblem]

    public init(_ problems: [ConfigurationProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
