public import AssistantCore
public import AssistantService
public import Foundation

/// A tab-separated file of labelled questions: a header line `intent<TAB>question`, then one row per question.
/// Rows labelled `out_of_scope` are questions the assistant should decline.
public enum LabeledQuestionFile {
    /// Reads and validates the file; errors name the line.
    public static func load(_ url: URL) throws(ServiceError) -> [LabeledText] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ServiceError("\(url.path): cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ServiceError("\(url.path): is not valid UTF-8 text")
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ text: String, file: String) throws(ServiceError) -> [LabeledText] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard let header = lines.first, header == "intent\tquestion" else {
            throw ServiceError("\(file):1: the first line must be the header 'intent<TAB>question'")
        }
        var rows: [LabeledText] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2, !columns[0].isEmpty, !columns[1].isEmpty else {
                throw ServiceError("\(file):\(index + 1): expected two tab-separated columns, intent and question")
            }
            rows.append(LabeledText(text: String(columns[1]), label: String(columns[0])))
        }
        guard !rows.isEmpty else { throw ServiceError("\(file): no questions") }
        return rows
    }
}
