/// How a contact the institution has not configured reads in an answer: the role it stands for ("your Prevent
/// lead"), with a note ("not set up yet — ask your administrator") once per answer. The words come from the content
/// (`knowledge/contacts.yaml`), not from code.
public struct UnsetContactWording: Sendable, Hashable {
    /// Shown once per rendered text, in brackets after the first unset contact that has a role.
    public let note: String
    /// The role words per field. An empty role leaves the placeholder out (with the empty brackets around it).
    public let roles: [InstitutionProfile.Field: String]

    public init(note: String, roles: [InstitutionProfile.Field: String]) {
        self.note = note
        self.roles = roles
    }
}
