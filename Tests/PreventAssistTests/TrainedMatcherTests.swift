import AssistantCore
import AssistantService
import Foundation
import IntentClassifier
import PreventAssistTesting
import Testing

/// The trained classifier behind the matcher seam, and its on-disk cache.
struct TrainedMatcherTests {
    static let toy: [LabeledText] =
        (1...15).map { LabeledText(text: "what is the channel programme question \($0)", label: "what_is_channel") }
        + (1...15).map { LabeledText(text: "who do i call about a weapon danger \($0)", label: "immediate_danger") }
        + [
            "book a room", "parking permit", "wifi password", "payroll date", "printer broken", "annual leave form",
            "canteen menu", "library hours", "expenses claim", "timetable change", "exam board dates", "pension scheme",
        ].map { LabeledText(text: $0, label: Intent.outOfScopeID) }

    @Test func separatesTwoObviouslyDifferentIntentsAndDeclinesNonsense() {
        let matcher = TrainedIntentMatcher.train(Self.toy)
        #expect(matcher.classify("tell me about the channel programme").topIntent == "what_is_channel")
        #expect(matcher.classify("someone has a weapon who do i call").topIntent == "immediate_danger")
        #expect(matcher.classify("zxqv blorf 12345 qqq").decision == .outOfScope)
        #expect(matcher.classify("").decision == .outOfScope)
    }

    @Test func cacheIsReusedForUnchangedContentAndInvalidatedByAChange() throws {
        try TemporaryDirectory.with { directory in
            let cache = ModelCache(directory: directory.url)
            #expect(cache.matcher(for: Self.toy).fromCache == false)
            let again = cache.matcher(for: Self.toy)
            #expect(again.fromCache)
            #expect(again.matcher.classify("channel programme").topIntent == "what_is_channel")
            var changed = Self.toy
            changed.append(LabeledText(text: "what is the channel programme question 16", label: "what_is_channel"))
            #expect(ModelCache.key(changed) != ModelCache.key(Self.toy))
            #expect(cache.matcher(for: changed).fromCache == false)
        }
    }

    @Test func aCorruptCacheFileIsRetrainedNotTrusted() throws {
        try TemporaryDirectory.with { directory in
            let file = directory.url.appendingPathComponent("intent-model-\(ModelCache.key(Self.toy)).bin")
            try Data("not a model".utf8).write(to: file)
            let result = ModelCache(directory: directory.url).matcher(for: Self.toy)
            #expect(result.fromCache == false)
            #expect(result.matcher.classify("channel programme").topIntent == "what_is_channel")
        }
    }

    @Test func thresholdsAreChosenOnTrainingDataOnly() throws {
        // The policy comes from cross-validation on the training examples: the same examples give the same policy
        // whatever test questions exist.
        let first = TrainedIntentMatcher.train(Self.toy).model.policy
        let second = TrainedIntentMatcher.train(Self.toy).model.policy
        #expect(first == second)
    }
}
