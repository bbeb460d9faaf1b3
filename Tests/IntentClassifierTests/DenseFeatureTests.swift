import IntentClassifier
import Testing

@Suite struct DenseFeatureTests {
    @Test func toyModelWithVectorsSeparatesTwoIntents() throws {
        let vectors = try #require(VectorsFixture.real, "models/\(VectorsFixture.fileName) is missing")
        let model = IntentTrainer.fit(
            examples: Toy.examples,
            outOfScopeLabel: "oos",
            configuration: Toy.configuration,
            tokenVectors: vectors
        )
        #expect(model.tokenVectorDimensions == vectors.dimensions)
        #expect(model.classify("is it going to rain this weekend?").ranked.first?.label == "weather")
        #expect(model.classify("I have to report a worry about a pupil").ranked.first?.label == "report_concern")
        let p = model.probabilities(for: "will it be sunny tomorrow")
        let weather = try #require(model.labels.firstIndex(of: "weather"))
        let report = try #require(model.labels.firstIndex(of: "report_concern"))
        #expect(p[weather] > 2 * p[report])
    }

    @Test func denseOnlyFeaturesStillSeparateIntents() throws {
        // Synthetic 3-d vectors: "rain"/"sun" point one way, "report"/"concern" another.
        let vectors = try TokenVectors(
            bytes: VectorsFixture.file(vocabulary: VectorsFixture.smallVocabulary, vectors: VectorsFixture.smallVectors)
        )
        let examples =
            ["rain", "sun", "rain sun", "sun sun"].map { LabeledExample(text: $0, label: "weather") }
            + ["report", "concern", "reporting concern", "report concern"].map {
                LabeledExample(text: $0, label: "report")
            }
        var configuration = Toy.configuration
        configuration.features.minDocumentFrequency = 100  // no sparse features at all
        configuration.tokenVectorWeight = 3
        let model = IntentTrainer.fit(
            examples: examples,
            outOfScopeLabel: nil,
            configuration: configuration,
            tokenVectors: vectors
        )
        #expect(model.featureCount == 0)
        // "sun rain" and "concern reporting" are unseen texts: only the dense block can decide.
        #expect(model.classify("sun rain").ranked.first?.label == "weather")
        #expect(model.classify("concern reporting").ranked.first?.label == "report")
    }

    @Test func serializedModelNeedsTheSameVectors() throws {
        let bytes = VectorsFixture.file(
            vocabulary: VectorsFixture.smallVocabulary,
            vectors: VectorsFixture.smallVectors
        )
        let vectors = try TokenVectors(bytes: bytes)
        var other = bytes
        other[other.count - 1] &+= 3
        let otherVectors = try TokenVectors(bytes: other)
        let model = IntentTrainer.fit(
            examples: Toy.examples,
            outOfScopeLabel: "oos",
            configuration: Toy.configuration,
            tokenVectors: vectors
        )
        let data = model.serialized()
        let decoded = try IntentModel(serialized: data, tokenVectors: vectors)
        #expect(decoded.probabilities(for: "report rain") == model.probabilities(for: "report rain"))
        #expect(decoded.serialized() == data)
        #expect(throws: IntentModelDecodingError.tokenVectorsRequired(contentHash: vectors.contentHash)) {
            try IntentModel(serialized: data)
        }
        #expect(
            throws: IntentModelDecodingError.tokenVectorsMismatch(
                expected: vectors.contentHash,
                actual: otherVectors.contentHash
            )
        ) { try IntentModel(serialized: data, tokenVectors: otherVectors) }
        // A model without vectors ignores vectors passed to the decoder.
        let plain = IntentTrainer.fit(examples: Toy.examples, outOfScopeLabel: "oos", configuration: Toy.configuration)
        let plainDecoded = try IntentModel(serialized: plain.serialized(), tokenVectors: vectors)
        #expect(plainDecoded.tokenVectors == nil)
        #expect(plainDecoded.probabilities(for: "rain") == plain.probabilities(for: "rain"))
    }
}
