import AssistantCore
import TextNormalization
import Yams

/// Reads the safety screen's rules (`intents/safety.yaml`, top-level key `safety`).
struct SafetyRulesParser {
    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> Located<SafetyRuleSet> {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "a safety file")
        try top.rejectUnknownKeys(allowed: ["safety"], what: "a safety file")
        guard let node = top.value("safety") else { throw document.fail("missing 'safety'", at: document.root) }
        let safety = try MappingReader(node, in: document, what: "'safety'")
        try safety.rejectUnknownKeys(
            allowed: ["article", "rules", "exceptions", "now_markers", "report_markers", "danger_words", "not_typos"],
            what: "'safety'"
        )
        guard let rulesNode = safety.value("rules"), let items = rulesNode.sequence else {
            throw document.fail("'safety' needs a 'rules' list", at: node)
        }
        var rules: [SafetyRule] = []
        for item in items {
            rules.append(try rule(item, in: document))
        }
        let set = SafetyRuleSet(
            articleID: try safety.optionalString("article") ?? Intent.immediateDangerID,
            rules: rules,
            exceptions: try safety.stringList("exceptions", required: false).map { Phrase($0) },
            nowMarkers: try safety.stringList("now_markers", required: false).map { Phrase($0) },
            reportMarkers: try safety.stringList("report_markers", required: false).map { Phrase($0) },
            dangerWords: try safety.stringList("danger_words", required: false).map { Phrase($0) },
            notTypos: Set(try safety.stringList("not_typos", required: false).flatMap { TextNormalizer().tokens($0) })
        )
        return Located(set, at: document.location(of: node))
    }

    private func rule(_ node: Node, in document: YAMLDocument) throws(KnowledgeLoadError) -> SafetyRule {
        let reader = try MappingReader(node, in: document, what: "a safety rule")
        try reader.rejectUnknownKeys(
            allowed: ["id", "phrases", "when", "then", "max_gap", "blockers"],
            what: "a safety rule"
        )
        let id = try reader.string("id")
        if reader.value("phrases") != nil {
            guard reader.value("when") == nil, reader.value("then") == nil else {
                throw document.fail("rule '\(id)': use either 'phrases' or 'when' + 'then', not both", at: node)
            }
            return SafetyRule(id: id, pattern: .anyPhrase(try phrases(reader, "phrases", in: document)))
        }
        let gapText = try reader.optionalString("max_gap") ?? "1"
        guard let maxGap = Int(gapText), (0...5).contains(maxGap) else {
            throw document.fail("rule '\(id)': 'max_gap' must be a whole number from 0 to 5", at: node)
        }
        let sequence = SafetyRule.Sequence(
            when: try phrases(reader, "when", in: document),
            then: try phrases(reader, "then", in: document),
            maxGap: maxGap,
            blockers: Set(try reader.stringList("blockers", required: false).flatMap { TextNormalizer().tokens($0) })
        )
        return SafetyRule(id: id, pattern: .sequence(sequence))
    }

    private func phrases(
        _ reader: MappingReader,
        _ key: String,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError) -> [Phrase] {
        let phrases = try reader.stringList(key).map { Phrase($0) }
        if let empty = phrases.firstIndex(where: \.words.isEmpty) {
            throw document.fail("'\(key)' item \(empty + 1) has no words", at: reader.node)
        }
        return phrases
    }
}
