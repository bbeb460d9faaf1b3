import AssistantCore
import Testing

struct InstitutionProfileTests {
    @Test func fillsConfiguredPlaceholders() {
        let profile = InstitutionProfile(values: [.preventLead: "Dr Ada Example", .name: "Example University"])
        let text = profile.render("Tell {{institution.prevent_lead}} at {{ institution.name }}.")
        #expect(text == "Tell Dr Ada Example at Example University.")
    }

    @Test func unsetFieldIsHonestNeverInvented() {
        let profile = InstitutionProfile(values: [.securityPhone: "   "])
        #expect(profile.render("Call {{institution.security_phone}}") == "Call \(InstitutionProfile.notConfigured)")
    }

    @Test func unknownPlaceholdersAreLeftForKBCheck() {
        let profile = InstitutionProfile()
        #expect(profile.render("Ask {{institution.dean}} or {{unclosed") == "Ask {{institution.dean}} or {{unclosed")
        #expect(InstitutionProfile.placeholders(in: "a {{institution.dean}} b {{x}}") == ["institution.dean", "x"])
        #expect(!InstitutionProfile.isKnownPlaceholder("institution.dean"))
        #expect(InstitutionProfile.isKnownPlaceholder("institution.prevent_lead"))
    }
}

struct EmptyRoleTests {
    let profile = InstitutionProfile().with(
        UnsetContactWording(
            note: "not set up yet",
            roles: [.preventLead: "your Prevent lead", .preventLeadContact: ""]
        )
    )

    @Test func anEmptyRoleWrappedOntoItsOwnLineLeavesNoStrayLine() {
        let text = profile.render("ask {{institution.prevent_lead}}\n({{institution.prevent_lead_contact}}).")
        #expect(text == "ask your Prevent lead (not set up yet).")
    }

    @Test func anEmptyRoleAfterASpaceIsTakenOutWithTheSpace() {
        let text = profile.render("tell {{institution.prevent_lead}} ({{institution.prevent_lead_contact}}) today")
        #expect(text == "tell your Prevent lead (not set up yet) today")
    }
}
