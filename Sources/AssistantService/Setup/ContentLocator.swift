public import Foundation
import PreventAssistContent

/// Finds the knowledge directory to use: `--kb DIR`, else `PREVENT_ASSIST_KB`, else the content shipped with the
/// binary.
public struct ContentLocator: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func knowledgeRoot(explicit: String?) throws(ServiceError) -> URL {
        if let explicit { return try directory(explicit, from: "--kb") }
        if let fromEnvironment = environment["PREVENT_ASSIST_KB"], !fromEnvironment.isEmpty {
            return try directory(fromEnvironment, from: "PREVENT_ASSIST_KB")
        }
        guard let shipped = ShippedContent.root else {
            throw ServiceError(
                "the shipped knowledge base was not found beside the binary; pass --kb DIR (a folder with intents/ and knowledge/)"
            )
        }
        return shipped
    }

    private func directory(_ path: String, from origin: String) throws(ServiceError) -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard
            FileManager.default.fileExists(
                atPath: url.appendingPathComponent("intents").path,
                isDirectory: &isDirectory
            ),
            isDirectory.boolValue
        else {
            throw ServiceError("\(origin) \(path): no intents/ folder there (expected intents/ and knowledge/)")
        }
        return url
    }
}
