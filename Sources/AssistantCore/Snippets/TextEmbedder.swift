/// Text to a unit-length vector, so that the dot product of two texts' vectors says how close they are in meaning
/// (near 1: alike; near 0: unrelated). Ranks good-practice snippets beyond the words they share with a question.
public protocol TextEmbedder: Sendable {
    /// The vector of `text`, of the same length every time; all zeros when nothing in `text` is known.
    func unitVector(_ text: String) -> [Float]
}
