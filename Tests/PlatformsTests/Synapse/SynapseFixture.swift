import CurlHTTP
import Foundation
import PreventAssistTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The Synapse homeserver started by `scripts/synapse.sh` (CI starts it; locally:
/// `scripts/synapse.sh start /tmp/pa-synapse && eval "$(scripts/synapse.sh env /tmp/pa-synapse)"`).
enum SynapseFixture {
    static var baseURL: String? { ProcessInfo.processInfo.environment["PREVENT_ASSIST_SYNAPSE_URL"] }
    static var directory: String? { ProcessInfo.processInfo.environment["PREVENT_ASSIST_SYNAPSE_DIR"] }
    static let repository = SharedAssistant.repository
    static let transport = CurlTransport()

    /// Runs `scripts/synapse.sh` with `arguments`; returns standard output.
    ///
    /// Uses `posix_spawn` and `waitpid` with output to a file: `start`/`restart` leave Synapse running in the
    /// background, and Foundation's `Process.waitUntilExit` was seen to wait on past the script's exit then.
    /// Runs on a thread of its own (``OwnThread``): starting Synapse takes seconds.
    @discardableResult
    static func script(_ arguments: [String]) async throws -> String {
        try await OwnThread.run { try scriptBlocking(arguments) }
    }

    private static func scriptBlocking(_ arguments: [String]) throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "synapse-sh-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let command = ([repository.appendingPathComponent("scripts/synapse.sh").path] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let shell = "\(command) > '\(outputFile.path)' 2>&1 < /dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/bash"), strdup("-c"), strdup(shell), nil]
        defer { for pointer in argv { free(pointer) } }
        guard posix_spawn(&pid, "/bin/bash", nil, nil, argv, environ) == 0 else {
            throw FixtureError("cannot run synapse.sh")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = String(decoding: FileManager.default.contents(atPath: outputFile.path) ?? Data(), as: UTF8.self)
        guard status == 0 else { throw FixtureError("synapse.sh \(arguments.first ?? "") failed: \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Registers a fresh user (unique name) and returns its id, password and access token.
    static func user(
        _ stem: String,
        on server: String? = nil
    ) async throws -> (id: String, password: String, token: String) {
        guard let directory = server ?? directory else { throw FixtureError("PREVENT_ASSIST_SYNAPSE_DIR is not set") }
        let name = "\(stem)\(UUID().uuidString.prefix(8).lowercased())"
        let password = "pw-\(UUID().uuidString)"
        try await script(["register", directory, name, password])
        let token = try await script(["token", directory, name, password])
        return ("@\(name):localhost", password, token)
    }

    static func unlimit(_ userID: String, on server: String? = nil) async throws {
        guard let directory = server ?? directory else { return }
        let name = userID.dropFirst().split(separator: ":").first.map(String.init) ?? userID
        try await script(["unlimit", directory, name])
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Trait where Self == ConditionTrait {
    /// Runs only when a Synapse homeserver is available; CI always provides one (see `SynapseGuardTests`).
    static var synapse: Self {
        .enabled(
            if: SynapseFixture.baseURL != nil,
            "needs PREVENT_ASSIST_SYNAPSE_URL (scripts/synapse.sh start DIR; eval \"$(scripts/synapse.sh env DIR)\")"
        )
    }
}

/// A person using Matrix through plain client-server API calls.
struct MatrixStaff {
    let id: String
    let token: String
    /// The homeserver: the shared test server unless given.
    var baseURL = SynapseFixture.baseURL ?? ""

    func call(_ method: HTTPRequest.Method, _ path: String, body: [String: Any]? = nil) async throws -> [String: Any] {
        let url = baseURL + path
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try await SynapseFixture.transport.perform(
            HTTPRequest(method: method, url: url, headers: [("Authorization", "Bearer \(token)")], body: data)
        )
        guard response.isSuccess else {
            throw FixtureError(
                "\(method.rawValue) \(path) → \(response.status) \(String(decoding: response.body, as: UTF8.self))"
            )
        }
        return (try JSONSerialization.jsonObject(with: response.body) as? [String: Any]) ?? [:]
    }

    func createRoom(inviting bot: String, direct: Bool) async throws -> String {
        let body: [String: Any] = [
            "preset": direct ? "trusted_private_chat" : "private_chat", "is_direct": direct, "invite": [bot],
            "name": direct ? "" : "staff room",
        ]
        guard let room = try await call(.post, "/_matrix/client/v3/createRoom", body: body)["room_id"] as? String else {
            throw FixtureError("no room id")
        }
        return room
    }

    @discardableResult
    func say(_ text: String, in room: String, thread: String? = nil) async throws -> String {
        var content: [String: Any] = ["msgtype": "m.text", "body": text]
        if let thread { content["m.relates_to"] = ["rel_type": "m.thread", "event_id": thread] }
        let txn = UUID().uuidString
        guard
            let id = try await call(
                .put,
                "/_matrix/client/v3/rooms/\(escape(room))/send/m.room.message/\(txn)",
                body: content
            )[
                "event_id"
            ] as? String
        else { throw FixtureError("no event id") }
        return id
    }

    func join(_ room: String) async throws {
        _ = try await call(.post, "/_matrix/client/v3/join/\(escape(room))", body: [:])
    }

    /// The room's latest messages, oldest first.
    func messages(in room: String) async throws -> [[String: Any]] {
        let page = try await call(.get, "/_matrix/client/v3/rooms/\(escape(room))/messages?dir=b&limit=100")
        return ((page["chunk"] as? [[String: Any]]) ?? []).filter { $0["type"] as? String == "m.room.message" }
            .reversed()
    }

    /// Waits until `predicate` holds for the room's messages (polling), or fails after `seconds`.
    @discardableResult
    func waitFor(
        _ room: String,
        seconds: Double = 20,
        _ predicate: ([[String: Any]]) -> Bool
    ) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let messages = try await messages(in: room)
            if predicate(messages) { return messages }
            try await Task.sleep(for: .milliseconds(150))
        }
        throw FixtureError("timed out waiting in \(room)")
    }

    /// Invited rooms (from a sync). Synapse caches identical initial syncs for two minutes, so each call varies the
    /// (tiny) timeout to get a fresh answer.
    func invites() async throws -> [String] {
        let sync = try await call(.get, "/_matrix/client/v3/sync?timeout=\(Int.random(in: 1...200))")
        return Array(((sync["rooms"] as? [String: Any])?["invite"] as? [String: Any] ?? [:]).keys)
    }

    func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~")))
            ?? segment
    }
}

extension [String: Any] {
    var sender: String? { self["sender"] as? String }
    var body: String { (self["content"] as? [String: Any])?["body"] as? String ?? "" }
    var relation: [String: Any]? { (self["content"] as? [String: Any])?["m.relates_to"] as? [String: Any] }
    var repliesTo: String? { (relation?["m.in_reply_to"] as? [String: Any])?["event_id"] as? String }
}
