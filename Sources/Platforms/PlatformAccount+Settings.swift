public import ChatModel

extension PlatformAccount {
    /// A required setting, or a fatal ``PlatformError`` naming it.
    public func require(_ key: String) throws(PlatformError) -> String {
        guard let value = settings[key], !value.isEmpty else {
            throw PlatformError(.fatal, "platform \(id): missing setting '\(key)'")
        }
        return value
    }

    /// The secret held by the environment variable that setting `key` names; `nil` when the setting is absent.
    public func secret(_ key: String, environment: [String: String]) throws(PlatformError) -> String? {
        guard let variable = settings[key] else { return nil }
        guard let value = environment[variable], !value.isEmpty else {
            throw PlatformError(
                .fatal,
                "platform \(id): environment variable \(variable) (named by '\(key)') is not set"
            )
        }
        return value
    }
}
