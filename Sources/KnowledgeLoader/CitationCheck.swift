public import AssistantCore

/// The source rule: every citation names a known publisher and sits on one of that publisher's own hosts, a
/// citation of a non-primary publisher is marked `secondary: true`, and every article cites at least one primary
/// source. Also counts the share of primary citations, which `kb check` reports.
public struct CitationCheck: Sendable {
    /// How many citations there are and how many are primary.
    public struct Summary: Sendable, Hashable {
        public let citations: Int
        public let primary: Int

        /// Primary citations as a fraction of all citations (0 when there are none).
        public var primaryShare: Double { citations == 0 ? 0 : Double(primary) / Double(citations) }
    }

    /// The lowest share of primary citations `kb check` accepts.
    public static let minimumPrimaryShare = 0.8

    public let publishers: PublisherList

    public init(publishers: PublisherList) {
        self.publishers = publishers
    }

    /// Whether a citation counts as primary: its publisher is primary and it is not marked secondary.
    public func isPrimary(_ citation: ArticleReview.Citation) -> Bool {
        guard let id = citation.publisher, let publisher = publishers[id] else { return false }
        return publisher.primary && !citation.secondary
    }

    public func summary(_ reviews: [Located<ArticleReview>]) -> Summary {
        let citations = reviews.flatMap(\.value.citations)
        return Summary(citations: citations.count, primary: citations.filter(isPrimary).count)
    }

    /// Every broken citation, every article without a primary source, and a too-low primary share.
    public func problems(_ reviews: [Located<ArticleReview>], at listLocation: SourceLocation?) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        for located in reviews {
            let review = located.value
            func problem(_ message: String) {
                problems.append(.init(.citation, at: located.location, "article '\(review.articleID)': \(message)"))
            }
            for citation in review.citations {
                guard let id = citation.publisher else {
                    problem("source \"\(citation.title)\" names no publisher (add 'publisher:')")
                    continue
                }
                guard let publisher = publishers[id] else {
                    problem(
                        "source \"\(citation.title)\" names publisher '\(id)', which knowledge/publishers.yaml lacks"
                    )
                    continue
                }
                guard let host = citation.host, publisher.hosts.contains(host) else {
                    let hosts = publisher.hosts.sorted().joined(separator: ", ")
                    problem(
                        "\(citation.url) is not on a host of \(publisher.name) (\(hosts)): cite the publisher's own page"
                    )
                    continue
                }
                if !publisher.primary && !citation.secondary {
                    problem(
                        "source \"\(citation.title)\" is from \(publisher.name), not a primary source: mark it 'secondary: true'"
                    )
                }
            }
            if !review.citations.contains(where: isPrimary) {
                problem(
                    "cites no primary source (government, legislation, regulator, police, NHS or the service itself)"
                )
            }
        }
        let summary = summary(reviews)
        if summary.citations > 0, summary.primaryShare < Self.minimumPrimaryShare {
            problems.append(
                .init(
                    .citation,
                    at: listLocation,
                    "\(summary.primary) of \(summary.citations) citations are primary "
                        + "(\(Self.percent(summary.primaryShare))); at least \(Self.percent(Self.minimumPrimaryShare)) needed"
                )
            )
        }
        return problems
    }

    /// `0.834` → `83.4%`.
    public static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
