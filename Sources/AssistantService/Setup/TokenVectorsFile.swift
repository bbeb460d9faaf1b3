public import Foundation
public import IntentClassifier
import PreventAssistContent
import Synchronization

/// The distilled word-piece vectors the classifier uses for meaning beyond exact words (`models/`, see
/// `models/README.md`): found beside the knowledge base in use (a repository checkout), else in the shipped bundle.
/// Read once per process.
public enum TokenVectorsFile {
    /// The file's name under `models/`.
    public static let fileName = "minilm-l6-wordpiece-256.pawv"

    /// The vectors near `knowledgeRoot`, else the shipped ones; `nil` when neither is there or readable (the
    /// classifier then trains on n-grams alone).
    public static func load(near knowledgeRoot: URL?) -> TokenVectors? {
        let candidates = [knowledgeRoot, ShippedContent.root].compactMap { $0 }.map {
            $0.appendingPathComponent("models").appendingPathComponent(fileName).standardizedFileURL
        }
        for url in candidates where FileManager.default.fileExists(atPath: url.path) {
            if let vectors = cache.vectors(at: url) { return vectors }
        }
        return nil
    }

    private static let cache = Cache()

    /// Loaded files by path (the file is 8 MB; every setup in a process shares one copy).
    private final class Cache: Sendable {
        private let loaded = Mutex<[String: TokenVectors]>([:])

        func vectors(at url: URL) -> TokenVectors? {
            if let known = loaded.withLock({ $0[url.path] }) { return known }
            guard let bytes = Self.read(url), let vectors = try? TokenVectors(bytes: bytes) else { return nil }
            loaded.withLock { $0[url.path] = vectors }
            return vectors
        }

        /// The file's bytes, read straight into one array (no intermediate `Data` copy of 8 MB).
        private static func read(_ url: URL) -> [UInt8]? {
            guard let file = fopen(url.path, "rb") else { return nil }
            defer { fclose(file) }
            guard fseek(file, 0, SEEK_END) == 0 else { return nil }
            let size = ftell(file)
            guard size > 0, fseek(file, 0, SEEK_SET) == 0 else { return nil }
            let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = fread(buffer.baseAddress, 1, size, file)
            }
            return bytes.count == size ? bytes : nil
        }
    }
}
