import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import Storage

/// How the `snippets` commands print snippets and history, and where they find the signing key.
enum SnippetText {
    static func detail(_ record: SnippetRecord) -> String {
        let snippet = record.snippet
        var lines = [
            "\(record.id) \(record.status.rawValue): \(snippet.title)",
            "What was done: \(snippet.whatWasDone)",
            "Why it worked: \(snippet.whyItWorked)",
            "Tags: \(snippet.tags.map(\.rawValue).joined(separator: ", "))",
            "Visibility: \(snippet.visibility.rawValue)",
        ]
        if let institution = snippet.institution { lines.append("From: \(institution)") }
        if let source = snippet.source { lines.append("Source: \(source.title), \(source.url) (\(source.date))") }
        if let contact = snippet.contact { lines.append("Contact: \(contact)") }
        return lines.joined(separator: "\n")
    }

    static func event(_ event: SnippetEvent) -> String {
        var line = "\(ConcernOutput.isoTime(event.at)) \(event.actor) \(event.action)"
        if let detail = event.detail, !detail.isEmpty { line += ": \(detail)" }
        return line
    }

    /// The signing key: from the configured environment variable, else the key file in the data directory.
    static func signingKey(
        _ configuration: InstitutionConfiguration,
        directory: DataDirectory
    ) throws -> SnippetSigningKey {
        try directory.prepare()
        let settings = configuration.snippets
        return try SnippetSigningKey.load(
            variable: settings.signingKeyEnvironment,
            environment: ProcessInfo.processInfo.environment,
            keyFile: directory.url.appendingPathComponent(settings.signingKeyFile)
        )
    }
}
