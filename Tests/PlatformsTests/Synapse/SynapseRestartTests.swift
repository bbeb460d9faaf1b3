import Foundation
import PreventAssistTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The homeserver restarts while the bot is in a long-poll: the bot recovers by itself and answers, once. Runs on a
/// private Synapse of its own (started here with `scripts/synapse.sh`), so the other tests' server stays up; being
/// fresh, it also shows that bots exempted from rate limits at the same moment set up its admin once.
@Suite(.synapse, .timeLimit(.minutes(5)))
struct SynapseRestartTests {
    @Test func theBotRecoversWhenTheHomeserverRestartsMidPoll() async throws {
        let server = try TemporaryDirectory()
        defer { server.remove() }
        let port = try Self.freePort()
        try await SynapseFixture.script(["start", server.url.path, "\(port)"])
        do {
            try await recovers(onServer: server, port: port)
        } catch {
            _ = try? await SynapseFixture.script(["stop", server.url.path])
            throw error
        }
        _ = try? await SynapseFixture.script(["stop", server.url.path])
    }

    func recovers(onServer server: TemporaryDirectory, port: Int) async throws {
        let base = "http://127.0.0.1:\(port)"
        try await exemptsSeveralBotsAtOnce(onFreshServer: server.url.path)

        let harness = try await BotHarness(baseURL: base, server: server.url.path)
        let staff = try await SynapseFixture.user("staff", on: server.url.path)
        let person = MatrixStaff(id: staff.id, token: staff.token, baseURL: base)
        let room = try await person.createRoom(inviting: harness.bot.id, direct: true)
        let before = try await person.say("what is prevent?", in: room)
        try await person.waitFor(room, seconds: 30) { $0.contains { $0.repliesTo == before } }

        // The bot is now waiting in /sync (2 s long-polls); the homeserver goes away under it and comes back.
        // Stopped (a slow shutdown is killed, which the script reports as a failure) and started on the same port.
        _ = try? await SynapseFixture.script(["stop", server.url.path])
        // A killed server's port can stay taken for a moment: start again until it is free (at most 30 s).
        var restarted = false
        for _ in 0..<30 where !restarted {
            restarted = (try? await SynapseFixture.script(["start", server.url.path, "\(port)"])) != nil
            if !restarted { try await Task.sleep(for: .seconds(1)) }
        }
        try #require(restarted, "the homeserver did not start again on port \(port)")
        let after = try await person.say("what is channel?", in: room)
        let messages = try await person.waitFor(room, seconds: 90) { $0.contains { $0.repliesTo == after } }
        #expect(messages.filter { $0.repliesTo == after }.count == 1)
        #expect(messages.filter { $0.repliesTo == before }.count == 1, "nothing answered twice after the restart")
        #expect(messages.first { $0.repliesTo == after }?.body.contains("Channel") == true)
        await harness.stop()
    }

    /// On a fresh server no admin exists yet: bots exempted from rate limits at the same moment must not race to
    /// create it (each wrote its own admin password and all but one failed to log in).
    func exemptsSeveralBotsAtOnce(onFreshServer server: String) async throws {
        var bots: [String] = []
        for _ in 0..<4 { bots.append(try await SynapseFixture.user("parallelbot", on: server).id) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for bot in bots { group.addTask { try await SynapseFixture.unlimit(bot, on: server) } }
            try await group.waitForAll()
        }
    }

    /// A port nobody listens on now.
    static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw FixtureError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
