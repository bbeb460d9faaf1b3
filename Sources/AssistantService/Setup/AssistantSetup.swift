public import AssistantCore
public import Foundation
public import KnowledgeLoader
public import Logging

/// Everything a command needs to answer questions: the loaded knowledge, the institution's configuration and the
/// assistant built from them.
public struct AssistantSetup: Sendable {
    public let loaded: LoadedKnowledge
    public let configuration: InstitutionConfiguration
    public let assistant: Assistant

    /// Which matcher to build.
    public enum MatcherKind: Sendable, Hashable {
        /// TF-IDF nearest example (the foundation baseline, kept for comparison).
        case baseline
        /// The trained classifier, cached in this directory (trained anew when the content changes).
        case trained(cache: URL?)
    }

    /// Loads the content and configuration and builds the assistant.
    ///
    /// - Throws: ``ServiceError`` when the configuration cannot be read, or when the content has no safety rules
    ///   (the assistant refuses to run without its safety screen).
    public static func load(
        knowledgeRoot: URL,
        configurationFile: URL?,
        matcher: MatcherKind = .trained(cache: nil),
        logger: Logger = Logger(label: "prevent-assist", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(ServiceError) -> AssistantSetup {
        try load(
            knowledgeRoot: knowledgeRoot,
            configuration: loadConfiguration(configurationFile),
            matcher: matcher,
            logger: logger
        )
    }

    /// The configuration in `file`, or the empty one when there is no file.
    public static func loadConfiguration(_ file: URL?) throws(ServiceError) -> InstitutionConfiguration {
        guard let file else { return InstitutionConfiguration() }
        do {
            return try InstitutionConfiguration.load(from: file)
        } catch {
            throw ServiceError("configuration: \(error)")
        }
    }

    /// Loads the content and builds the assistant with an already-read configuration. `willTrain` is called when the
    /// intent model is not cached and is about to be trained (seconds: a terminal can say so).
    public static func load(
        knowledgeRoot: URL,
        configuration: InstitutionConfiguration,
        matcher: MatcherKind,
        logger: Logger,
        willTrain: () -> Void = {}
    ) throws(ServiceError) -> AssistantSetup {
        let loaded = KnowledgeDirectory(root: knowledgeRoot).load()
        guard let safety = loaded.safety, !safety.value.rules.isEmpty else {
            throw ServiceError(
                "the knowledge base at \(knowledgeRoot.path) has no safety rules (intents/safety.yaml); "
                    + "run 'prevent-assist kb check' for details"
            )
        }
        if !loaded.loadProblems.isEmpty {
            // Counts and file names only: content text never goes to the log.
            logger.warning(
                "some knowledge files could not be read; run 'prevent-assist kb check'",
                metadata: [
                    "problems": "\(loaded.loadProblems.count)",
                    "files": "\(Set(loaded.loadProblems.compactMap(\.location?.file)).sorted().joined(separator: ","))",
                ]
            )
        }
        let knowledge = loaded.knowledgeBase
        logger.debug(
            "knowledge loaded",
            metadata: ["intents": "\(knowledge.intents.count)", "articles": "\(knowledge.articles.count)"]
        )
        let builtMatcher: any IntentMatcher
        switch matcher {
        case .baseline:
            builtMatcher = NearestExampleMatcher(examples: knowledge.trainingExamples)
        case .trained(let cache?):
            let (trained, fromCache) = ModelCache(directory: cache).matcher(
                for: knowledge.trainingExamples,
                vectors: TokenVectorsFile.load(near: knowledgeRoot)
            ) {
                logger.info("training the intent model for this content (once; cached until the content changes)")
                willTrain()
            }
            logger.debug("intent model ready", metadata: ["from_cache": "\(fromCache)"])
            builtMatcher = trained
        case .trained(nil):
            builtMatcher = TrainedIntentMatcher.train(
                knowledge.trainingExamples,
                vectors: TokenVectorsFile.load(near: knowledgeRoot)
            )
        }
        let assistant = Assistant(
            knowledge: knowledge,
            matcher: builtMatcher,
            institution: configuration.institution.with(loaded.unsetWording),
            alertsOnDanger: configuration.alertOnDangerAnswers,
            learning: configuration.learning
        )
        return AssistantSetup(loaded: loaded, configuration: configuration, assistant: assistant)
    }

    /// The configuration file to use: `--config FILE`, else `PREVENT_ASSIST_CONFIG`, else `prevent-assist.yaml` in
    /// the current directory if there is one, else none (every institution field then reads "not configured").
    public static func configurationFile(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let path = environment["PREVENT_ASSIST_CONFIG"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
            "prevent-assist.yaml"
        )
        return FileManager.default.fileExists(atPath: local.path) ? local : nil
    }
}
