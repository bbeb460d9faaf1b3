/// One configured chat platform account (`platforms:` in `prevent-assist.yaml`): its kind (`matrix`, …), its id
/// (`campus-matrix`) and its settings. Secrets are never settings, only the names of environment variables.
public struct PlatformAccount: Sendable, Hashable {
    public let kind: String
    public let id: String
    public let settings: [String: String]
    /// The replies the adapter may send on its own, worded by the core.
    public let notices: PlatformNotices

    public init(kind: String, id: String, settings: [String: String], notices: PlatformNotices = PlatformNotices()) {
        self.kind = kind
        self.id = id
        self.settings = settings
        self.notices = notices
    }
}
