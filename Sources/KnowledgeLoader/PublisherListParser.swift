import AssistantCore
import Yams

/// Reads `knowledge/publishers.yaml`: a `publishers` list of `{id, name, primary, hosts}`.
struct PublisherListParser {
    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> PublisherList {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "the publisher list")
        try top.rejectUnknownKeys(allowed: ["publishers"], what: "the publisher list")
        guard let list = top.value("publishers"), let items = list.sequence else {
            throw document.fail("missing the top-level 'publishers' list", at: document.root)
        }
        var publishers: [PublisherList.Publisher] = []
        var seen: Set<String> = []
        for item in items {
            let reader = try MappingReader(item, in: document, what: "a publisher")
            try reader.rejectUnknownKeys(allowed: ["id", "name", "primary", "hosts"], what: "a publisher")
            let id = try reader.string("id")
            guard seen.insert(id).inserted else { throw document.fail("publisher '\(id)' is listed twice", at: item) }
            let primary: Bool
            switch try reader.string("primary") {
            case "true": primary = true
            case "false": primary = false
            case let other: throw document.fail("'primary' is true or false, not '\(other)'", at: item)
            }
            let hosts = try reader.stringList("hosts")
            guard !hosts.isEmpty else { throw document.fail("publisher '\(id)' lists no hosts", at: item) }
            for host in hosts where host.contains("/") || host.contains(":") || host.contains(" ") {
                throw document.fail("'\(host)' is not a bare host name (no scheme, path or port)", at: item)
            }
            publishers.append(.init(id: id, name: try reader.string("name"), primary: primary, hosts: Set(hosts)))
        }
        return PublisherList(publishers)
    }
}
