/// The problems a configuration read has found so far (a reference, so nested sections add to the same list).
final class ProblemLog {
    private(set) var problems: [ConfigurationProblem] = []

    func add(_ line: Int?, _ message: String) { problems.append(ConfigurationProblem(line: line, message)) }

    /// In file order; problems without a line last.
    var sorted: [ConfigurationProblem] {
        problems.enumerated().sorted { a, b in
            switch (a.element.line, b.element.line) {
            case (let x?, let y?): x != y ? x < y : a.offset < b.offset
            case (.some, .none): true
            case (.none, .some): false
            case (.none, .none): a.offset < b.offset
            }
        }.map(\.element)
    }
}
