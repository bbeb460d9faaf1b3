/// Reads `*_env` keys: the name of an environment variable, which must be set and non-empty.
struct SecretReader {
    let environment: [String: String]
    let log: ProblemLog

    /// The secret `key` names; a problem (and `nil`) when the key is missing or empty, or its variable unset.
    func required(_ section: YAMLSection, _ key: String) -> String? {
        guard section.has(key) else {
            let line = section.node(key) != nil ? section.lineOf(key) : (section.path.isEmpty ? nil : section.line)
            log.add(line, "\(section.name(key)) is required")
            return nil
        }
        guard let variable = section.string(key, maximumLength: 200) else { return nil }
        guard let value = environment[variable], !value.isEmpty else {
            log.add(section.lineOf(key), "environment variable \(variable) (named by \(section.name(key))) is not set")
            return nil
        }
        return value
    }
}
