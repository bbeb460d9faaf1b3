public import AssistantCore
public import AssistantService
import Foundation

/// A benchmark corpus of snippets in one TSV file: a header `id<TAB>title<TAB>tags<TAB>text`, then one snippet per
/// line with comma-separated tag ids (``SnippetTag`` raw values). `#` lines and blank lines are skipped.
///
/// Benchmark data only: these snippets have no source and are never shipped or shown to anyone.
public enum SnippetCorpusFile {
    /// The snippets in `text`, approved, in file order.
    ///
    /// - Throws: ``ServiceError`` naming the line when a line has the wrong number of fields, an empty field, an
    ///   unknown tag or an id seen before.
    public static func read(_ text: String) throws(ServiceError) -> [SnippetRecord] {
        var records: [SnippetRecord] = []
        var seen: Set<String> = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("id\t") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, fields.allSatisfy({ !$0.isEmpty }) else {
                throw ServiceError("line \(number + 1): expected id<TAB>title<TAB>tags<TAB>text, all filled")
            }
            guard seen.insert(fields[0]).inserted else {
                throw ServiceError("line \(number + 1): snippet id '\(fields[0])' appears twice")
            }
            var tags: [SnippetTag] = []
            for name in fields[2].split(separator: ",") {
                let id = name.trimmingCharacters(in: .whitespaces)
                guard let tag = SnippetTag(rawValue: id) else {
                    throw ServiceError("line \(number + 1): unknown tag '\(id)'")
                }
                tags.append(tag)
            }
            let snippet = Snippet(title: fields[1], whatWasDone: fields[3], whyItWorked: "", tags: tags)
            records.append(SnippetRecord(id: fields[0], snippet: snippet, status: .approved))
        }
        return records
    }
}
