import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// Unset contacts read as a role, with the "not set up yet" note once per answer (knowledge/contacts.yaml).
struct UnsetContactWordingTests {
    static let contacts = """
        note: not set up yet — ask your administrator
        roles:
          prevent_lead: your Prevent lead
          prevent_lead_contact: ""
          security_phone: the security control room number
        """

    func wording() throws -> UnsetContactWording? {
        try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            try directory.write(Self.contacts, to: "knowledge/contacts.yaml")
            let loaded = KnowledgeDirectory(root: directory.url).load()
            #expect(loaded.loadProblems.isEmpty, "\(loaded.loadProblems)")
            return loaded.unsetWording
        }
    }

    @Test func unsetContactsReadAsRolesWithTheNoteOnce() throws {
        let profile = InstitutionProfile().with(try wording())
        let text = profile.render(
            "Tell {{institution.prevent_lead}} ({{institution.prevent_lead_contact}}). Call security on "
                + "{{institution.security_phone}}, then tell {{institution.prevent_lead}} again."
        )
        #expect(
            text
                == "Tell your Prevent lead (not set up yet — ask your administrator). Call security on the security "
                + "control room number, then tell your Prevent lead again."
        )
    }

    @Test func configuredValuesAndFieldsWithoutARoleAreUnchanged() throws {
        let profile = InstitutionProfile(values: [.preventLead: "Dr Ada Example"]).with(try wording())
        #expect(
            profile.render(
                "{{institution.prevent_lead}} ({{institution.prevent_lead_contact}}), {{institution.chaplaincy}}"
            )
                == "Dr Ada Example, \(InstitutionProfile.notConfigured)"
        )
    }

    @Test func anUnknownFieldInTheWordingIsALoadProblem() throws {
        let problems = try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            try directory.write("note: x\nroles:\n  prevent_leader: the lead\n", to: "knowledge/contacts.yaml")
            return KnowledgeDirectory(root: directory.url).load().loadProblems
        }
        #expect(problems.map(\.rule) == [.malformedFile])
        #expect(problems.first?.message.contains("prevent_leader") == true)
    }

    @Test func theShippedWordingNamesEveryField() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let loaded = KnowledgeDirectory(root: root).load()
        let wording = try #require(loaded.unsetWording)
        #expect(Set(wording.roles.keys) == Set(InstitutionProfile.Field.allCases))
    }
}
