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
        for entry in compiled where entry.matches(tokens) { return entry.referral }
        return nil
    }

    /// One row of ``table`` ready for matching: single words in a set, phrases as word lists matched at each token.
    private struct CompiledEntry: Sendable {
        let referral: OffTopicReferral
        let words: Set<String>
        let phrases: [[String]]

        init(_ referral: OffTopicReferral, _ entries: [String]) {
            self.referral = referral
            let split = entries.map { $0.split(separator: " ").map(String.init) }
            words = Set(split.filter { $0.count == 1 }.map { $0[0] })
            phrases = split.filter { $0.count > 1 }
        }

        func matches(_ tokens: [String]) -> Bool {
            if tokens.contains(where: words.contains) { return true }
            return phrases.contains { phrase in
                tokens.indices.contains { start in
                    start + phrase.count <= tokens.count && tokens[start..<(start + phrase.count)].elementsEqual(phrase)
                }
            }
        }
    }

    private static let compiled = table.map { CompiledEntry($0.0, $0.1) }

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
