import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting

/// The Zulip adapter against ``ZulipStubServer``; the harness plays the people and reads what they would see.
struct ZulipConformanceHarness: PlatformConformanceHarness {
    let stub: ZulipStubServer
    let memory = InMemoryPlatformMemory()

    var name: String { "zulip (contract stub)" }
    var messageLimit: Int { 10_000 }
    var groupConversation: String { "stream:\(ZulipStubServer.streamID):Prevent questions" }
    var directConversation: String { "dm:\(ZulipStubServer.personID)" }

    func makePlatform() async throws -> any ChatPlatform { try makeZulip() }

    func makeZulip(environment: [String: String] = ["ZULIP_KEY": ZulipStubServer.apiKey]) throws -> ZulipPlatform {
        try ZulipPlatform(
            account: PlatformAccount(
                kind: "zulip",
                id: "campus-zulip",
                settings: [
                    "site": stub.server.baseURL + "/", "email": ZulipStubServer.email, "api_key_env": "ZULIP_KEY",
                ]
            ),
            environment: environment,
            transport: CurlTransport(),
            memory: memory
        )
    }

    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        "\(stub.post(text, from: ZulipStubServer.personID, in: conversation))"
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        stub.post(text, from: ZulipStubServer.botID, in: conversation)
    }

    func visibleBotMessages(in conversation: String) async throws -> [String] {
        stub.botMessages(in: conversation).map(Self.visible)
    }

    /// What a person sees of Zulip Markdown in this subset: bold markers and link syntax gone, character
    /// references decoded.
    static func visible(_ content: String) -> String {
        var text = content.replacing("**", with: "")
        while let open = text.firstRange(of: "["), let middle = text[open.upperBound...].firstRange(of: "]("),
            let close = text[middle.upperBound...].firstIndex(of: ")")
        {
            text.replaceSubrange(open.lowerBound...close, with: text[open.upperBound..<middle.lowerBound])
        }
        var output = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "&#x"), let end = rest[start.upperBound...].firstIndex(of: ";"),
            let value = UInt32(rest[start.upperBound..<end], radix: 16), let scalar = Unicode.Scalar(value)
        {
            output += rest[..<start.lowerBound]
            output.unicodeScalars.append(scalar)
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}
