public import AssistantCore
public import IntentClassifier

/// Meaning for good-practice search from the same distilled word-piece vectors the classifier uses
/// (``TokenVectorsFile``): a text's vector is the weighted mean of its word pieces', made unit length.
public struct TokenVectorEmbedder: TextEmbedder {
    public let vectors: TokenVectors

    public init(vectors: TokenVectors) {
        self.vectors = vectors
    }

    /// The shipped vectors (read once per process), or `nil` when they cannot be read: search then ranks by words
    /// alone.
    public static var shipped: TokenVectorEmbedder? {
        TokenVectorsFile.load(near: nil).map(TokenVectorEmbedder.init)
    }

    public func unitVector(_ text: String) -> [Float] {
        vectors.sentenceVector(text)
    }
}
