import AssistantCore
import Yams

/// Reads `knowledge/contacts.yaml`: the `note` and the `roles` that unset contacts read as.
struct UnsetContactWordingParser {
    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> UnsetContactWording {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "the contact wording")
        try top.rejectUnknownKeys(allowed: ["note", "roles"], what: "the contact wording")
        let note = try top.string("note")
        guard let node = top.value("roles") else {
            throw document.fail("missing the 'roles' mapping", at: document.root)
        }
        let roles = try MappingReader(node, in: document, what: "'roles'")
        let fields = Set(InstitutionProfile.Field.allCases.map(\.rawValue))
        try roles.rejectUnknownKeys(allowed: fields, what: "'roles' (the configuration's institution fields)")
        var wording: [InstitutionProfile.Field: String] = [:]
        for field in InstitutionProfile.Field.allCases {
            guard let role = try roles.optionalString(field.rawValue) else {
                // `""` is a role that leaves the placeholder out; a missing key keeps the "not configured" text.
                if let value = roles.value(field.rawValue), value.scalar?.string == "" { wording[field] = "" }
                continue
            }
            wording[field] = role
        }
        return UnsetContactWording(note: note, roles: wording)
    }
}
