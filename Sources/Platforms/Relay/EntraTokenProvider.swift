import CurlHTTP
import Foundation

/// The bot's access token for the Bot Connector: Microsoft Entra client credentials
/// (`POST {base}/{tenant}/oauth2/v2.0/token`, scope `https://api.botframework.com/.default`), cached until a minute
/// before it expires. The app password is scrubbed from every error (it is only ever in the request body).
actor EntraTokenProvider {
    let tokenURL: String
    let appID: String
    let password: String
    let transport: any HTTPTransport
    let account: String
    private var cached: (token: String, expires: ContinuousClock.Instant)?

    static let scope = "https://api.botframework.com/.default"

    init(base: String, tenant: String, appID: String, password: String, transport: any HTTPTransport, account: String) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        tokenURL = "\(base)/\(tenant)/oauth2/v2.0/token"
        self.appID = appID
        self.password = password
        self.transport = transport
        self.account = account
    }

    func token() async throws(PlatformError) -> String {
        if let cached, ContinuousClock.now < cached.expires { return cached.token }
        let form = [
            ("grant_type", "client_credentials"), ("client_id", appID), ("client_secret", password),
            ("scope", Self.scope),
        ].map { "\($0)=\(Self.formEncode($1))" }.joined(separator: "&")
        let response = try await transport.perform(
            HTTPRequest(
                method: .post,
                url: tokenURL,
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Data(form.utf8),
                timeout: 20
            ),
            context: "platform \(account): token"
        )
        let answer = WireJSON.decode(TeamsWire.Token.self, from: response.body)
        guard response.isSuccess, let token = answer?.accessToken else {
            if response.status == 400 || response.status == 401 {
                let code = answer?.error.map { " (\($0))" } ?? ""
                throw PlatformError(
                    .fatal,
                    "platform \(account): Microsoft Entra refused the bot's credentials\(code); check app_id, "
                        + "tenant_id and the secret in the variable named by app_password_env"
                )
            }
            throw PlatformError(.transient, "platform \(account): token endpoint answered \(response.status)")
        }
        // The server's lifetime, made safe (0…3600 s, NaN or text: an hour less a second) before any arithmetic.
        let lifetime = answer?.expiresIn?.seconds ?? 3_599
        cached = (token, ContinuousClock.now + ServerDuration.duration(seconds: lifetime - 60))
        return token
    }

    /// Forgets the token (the connector refused it).
    func invalidate() { cached = nil }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
