import CurlHTTP
import Foundation
import PreventAssistTesting
import Testing

/// `prevent-assist serve` as a separate process: killed with SIGKILL while messages arrive, then restarted.
@Suite(.synapse, .serialized, .timeLimit(.minutes(4)))
struct ServeRestartTests {
    func serve(config: URL, password: String) async throws -> Process {
        try await ServeProcess.start(config: config, environment: ["BOT_PASSWORD": password])
    }

    func botReplies(_ messages: [[String: Any]], bot: String) -> [[String: Any]] {
        messages.filter { $0.sender == bot }
    }

    @Test func killedWhileMessagesArriveItAnswersExactlyThoseAfterARestart() async throws {
        let matrix = try await ServedMatrixBot()
        let (bot, person) = (matrix.bot, matrix.person)
        try await TemporaryDirectory.asyncWith { directory in
            let config = try directory.write(
                """
                data_dir: \(directory.url.appendingPathComponent("data").path)
                platforms:
                \(matrix.account(id: "test-matrix"))
                """,
                to: "prevent-assist.yaml"
            )
            var server = try await serve(config: config, password: bot.password)
            defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
            let room = try await person.createRoom(inviting: bot.id, direct: false)
            let q0 = try await person.say("what is channel?", in: room)
            try await person.waitFor(room, seconds: 60) { botReplies($0, bot: bot.id).contains { $0.repliesTo == q0 } }

            kill(server.processIdentifier, SIGKILL)
            await server.exited()
            #expect(server.terminationReason == .uncaughtSignal)
            let missed = [
                try await person.say("who is our prevent lead?", in: room),
                try await person.say("what happens after a referral?", in: room),
                try await person.say("what training do i need?", in: room),
            ]

            server = try await serve(config: config, password: bot.password)
            let answered = try await person.waitFor(room, seconds: 60) { messages in
                missed.allSatisfy { id in botReplies(messages, bot: bot.id).contains { $0.repliesTo == id } }
            }
            for question in [q0] + missed {
                #expect(botReplies(answered, bot: bot.id).filter { $0.repliesTo == question }.count == 1)
            }

            #expect(botReplies(answered, bot: bot.id).count == 4)

            server.terminate()  // SIGTERM: graceful shutdown
            await server.exited()
            #expect(server.terminationStatus == 0)
        }
    }
}
