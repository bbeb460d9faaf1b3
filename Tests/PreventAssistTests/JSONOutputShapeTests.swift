import AssistantCore
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// The JSON the host commands print, key by key: scripts read these objects, so the typed output structs must keep
/// every key, each nested shape, and `null` where a value is missing (not a missing key).
@Suite(.timeLimit(.minutes(3)))
struct JSONOutputShapeTests {
    static func object(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func evalQuestionsJSONHasEveryKeyWithItsShape() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = try directory.write(
                "intent\tquestion\nwhat_is_channel\twhat is the channel programme about\n"
                    + "out_of_scope\tbook a parking space\n",
                to: "q.tsv"
            )
            let result = try await CommandRunner.run(["eval", "--questions", file.path, "--json"])
            #expect(result.status == 0, "\(result.error)")
            let object = try #require(try Self.object(result.output) as? [String: Any])
            #expect(
                Set(object.keys) == [
                    "rows", "in_scope_rows", "out_of_scope_rows", "in_scope_accuracy", "oos_recall",
                    "clarification_rate", "in_scope_accuracy_with_clarification", "latency_ms", "per_intent",
                    "confusions", "setup_seconds", "matcher", "stages_ms",
                ]
            )
            #expect(object["rows"] as? Int == 2)
            #expect(object["matcher"] as? String == "trained")
            let latency = try #require(object["latency_ms"] as? [String: Any])
            #expect(Set(latency.keys) == ["p50", "p99"])
            let perIntent = try #require(object["per_intent"] as? [String: [String: Any]])
            let channel = try #require(perIntent["what_is_channel"])
            #expect(Set(channel.keys) == ["precision", "recall", "f1", "support"])
            #expect(channel["support"] as? Int == 1)
            #expect(object["confusions"] is [Any])
            let stages = try #require(object["stages_ms"] as? [[String: Any]])
            #expect(!stages.isEmpty)
            for stage in stages {
                #expect(Set(stage.keys) == ["stage", "p50", "p99"])
                #expect(stage["stage"] is String)
            }
        }
    }

    @Test func concernListAndExportJSONKeepEveryKeyAndNullForWhatIsMissing() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let key = EncryptionKey.generate()
            let database = try AppDatabase(file: directory.url.appendingPathComponent(AppDatabase.fileName), key: key)
            let submission = FormSubmission(formID: "raise_concern", reporterID: "console:x", urgent: true, fields: [])
            let reference = try ConcernStore(database: database).create(submission, at: 1_754_006_400)
            let config = try HostRoles.config(in: directory.url).path
            let environment = ["PREVENT_ASSIST_KEY": key.base64, "PREVENT_ASSIST_LOG_LEVEL": "error"]
            func concerns(_ arguments: [String]) async throws -> ProcessOutput {
                try await CommandRunner.run(
                    ["concerns"] + arguments + ["--data", directory.url.path, "--config", config],
                    environment: environment
                )
            }

            let list = try await concerns(["list", "--format", "json"])
            #expect(list.status == 0, "\(list.error)")
            let summaries = try #require(try Self.object(list.output) as? [[String: Any]])
            let summary = try #require(summaries.first)
            #expect(Set(summary.keys) == ["reference", "created_at", "urgent", "stage", "ideology", "purged"])
            #expect(summary["reference"] as? String == reference)
            #expect(summary["urgent"] as? Bool == true)
            #expect(summary["ideology"] is NSNull)
            #expect(summary["stage"] as? String == "reported")

            let export = try await concerns(["export", "--format", "json"])
            #expect(export.status == 0, "\(export.error)")
            let records = try #require(try Self.object(export.output) as? [[String: Any]])
            let record = try #require(records.first)
            #expect(
                Set(record.keys) == [
                    "reference", "created_at", "urgent", "stage", "reporter", "purged", "fields", "history",
                ]
            )
            #expect(record["fields"] is [String: Any])
            let history = try #require(record["history"] as? [[String: Any]])
            for change in history {
                #expect(Set(change.keys) == ["stage", "on", "ideology"])
            }
        }
    }

    @Test func snippetsBenchJSONHasEveryKeyWithItsShape() async throws {
        let result = try await CommandRunner.run(
            ["snippets", "bench", "--count", "200", "--json"],
            directory: Repository.root
        )
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try Self.object(result.output) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "corpus", "queries", "build_ms", "median_ms", "p99_ms", "top3_precision", "top3_precision_seeds_only",
                "misses", "realistic", "realistic_words_only",
            ]
        )
        #expect(object["misses"] is [Any])
        let realistic = try #require(object["realistic"] as? [String: Any])
        #expect(Set(realistic.keys) == ["corpus", "queries", "top1", "top3", "mrr", "misses", "meaning"])
        #expect(realistic["meaning"] is Bool)
        let wordsOnly = try #require(object["realistic_words_only"] as? [String: Any])
        #expect(Set(wordsOnly.keys) == ["top1", "top3", "mrr"])
    }
}
