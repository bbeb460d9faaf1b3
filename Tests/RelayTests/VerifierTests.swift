import Foundation
import RelayServer
import Testing

/// The pure verifiers: Slack's published example, Teams HMAC, shared tokens, Bot Framework JWT claims.
@Suite
struct VerifierTests {
    // Slack's documented example (api.slack.com "Verifying requests from Slack").
    static let slackSecret = "8f742231b10e8888abcd99yyyzzz85a5"
    static let slackTimestamp = "1531420618"
    static let slackBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    static let slackSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"

    @Test func slacksPublishedExampleVerifies() {
        let body = Data(Self.slackBody.utf8)
        #expect(
            SlackSignature.signature(secret: Self.slackSecret, timestamp: Self.slackTimestamp, body: body)
                == Self.slackSignature
        )
        let result = SlackSignature.verify(
            secret: Self.slackSecret,
            timestamp: Self.slackTimestamp,
            signature: Self.slackSignature,
            body: body,
            now: 1_531_420_618 + 60
        )
        #expect((try? result.get()) != nil)
    }

    @Test func slackRefusesATamperedBodyAStaleTimestampAndMissingHeaders() {
        let body = Data(Self.slackBody.utf8)
        let tampered = SlackSignature.verify(
            secret: Self.slackSecret,
            timestamp: Self.slackTimestamp,
            signature: Self.slackSignature,
            body: body + Data("x".utf8),
            now: 1_531_420_618
        )
        #expect(Self.status(tampered) == 401)
        let stale = SlackSignature.verify(
            secret: Self.slackSecret,
            timestamp: Self.slackTimestamp,
            signature: Self.slackSignature,
            body: body,
            now: 1_531_420_618 + 301
        )
        #expect(Self.status(stale) == 401)
        let missing = SlackSignature.verify(
            secret: Self.slackSecret,
            timestamp: nil,
            signature: Self.slackSignature,
            body: body,
            now: 1_531_420_618
        )
        #expect(Self.status(missing) == 401)
    }

    @Test func teamsHMACFromAKnownTokenVerifiesAndAnyChangeIsRefused() throws {
        // A security token as Teams shows it: base64 of 32 random bytes (here fixed).
        let token = Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()
        let body = Data(#"{"type":"message","text":"<at>Prevent</at> what is channel"}"#.utf8)
        let header = try #require(TeamsWebhookSignature.authorization(securityToken: token, body: body))
        // Independently computed: openssl dgst -sha256 -mac HMAC -macopt hexkey:<token bytes> | base64.
        #expect(header == "HMAC " + Self.expectedTeamsHMAC)
        #expect(
            Self.status(TeamsWebhookSignature.verify(securityToken: token, authorization: header, body: body)) == nil
        )
        let tampered = TeamsWebhookSignature.verify(
            securityToken: token,
            authorization: header,
            body: body + Data(" ".utf8)
        )
        #expect(Self.status(tampered) == 401)
        #expect(Self.status(TeamsWebhookSignature.verify(securityToken: token, authorization: nil, body: body)) == 401)
        #expect(
            Self.status(TeamsWebhookSignature.verify(securityToken: token, authorization: "Bearer x", body: body))
                == 401
        )
    }

    static let expectedTeamsHMAC = "mx6t7Q+2IKNzSahhdkw/e58QHP2bFMqbldECwi6ykxA="

    @Test func constantTimeComparisonIsExact() {
        #expect(ConstantTime.equal("abc123", "abc123"))
        #expect(!ConstantTime.equal("abc123", "abc124"))
        #expect(!ConstantTime.equal("abc123", "abc12"))
        #expect(ConstantTime.equal("", "") && !ConstantTime.equal("a", ""))
    }

    // MARK: - Bot Framework JWT

    static let appID = "00000000-1111-2222-3333-444444444444"
    static let serviceURL = "https://smba.trafficmanager.net/uk/"
    static let now: Int64 = 1_795_944_000

    func verify(
        _ token: String,
        signer: TestSigner,
        serviceURL: String = serviceURL,
        channel: String = "msteams"
    )
        throws -> Result<BotFrameworkToken.Claims, RelayRefusal>
    {
        let keys = JSONWebKey.keySet(from: try signer.keySet())
        return BotFrameworkToken.parse(authorization: "Bearer " + token).flatMap {
            $0.verify(keys: keys, appID: Self.appID, serviceURL: serviceURL, channelID: channel, now: Self.now)
        }
    }

    @Test func aTokenSignedByTheKeySetForThisBotVerifies() throws {
        let signer = try TestSigner()
        let token = try signer.token(appID: Self.appID, serviceURL: Self.serviceURL, now: Self.now)
        let claims = try verify(token, signer: signer).get()
        #expect(claims.serviceURL == Self.serviceURL && claims.audiences == [Self.appID])
    }

    /// Time claims are numbers from outside: the extremes of Int64 must not overflow the skew arithmetic (they
    /// trapped: `expires + skew`, `notBefore - skew`), and a time that is no whole Int64 (`1e300`, text) is no time.
    @Test func absurdTimeClaimsNeitherTrapNorPass() throws {
        let signer = try TestSigner()
        let extremes = try signer.token(
            appID: Self.appID,
            serviceURL: Self.serviceURL,
            now: Self.now,
            overriding: ["exp": Int64.max, "nbf": Int64.min]
        )
        #expect(Self.status(try verify(extremes, signer: signer)) == nil)
        for absurd: Any in [1e300, -1e300, "\(Self.now + 3600)"] {
            let token = try signer.token(
                appID: Self.appID,
                serviceURL: Self.serviceURL,
                now: Self.now,
                overriding: ["exp": absurd]
            )
            #expect(Self.status(try verify(token, signer: signer)) == 403, "exp \(absurd)")
        }
    }

    @Test func expiryAllowsFiveMinutesOfSkewAndNoMore() throws {
        let signer = try TestSigner()
        let justInside = try signer.token(
            appID: Self.appID,
            serviceURL: Self.serviceURL,
            now: Self.now,
            overriding: ["exp": Self.now - 299]
        )
        #expect(Self.status(try verify(justInside, signer: signer)) == nil)
        let expired = try signer.token(
            appID: Self.appID,
            serviceURL: Self.serviceURL,
            now: Self.now,
            overriding: ["exp": Self.now - 301]
        )
        #expect(Self.status(try verify(expired, signer: signer)) == 403)
        let early = try signer.token(
            appID: Self.appID,
            serviceURL: Self.serviceURL,
            now: Self.now,
            overriding: ["nbf": Self.now + 600]
        )
        #expect(Self.status(try verify(early, signer: signer)) == 403)
    }

    @Test func wrongAudienceIssuerServiceURLOrChannelIsForbidden() throws {
        let signer = try TestSigner()
        let otherBot = try signer.token(appID: "another-bot", serviceURL: Self.serviceURL, now: Self.now)
        #expect(Self.status(try verify(otherBot, signer: signer)) == 403)
        let issuer = try signer.token(
            appID: Self.appID,
            serviceURL: Self.serviceURL,
            now: Self.now,
            overriding: ["iss": "https://evil.example"]
        )
        #expect(Self.status(try verify(issuer, signer: signer)) == 403)
        let good = try signer.token(appID: Self.appID, serviceURL: Self.serviceURL, now: Self.now)
        #expect(Self.status(try verify(good, signer: signer, serviceURL: "https://evil.example/")) == 403)
        #expect(Self.status(try verify(good, signer: signer, channel: "webchat")) == 403)
    }

    @Test func aTokenFromAnotherKeyOrTamperedIsUnauthenticated() throws {
        let signer = try TestSigner()
        let impostor = try TestSigner()  // same kid, different key
        let forged = try impostor.token(appID: Self.appID, serviceURL: Self.serviceURL, now: Self.now)
        #expect(Self.status(try verify(forged, signer: signer)) == 401)
        let good = try signer.token(appID: Self.appID, serviceURL: Self.serviceURL, now: Self.now)
        // The payload of a longer-lived token spliced into a genuine one: the signature no longer matches.
        let longer = try signer.token(
            appID: Self.appID,
            serviceURL: Self.serviceURL,
            now: Self.now,
            overriding: ["exp": Self.now + 86_400]
        )
        var parts = good.split(separator: ".").map(String.init)
        parts[1] = String(longer.split(separator: ".")[1])
        #expect(Self.status(try verify(parts.joined(separator: "."), signer: signer)) == 401)
        #expect(Self.status(BotFrameworkToken.parse(authorization: "Bearer not-a-jwt").map { _ in () }) == 401)
        #expect(Self.status(BotFrameworkToken.parse(authorization: nil).map { _ in () }) == 401)
    }

    static func status<T>(_ result: Result<T, RelayRefusal>) -> Int? {
        if case .failure(let refusal) = result { return refusal.status }
        return nil
    }
}
