import AssistantCore
import AssistantEvaluation
import AssistantService
import CurlHTTP
import Foundation
import KnowledgeLoader
import Platforms
import PreventAssistTesting
import Storage
import Testing
import TextNormalization

/// The shipped knowledge base: it passes `kb check`, holds the whole intent catalogue, and its test questions
/// are independent of its training examples.
struct ContentTests {
    /// The catalogue other parts of the product and its evaluation refer to.
    static let catalogue = [
        "immediate_danger", "raise_concern", "concern_process", "after_referral", "concern_status",
        "colleague_concern", "out_of_hours", "what_is_prevent", "provider_obligations", "what_is_channel",
        "vulnerability_signs", "ideologies", "myths_consequences", "online_radicalisation", "extremist_views_expressed",
        "extremist_material", "security_sensitive_research", "travel_conflict_zone", "student_society_activity",
        "disclosure_confidentiality", "wellbeing_overlap", "hate_incident", "external_speakers", "speaker_concern",
        "freedom_of_speech", "prayer_faith_facilities", "chaplaincy_pastoral", "info_sharing_internal",
        "info_sharing_external", "record_keeping", "it_filtering_acceptable_use", "staff_training",
        "role_student_support", "role_chaplains", "role_governors", "role_academic_staff", "role_security_staff",
        "role_it_library", "prevent_lead_contact", "external_helplines", "ofs_monitoring", "risk_assessment",
        "nations_differences", "share_practice", "find_practice", "case_studies", "amosshe", "greeting", "thanks",
        "bot_capabilities", "human_handover", "harassment_sexual_misconduct", "bullying_harassment_staff",
        "mental_health_crisis", "safeguarding_other", "teaching_sensitive_material", "student_academic_work",
        "checking_before_reporting", "referral_form_help",
    ]

    @Test func shippedContentPassesKBCheck() throws {
        let today = try #require(CalendarDate(iso: "2026-11-29"))
        let problems = Repository.loaded.check(today: today)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test(arguments: catalogue)
    func catalogueIntentExistsWithEnoughExamples(_ id: String) throws {
        let intent = try #require(Repository.loaded.intents.first { $0.value.id == id }?.value)
        #expect(intent.examples.count >= 15)
    }

    @Test func enoughOutOfScopeExamples() throws {
        let outOfScope = try #require(Repository.loaded.intents.first { $0.value.id == Intent.outOfScopeID })
        #expect(outOfScope.value.examples.count >= 60)
    }

    @Test func everyArticleCitesDatedSourcesAndFitsTheShape() {
        for article in Repository.loaded.articles.map(\.value) {
            #expect(!article.sources.isEmpty, "\(article.id)")
            #expect(article.body.contains("## Read more"), "\(article.id) has no '## Read more' section")
            #expect(!article.body.lowercased().contains("tip off"), "\(article.id) uses 'tip off'")
            #expect(!article.body.lowercased().contains("tipping off"), "\(article.id) uses 'tipping off'")
        }
    }

    @Test func testQuestionsCoverEveryIntentAndAreNotTrainingExamples() throws {
        let questions = try LabeledQuestionFile.load(Repository.questionsFile)
        let counts = Dictionary(grouping: questions, by: \.label).mapValues(\.count)
        for id in Self.catalogue { #expect(counts[id, default: 0] >= 3, "\(id) has too few test questions") }
        #expect(counts[Intent.outOfScopeID, default: 0] >= 40)
        let known = Set(Self.catalogue + [Intent.outOfScopeID])
        for label in counts.keys { #expect(known.contains(label), "unknown label \(label)") }
        let normalizer = TextNormalizer()
        let training = Set(Repository.loaded.intents.flatMap(\.value.examples).map(normalizer.normalize))
        let leaked = questions.filter { training.contains(normalizer.normalize($0.text)) }
        #expect(leaked.isEmpty, "test questions also used for training: \(leaked.map(\.text))")
    }

    @Test func bundledContentMatchesTheRepository() throws {
        let bundled = try ContentLocator(environment: [:]).knowledgeRoot(explicit: nil)
        let loaded = KnowledgeDirectory(root: bundled).load()
        #expect(loaded.intents.map(\.value) == Repository.loaded.intents.map(\.value))
        #expect(loaded.articles.map(\.value) == Repository.loaded.articles.map(\.value))
    }
}

/// The example configuration parses and documents every placeholder the content may use.
struct ExampleConfigurationTests {
    @Test func exampleParsesAndDocumentsEveryField() throws {
        let file = Repository.root.appendingPathComponent("prevent-assist.example.yaml")
        let configuration = try InstitutionConfiguration.load(from: file)
        #expect(configuration.institution[.name] == "Example University")
        let text = try String(contentsOf: file, encoding: .utf8)
        for field in InstitutionProfile.Field.allCases where field != .name {
            #expect(text.contains("# \(field.rawValue):"), "\(field.rawValue) is not documented in the example")
        }
    }
}

/// The example's commented `platforms:` block is real configuration: uncommented, every account in it builds.
struct ExamplePlatformsTests {
    @Test func theDocumentedPlatformAccountsBuild() async throws {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("prevent-assist.example.yaml"),
            encoding: .utf8
        )
        var inBlock = false
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line == "# platforms:" { inBlock = true }
            guard inBlock, line.hasPrefix("# ") else { return String(line) }
            return String(line.dropFirst(2))
        }.joined(separator: "\n")
        try await TemporaryDirectory.asyncWith { directory in
            let file = try directory.write(uncommented, to: "prevent-assist.yaml")
            let configuration = try InstitutionConfiguration.load(from: file)
            #expect(configuration.platforms.map(\.kind) == ["matrix", "telegram", "zulip", "mattermost"])
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let environment = Dictionary(
                uniqueKeysWithValues: configuration.platforms.flatMap { account in
                    account.settings.filter { $0.key.hasSuffix("_env") }.map { ($0.value, "secret") }
                }
            )
            for account in configuration.platforms {
                let platform = try PlatformFactory.make(
                    account,
                    database: database,
                    transport: CurlTransport(),
                    environment: environment
                )
                #expect(platform.kind == account.kind)
            }
        }
    }
}
