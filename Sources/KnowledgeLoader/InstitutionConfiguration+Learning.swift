import AssistantCore

/// Reading `learning:` (whether questions the assistant could not answer are kept for review, and for how long).
extension InstitutionConfiguration {
    static func readLearning(_ top: MappingReader, _ problems: inout ProblemCollector) -> LearningSettings {
        readSection(top, "learning", &problems) { reader, problems in
            problems.rejectUnknownKeys(reader, allowed: ["enabled", "keep_days"], what: "'learning'")
            var enabled = true
            if let node = reader.value("enabled") {
                let text =
                    problems.attempt { () throws(KnowledgeLoadError) in try reader.optionalString("enabled") } ?? nil
                if let text, let flag = Bool(text) {
                    enabled = flag
                } else {
                    problems.add("'learning.enabled' must be true or false", at: node)
                }
            }
            let days = problems.integer(reader, "keep_days", in: LearningSettings.keepDaysRange) ?? 90
            return LearningSettings(enabled: enabled, keepDays: days)
        } ?? LearningSettings()
    }
}
