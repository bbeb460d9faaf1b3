import AssistantCore
import KnowledgeLoader
import Testing

/// #15 finding 4 (main configuration): unknown keys, wrong types, values out of range and malformed identities are
/// errors naming the key and its line, and `check` lists every problem at once.
struct StrictConfigurationTests {
    static func problems(_ text: String) -> [KnowledgeLoadError] {
        InstitutionConfiguration.check(text, file: "c.yaml")
    }

    static let matrix = """
        platforms:
          - kind: matrix
            id: campus-matrix
            homeserver: https://matrix.example.ac.uk
            user_id: "@bot:example.ac.uk"
            password_env: MATRIX_PASSWORD
        """

    @Test func aMisspeltPlatformSettingIsAnErrorSuggestingTheNearestKey() throws {
        let problems = Self.problems(Self.matrix + "\n    invite_allwo: \":example.ac.uk\"\n")
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.location == SourceLocation(file: "c.yaml", line: 7))
        #expect(problem.message.contains("unknown key 'invite_allwo'"))
        #expect(problem.message.contains("did you mean 'invite_allow'?"))
        #expect(throws: KnowledgeLoadError.self) {
            _ = try InstitutionConfiguration.parse(Self.matrix + "\n    invite_allwo: x\n", file: "c.yaml")
        }
    }

    @Test func aValidPlatformIsAccepted() throws {
        #expect(Self.problems(Self.matrix + "\n    invite_allow: \":example.ac.uk\"\n").isEmpty)
        let configuration = try InstitutionConfiguration.parse(Self.matrix, file: "c.yaml")
        #expect(configuration.platforms.first?.settings["password_env"] == "MATRIX_PASSWORD")
    }

    @Test(arguments: [
        ("alerts:\n  escalate_after_minutes: 9223372036854775807\n", "escalate_after_minutes"),
        ("drafts:\n  expire_after_hours: 9223372036854775807\n", "expire_after_hours"),
        ("drafts:\n  expire_after_hours: 0\n", "expire_after_hours"),
        ("drafts:\n  expire_after_hours: 1e300\n", "expire_after_hours"),
        ("retention:\n  referred_months: 99999999\n", "referred_months"),
        ("alerts:\n  escalate_after_minutes: [1, 2]\n", "escalate_after_minutes"),
    ])
    func numbersOutOfTheirDocumentedRangeAreErrors(_ text: String, _ key: String) throws {
        let problem = try #require(Self.problems(text).first)
        #expect(problem.message.contains("'\(key)'"))
        #expect(problem.location.line == 2)
    }

    @Test func theLargestDocumentedValuesAreAccepted() throws {
        let configuration = try InstitutionConfiguration.parse(
            "alerts:\n  escalate_after_minutes: 10080\ndrafts:\n  expire_after_hours: 8760\n",
            file: "c.yaml"
        )
        #expect(configuration.escalateAfterMinutes == 10_080 && configuration.draftExpiryHours == 8_760)
    }

    @Test(arguments: [
        ("telegram", "token_env: T\n    poll_timeout_seconds: 100000", "poll_timeout_seconds"),
        ("telegram", "token_env: \"not a variable\"", "token_env"),
        ("zulip", "site: s\n    email: e\n    api_key_env: K\n    catch_up_limit: -1", "catch_up_limit"),
        ("mattermost", "server: s\n    token_env: T\n    poll_interval_seconds: .nan", "poll_interval_seconds"),
        ("slack", "relay_url: r\n    relay_token_env: R", "bot_token_env"),
        ("matrix", "homeserver: h\n    user_id: u", "access_token_env"),
        ("matrix", "homeserver: h\n    user_id: u\n    password_env: [A, B]", "password_env"),
    ])
    func platformSettingsHaveTypesRangesAndRequiredKeys(_ kind: String, _ settings: String, _ key: String) {
        let problems = Self.problems("platforms:\n  - kind: \(kind)\n    id: p\n    \(settings)\n")
        #expect(problems.contains { $0.message.contains("'\(key)'") }, "\(problems)")
    }

    @Test func roomsMustBelongToAConfiguredPlatform() {
        let problems = Self.problems(
            Self.matrix + "\nalerts:\n  campus-matirx: \"!team:x\"\nsnippets:\n  moderator_rooms: {teams-1: \"x\"}\n"
        )
        #expect(problems.map(\.location.line) == [8, 10], "\(problems)")
        #expect(problems.first?.message.contains("did you mean 'campus-matrix'?") == true)
        #expect(Self.problems(Self.matrix + "\nalerts:\n  campus-matrix: \"!team:x\"\n").isEmpty)
    }

    @Test func anUnknownPlatformKindSuggestsTheNearestOne() throws {
        let problem = try #require(Self.problems("platforms:\n  - kind: telegarm\n    id: p\n").first)
        #expect(problem.message.contains("did you mean 'telegram'?") && problem.location.line == 2)
    }

    @Test func roleIdentitiesMustBePlatformColonID() {
        let problems = Self.problems(
            """
            roles:
              safeguarding_leads: ["matrix:@lead:example.ac.uk", "lead@example.ac.uk"]
              auditors: ["matirx:@dpo:example.ac.uk"]
              deputy: ["console:"]
            snippets:
              moderators: ["zulip 12"]
            """
        )
        #expect(problems.map(\.location.line) == [2, 3, 4, 6])
        #expect(problems[0].message.contains("'lead@example.ac.uk' is not an identity written platform:id"))
        #expect(problems[1].message.contains("did you mean 'matrix'?"))
    }

    @Test func everyProblemIsReportedAtOnceInLineOrder() {
        let problems = Self.problems(
            """
            institution:
              nmae: Example
            alerts:
              escalate_after_minutes: 0
            drafts:
              expire_after_hour: 24
            roles:
              deputy: [nobody]
            platforms:
              - kind: telegram
                id: t
                token_env: T
                poll_timeout_second: 5
            """
        )
        #expect(problems.map(\.location.line) == [2, 4, 6, 8, 13])
        #expect(problems[0].message.contains("did you mean 'name'?"))
        #expect(problems[2].message.contains("did you mean 'expire_after_hours'?"))
        #expect(problems[4].message.contains("did you mean 'poll_timeout_seconds'?"))
    }

    @Test func parseThrowsTheFirstProblemAndCountsTheRest() {
        #expect {
            _ = try InstitutionConfiguration.parse(
                "drafts:\n  expire_after_hours: 0\nroles:\n  deputy: [x]\n",
                file: "c.yaml"
            )
        } throws: { error in
            let error = error as? KnowledgeLoadError
            return error?.location.line == 2 && error?.message.contains("and 1 more") == true
        }
    }
}
