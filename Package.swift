// swift-tools-version: 6.0
import PackageDescription

/// Settings shared by every target: Swift 6 strict concurrency plus the upcoming features
/// Hummingbird and swift-log use, and explicit `Sendable` on every public type.
let swiftSettings: [SwiftSetting] = [
    // SE-0335: `any` for existential types.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the members of modules it imports.
    .enableUpcomingFeature("MemberImportVisibility"),
    // SE-0409: imports are internal unless marked `public import`.
    .enableUpcomingFeature("InternalImportsByDefault"),
    .unsafeFlags(["-require-explicit-sendable"]),
]

let package = Package(
    name: "prevent-assist",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "prevent-assist", targets: ["PreventAssistCLI"]),
        // The relay alone, for the DMZ host: none of the bot's code (core, service, concern store) is linked in.
        .executable(name: "prevent-assist-relay", targets: ["PreventAssistRelay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // TestClock and ImmediateClock: the runtime's waits (back-off, housekeeping) tested without sleeping.
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
    ],
    targets: [
        // libcurl, with typed wrappers for its variadic functions (Debian: libcurl4-openssl-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // HTTP over libcurl: the only target that imports C.
        .target(name: "CurlHTTP", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        // The one text normaliser the classifier and the dialogue share (case, accents, contractions, spellings).
        // Optimised even in debug builds, since training normalises every example.
        .target(name: "TextNormalization", swiftSettings: swiftSettings + [.unsafeFlags(["-O"])]),
        // The trained intent classifier: TF-IDF features, softmax model, calibrated decline. Pure Swift.
        // Always optimised: training runs at start-up when content changes, and takes ~10x longer unoptimised.
        .target(
            name: "IntentClassifier",
            dependencies: ["TextNormalization"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-O"])]
        ),
        // What adapters and the core share, and nothing of Prevent: the inbound message, the reply and its Markdown
        // (parser and escaper), the platform account, typed ids, the opaque button payload, the injected clock.
        .target(name: "ChatModel", swiftSettings: swiftSettings),
        // Pure logic: matching, dialogue, knowledge model, safety screen. No I/O. Re-exports ChatModel.
        .target(name: "AssistantCore", dependencies: ["TextNormalization", "ChatModel"], swiftSettings: swiftSettings),
        // Reads intents/*.yaml, knowledge/*.md and the institution configuration.
        .target(
            name: "KnowledgeLoader",
            dependencies: [
                "TextNormalization", "AssistantCore", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Chat platform adapters behind the ChatPlatform seam; each knows one platform and nothing of Prevent: they see
        // only the chat model (the explicit-import check enforces it).
        .target(name: "Platforms", dependencies: ["ChatModel", "CurlHTTP"], swiftSettings: swiftSettings),
        // The webhook relay (`prevent-assist-relay`): verifies Teams and Slack webhooks, queues them in
        // SQLite and serves them to the bot's long-poll; it runs in the DMZ so the bot needs no inbound port.
        .target(
            name: "RelayServer",
            dependencies: [
                "ChatModel",
                "CurlHTTP",
                "TextNormalization",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // What both executables share on the command line: logging to standard error, the product's version.
        .target(
            name: "CommandLineSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // The relay's options and run, for `prevent-assist-relay` and its alias `prevent-assist relay`.
        .target(
            name: "RelayCommandLine",
            dependencies: [
                "CommandLineSupport",
                "RelayServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // `prevent-assist-relay`: the webhook relay's own executable for the DMZ host (docs/deployment-relay.md).
        .executableTarget(
            name: "PreventAssistRelay",
            dependencies: [
                "CommandLineSupport",
                "RelayCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // GRDB/SQLite storage: concern records (field-level AES-GCM), chronology, conversation state, alerts.
        .target(
            name: "Storage",
            dependencies: [
                "AssistantCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The shipped content (intents/, knowledge/, models/ in its folder; the top-level folders of the same names are
        // links to them, for authors), copied next to the binary so an installed prevent-assist finds it.
        .target(
            name: "PreventAssistContent",
            resources: [.copy("intents"), .copy("knowledge"), .copy("models")],
            swiftSettings: swiftSettings
        ),
        // The safeguarding desk (`prevent-assist desk`): the leads' web console over the concern store —
        // server-rendered Mustache pages, password + TOTP sign-in, sessions in the store, every read audited.
        .target(
            name: "SafeguardingDesk",
            dependencies: [
                "AssistantCore",
                "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Static"), .copy("Lists")],
            swiftSettings: swiftSettings
        ),
        // The runtime around the pure core: set-up (Setup/: content, configuration, data directory, the trained
        // matcher), the per-message engine and desks, and Runtime/ (AssistantRuntime.serve and .chat, pollers,
        // housekeeping).
        .target(
            name: "AssistantService",
            dependencies: [
                "TextNormalization",
                "AssistantCore",
                "KnowledgeLoader",
                "PreventAssistContent",
                "Storage",
                "Platforms",
                "CurlHTTP",
                "IntentClassifier",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // Evaluation and benchmarks (`eval`, `snippets bench`): accuracy on labelled questions, CLINC150, the decision
        // path by stage, dialogue stories, replay of kept misses, snippet search quality and latency.
        .target(
            name: "AssistantEvaluation",
            dependencies: [
                "TextNormalization",
                "AssistantCore",
                "AssistantService",
                "IntentClassifier",
                "Storage",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `serve --metrics`: Prometheus text and per-poller health over HTTP on a loopback address.
        .target(
            name: "MonitoringEndpoint",
            dependencies: [
                "AssistantService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PreventAssistCLI",
            dependencies: [
                "AssistantCore",
                "KnowledgeLoader",
                "AssistantService",
                "AssistantEvaluation",
                "Storage",
                "Platforms",
                "CurlHTTP",
                "MonitoringEndpoint",
                "IntentClassifier",
                "CommandLineSupport",
                "RelayCommandLine",
                "SafeguardingDesk",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test support shared by the test targets: temporary directories, knowledge-base fixtures on disk, a loopback
        // HTTP server and the conformance suite every chat-platform adapter must pass.
        .target(
            name: "PreventAssistTesting",
            dependencies: ["AssistantCore", "AssistantService", "Platforms"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "IntentClassifierTests", dependencies: ["IntentClassifier"], swiftSettings: swiftSettings),
        .testTarget(name: "TextNormalizationTests", dependencies: ["TextNormalization"], swiftSettings: swiftSettings),
        .testTarget(name: "ChatModelTests", dependencies: ["ChatModel"], swiftSettings: swiftSettings),
        .testTarget(name: "AssistantCoreTests", dependencies: ["AssistantCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KnowledgeLoaderTests",
            dependencies: ["AssistantCore", "KnowledgeLoader", "PreventAssistTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: ["CurlHTTP", "PreventAssistTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlatformsTests",
            dependencies: [
                "AssistantCore", "AssistantService", "CurlHTTP", "KnowledgeLoader", "Platforms", "PreventAssistTesting",
                "Storage", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RelayTests",
            dependencies: [
                "AssistantCore", "AssistantService", "CurlHTTP", "Platforms", "PreventAssistTesting", "RelayServer",
                "Storage", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Clocks", package: "swift-clocks"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SafeguardingDeskTests",
            dependencies: [
                "AssistantCore", "Storage", "SafeguardingDesk", "PreventAssistTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "AssistantCore", "Storage", "PreventAssistTesting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PreventAssistTests",
            dependencies: [
                "TextNormalization",
                "AssistantCore", "KnowledgeLoader", "AssistantService", "AssistantEvaluation", "PreventAssistContent",
                "PreventAssistTesting",
                "Storage", "IntentClassifier", "Platforms", "CurlHTTP", "MonitoringEndpoint",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Clocks", package: "swift-clocks"),
            ],
            exclude: ["Resources"],
            swiftSettings: swiftSettings
        ),
    ]
)
