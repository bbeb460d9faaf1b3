/// The publishers sources may name (`knowledge/publishers.yaml`): who they are, whether they are a primary source,
/// and the hosts their own pages live on. Reviewed like content: a host is added only after checking it belongs to
/// the publisher, so a citation on a mirror, a copy or a dump site fails `kb check`.
public struct PublisherList: Sendable, Hashable {
    /// One publisher.
    public struct Publisher: Sendable, Hashable {
        public let id: String
        public let name: String
        /// Government, legislation, a regulator, police, the NHS, a council or other public body, or an organisation
        /// citing itself on its own service or publication.
        public let primary: Bool
        /// Host names without `www.`, in lower case.
        public let hosts: Set<String>

        public init(id: String, name: String, primary: Bool, hosts: Set<String>) {
            self.id = id
            self.name = name
            self.primary = primary
            self.hosts = Set(
                hosts.map { host in
                    let lower = host.lowercased()
                    return lower.hasPrefix("www.") ? String(lower.dropFirst(4)) : lower
                }
            )
        }
    }

    public let publishers: [String: Publisher]

    public init(_ publishers: [Publisher]) {
        self.publishers = Dictionary(publishers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(id: String) -> Publisher? { publishers[id] }
}
