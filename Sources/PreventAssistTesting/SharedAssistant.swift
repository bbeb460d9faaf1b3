public import AssistantService
public import Foundation

/// The assistant on the repository's own content with the trained model, built once per test process and shared by
/// every test in it and every `prevent-assist` binary the tests start (through ``modelCache``).
///
/// The first build trains the model (13 s alone, up to a minute on 2 busy cores) on a thread of its own
/// (``OwnThread``), so the tests waiting for it hold no thread of the cooperative pool.
public enum SharedAssistant {
    /// The checkout's root, where `knowledge/`, `intents/` and `models/` are read from.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The model cache shared by every test process and binary (keyed by the content, so never stale).
    public static let modelCache = FileManager.default.temporaryDirectory
        .appendingPathComponent("prevent-assist-test-model-cache")

    /// The assistant, trained into ``modelCache`` on first use.
    public static var setup: Result<AssistantSetup, ServiceError> {
        get async { await loading.value }
    }

    private static let loading = Task {
        await OwnThread.run {
            Result { () throws(ServiceError) -> AssistantSetup in
                try AssistantSetup.load(
                    knowledgeRoot: repository,
                    configurationFile: nil,
                    matcher: .trained(cache: modelCache)
                )
            }
        }
    }
}
