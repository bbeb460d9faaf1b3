import AssistantCore
import KnowledgeLoader
import Testing

/// `learning:` in the configuration: on for 90 days by default, off with one line, and read strictly.
struct LearningConfigurationTests {
    func parse(_ text: String) throws -> InstitutionConfiguration {
        try InstitutionConfiguration.parse(text, file: "prevent-assist.yaml")
    }

    @Test func onForNinetyDaysByDefault() throws {
        let configuration = try parse("institution:\n  name: Example University\n")
        #expect(configuration.learning == LearningSettings(enabled: true, keepDays: 90))
    }

    @Test func offWithOneLineAndTheKeepingPeriodIsRead() throws {
        #expect(try parse("learning:\n  enabled: false\n").learning.enabled == false)
        #expect(try parse("learning:\n  keep_days: 30\n").learning == LearningSettings(enabled: true, keepDays: 30))
    }

    @Test func mistakesAreReportedWithTheirLine() {
        let misspelt = InstitutionConfiguration.check("learning:\n  keep_day: 30\n", file: "c.yaml")
        #expect(misspelt.map(\.message).contains { $0.contains("did you mean 'keep_days'?") }, "\(misspelt)")
        let range = InstitutionConfiguration.check("learning:\n  keep_days: 0\n", file: "c.yaml")
        #expect(range.map(\.message).contains { $0.contains("from 1 to 3650") }, "\(range)")
        let flag = InstitutionConfiguration.check("learning:\n  enabled: maybe\n", file: "c.yaml")
        #expect(flag.map(\.message) == ["'learning.enabled' must be true or false"])
        #expect(flag.first?.location.line == 2)
        let top = InstitutionConfiguration.check("learnign:\n  enabled: false\n", file: "c.yaml")
        #expect(top.map(\.message).contains { $0.contains("did you mean 'learning'?") }, "\(top)")
    }
}
