import TextNormalization

/// Who can help with a question the assistant declines: the IT service desk for wifi and passwords, estates and
/// facilities for a fire alarm or a broken radiator, HR for pay and leave. The contact comes from the configuration
/// when it is set; anything else goes to the safeguarding team as before.
public struct OffTopicReferral: Sendable, Hashable {
    /// The kind of help, as the decline names it ("the IT service desk").
    public let name: String
    /// The configuration field holding how to reach it.
    public let field: InstitutionProfile.Field

    /// The referral for `text`, or `nil` when it is not a recognisably IT, estates or HR matter.
    public static func forQuestion(_ text: String) -> OffTopicReferral? {
        let tokens = TextNormalizer().tokens(text)
        let joined = " " + tokens.joined(separator: " ") + " "
        for (referral, words) in table {
            if words.contains(where: { joined.contains(" \($0) ") }) { return referral }
        }
        return nil
    }

    static let table: [(OffTopicReferral, [String])] = [
        (
            OffTopicReferral(name: "the IT service desk", field: .itServiceDesk),
            [
                "wifi", "wi fi", "eduroam", "password", "passwords", "login", "log in", "logon", "email account",
                "outlook", "laptop", "printer", "printing", "vpn", "moodle", "blackboard", "canvas", "mfa",
                "authenticator", "software licence", "it account", "my laptop", "my computer",
                "sign in", "username", "broadband", "projector",
            ]
        ),
        (
            OffTopicReferral(name: "estates and facilities", field: .estates),
            [
                "fire alarm", "heating", "radiator", "leak", "leaking", "lift", "toilet", "toilets", "light bulb",
                "lights", "room booking", "book a room", "parking", "car park permit", "cleaning", "cleaner", "bins",
                "repair", "maintenance", "broken window", "broken door", "air conditioning", "too cold", "too hot",
                "locked out", "keys", "door code",
            ]
        ),
        (
            OffTopicReferral(name: "HR", field: .staffSupport),
            [
                "pay", "payslip", "salary", "annual leave", "holiday allowance", "sick leave", "sick pay", "pension",
                "contract", "expenses", "maternity", "paternity", "promotion", "overtime", "hr", "flexible working",
                "appraisal",
            ]
        ),
    ]
}
