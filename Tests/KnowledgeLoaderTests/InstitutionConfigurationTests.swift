import AssistantCore
import KnowledgeLoader
import Testing

struct InstitutionConfigurationTests {
    @Test func readsInstitutionFieldsAndKeepsOtherSections() throws {
        let configuration = try InstitutionConfiguration.parse(
            """
            institution:
              name: Example University
              prevent_lead: "Dr Ada Example, University Secretary"
            data_dir: ./data
            platforms: []
            roles: {safeguarding_leads: ["matrix:@lead:localhost"]}
            """,
            file: "prevent-assist.yaml"
        )
        #expect(configuration.institution[.name] == "Example University")
        #expect(configuration.institution[.preventLead] == "Dr Ada Example, University Secretary")
        #expect(configuration.institution[.securityPhone] == nil)
        #expect(configuration.dataDirectory == "./data")
    }

    @Test func misspeltFieldIsAnErrorWithItsLine() {
        #expect {
            _ = try InstitutionConfiguration.parse("institution:\n  name: X\n  prevent_led: Y\n", file: "c.yaml")
        } throws: { error in
            let error = error as? KnowledgeLoadError
            return error?.location == SourceLocation(file: "c.yaml", line: 3)
                && error?.message.contains("unknown key 'prevent_led'") == true
        }
    }

    @Test func unknownTopLevelSectionIsAnError() {
        #expect(throws: KnowledgeLoadError.self) {
            _ = try InstitutionConfiguration.parse("instituion:\n  name: X\n", file: "c.yaml")
        }
    }
}
