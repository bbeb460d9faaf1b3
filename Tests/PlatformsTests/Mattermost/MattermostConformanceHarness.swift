import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting

/// The Mattermost adapter against ``MattermostStubServer``; the harness plays the people and reads what they see.
struct MattermostConformanceHarness: PlatformConformanceHarness {
    let stub: MattermostStubServer
    let memory = InMemoryPlatformMemory()

    var name: String { "mattermost (contract stub)" }
    var messageLimit: Int { 16_383 }
    var groupConversation: String { MattermostStubServer.groupChannel }
    var directConversation: String { MattermostStubServer.directChannel }

    func makePlatform() async throws -> any ChatPlatform { try makeMattermost() }

    func makeMattermost(
        token: String = MattermostStubServer.token,
        memory: InMemoryPlatformMemory? = nil
    ) throws -> MattermostPlatform {
        try MattermostPlatform(
            account: PlatformAccount(
                kind: "mattermost",
                id: "campus-mattermost",
                settings: [
                    "server": stub.server.baseURL, "token_env": "MM_TOKEN",
                    "channels": "\(MattermostStubServer.groupChannel), \(MattermostStubServer.strangersChannel)",
                    "poll_interval_seconds": "0.05",
                ]
            ),
            environment: ["MM_TOKEN": token],
            transport: CurlTransport(),
            memory: memory ?? self.memory
        )
    }

    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        stub.post(text, from: MattermostStubServer.personID, in: conversation)
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        stub.post(text, from: MattermostStubServer.botID, in: conversation)
    }

    func visibleBotMessages(in conversation: String) async throws -> [String] {
        stub.botPosts(in: conversation).map { Self.visible($0.message) }
    }

    /// What a person sees of Mattermost Markdown in this subset: backslash escapes resolved, bold markers and link
    /// syntax gone.
    static func visible(_ message: String) -> String {
        var output = ""
        let characters = Array(message)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character == "\\", let next, next.isASCII, next.isPunctuation || next.isSymbol {
                output.append(next)
                index += 2
            } else if character == "*", next == "*" {
                index += 2
            } else if character == "[", let close = linkEnd(characters, from: index) {
                output += visible(String(characters[(index + 1)..<close.titleEnd]))
                index = close.end + 1
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// For an unescaped `[` at `start`: where its title ends (`](`) and where its URL's `)` is.
    private static func linkEnd(_ characters: [Character], from start: Int) -> (titleEnd: Int, end: Int)? {
        var index = start + 1
        while index + 1 < characters.count {
            if characters[index] == "\\" {
                index += 2
                continue
            }
            if characters[index] == "]" {
                guard characters[index + 1] == "(", let end = characters[(index + 2)...].firstIndex(of: ")") else {
                    return nil
                }
                return (index, end)
            }
            index += 1
        }
        return nil
    }
}
