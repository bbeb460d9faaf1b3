public import AssistantCore
public import Foundation
import Yams

/// The institution's configuration file (`prevent-assist.yaml`): its name and contacts (the values of the content's
/// placeholders). Sections that later parts of the service read (`platforms`, `roles`, `alerts`, `data_dir`) are
/// accepted and kept as they are.
public struct InstitutionConfiguration: Sendable {
    public let institution: InstitutionProfile
    /// The configured data directory, if any (`data_dir`), relative paths resolved against the file's folder.
    public let dataDirectory: String?

    public init(institution: InstitutionProfile = InstitutionProfile(), dataDirectory: String? = nil) {
        self.institution = institution
        self.dataDirectory = dataDirectory
    }

    static let topLevelKeys: Set<String> = ["institution", "data_dir", "platforms", "roles", "alerts", "retention"]

    /// Reads and validates the file. Unknown keys are errors, so a misspelt contact is caught before staff see
    /// "(not configured …)".
    public static func load(from file: URL) throws(KnowledgeLoadError) -> InstitutionConfiguration {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw KnowledgeLoadError("cannot read the configuration file", at: SourceLocation(file: file.path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KnowledgeLoadError("the configuration file is not valid UTF-8", at: SourceLocation(file: file.path))
        }
        return try parse(text, file: file.path)
    }

    /// Parses configuration text.
    public static func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> InstitutionConfiguration {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "the configuration")
        try top.rejectUnknownKeys(allowed: topLevelKeys, what: "the configuration")
        var values: [InstitutionProfile.Field: String] = [:]
        if let node = top.value("institution"), !MappingReader.isNull(node) {
            let institution = try MappingReader(node, in: document, what: "'institution'")
            try institution.rejectUnknownKeys(
                allowed: Set(InstitutionProfile.Field.allCases.map(\.rawValue)),
                what: "'institution'"
            )
            for field in InstitutionProfile.Field.allCases {
                if let value = try institution.optionalString(field.rawValue) { values[field] = value }
            }
        }
        return InstitutionConfiguration(
            institution: InstitutionProfile(values: values),
            dataDirectory: try top.optionalString("data_dir")
        )
    }
}
