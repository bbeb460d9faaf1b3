/// A fresh bot user (rate limit lifted) on the shared Synapse for a `serve` process, and a person to talk to it.
struct ServedMatrixBot {
    let bot: (id: String, password: String, token: String)
    let person: MatrixStaff

    init() async throws {
        bot = try await SynapseFixture.user("bot")
        try await SynapseFixture.unlimit(bot.id)
        let staff = try await SynapseFixture.user("staff")
        person = MatrixStaff(id: staff.id, token: staff.token)
    }

    /// The bot's entry under `platforms:` (its password in `BOT_PASSWORD`).
    func account(id: String) -> String {
        """
          - kind: matrix
            id: \(id)
            homeserver: \(SynapseFixture.baseURL ?? "")
            user_id: "\(bot.id)"
            password_env: BOT_PASSWORD
            poll_timeout_ms: 2000
        """
    }
}
