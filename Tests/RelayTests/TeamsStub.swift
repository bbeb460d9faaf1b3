import Foundation
import PreventAssistTesting
import Synchronization

/// Microsoft's side as a loopback stub, from the published contracts: the Entra token endpoint
/// (`POST /{tenant}/oauth2/v2.0/token`, client credentials, scope `https://api.botframework.com/.default`), the Bot
/// Framework's OpenID metadata and key set (signed by a ``TestSigner``), the Bot Connector
/// (`POST /teams/v3/conversations/{id}/activities`, `POST /teams/v3/conversations`) and a Workflows follow-up URL.
final class TeamsStub: Sendable {
    static let tenant = "tenant-uni"
    static let appID = "00000000-1111-2222-3333-444444444444"
    static let appPassword = "app-password-for-tests"
    static let accessToken = "entra-access-token-1"

    struct Activity: Sendable {
        let conversation: String
        let text: String
        let hasCard: Bool
    }

    struct Created: Sendable {
        let member: String
        let tenant: String?
        let bot: String?
    }

    private struct State {
        var activities: [Activity] = []
        var created: [Created] = []
        var followups: [String] = []
        var tokenRequests = 0
    }

    private final class Store: Sendable {
        let state = Mutex(State())
    }

    private let store = Store()
    let signer: TestSigner
    let server: LoopbackHTTPServer

    init() throws {
        let signer = try TestSigner()
        self.signer = signer
        let keySet = try signer.keySet()
        let base = Mutex("")
        let store = store
        let server = try LoopbackHTTPServer { request in
            Self.handle(request, store, keySet: keySet, base: base.withLock { $0 })
        }
        base.withLock { $0 = server.baseURL }
        self.server = server
    }

    var baseURL: String { server.baseURL }
    /// The `serviceUrl` activities carry: the stub's connector.
    var serviceURL: String { baseURL + "/teams/" }
    var metadataURL: String { baseURL + "/v1/.well-known/openidconfiguration" }
    var followupURL: String { baseURL + "/workflows/followup?sig=secret" }
    var activities: [Activity] { store.state.withLock { $0.activities } }
    var created: [Created] { store.state.withLock { $0.created } }
    var followups: [String] { store.state.withLock { $0.followups } }
    var tokenRequests: Int { store.state.withLock { $0.tokenRequests } }
    func stop() { server.stop() }

    private static func handle(
        _ request: LoopbackHTTPServer.Request,
        _ store: Store,
        keySet: Data,
        base: String
    ) -> LoopbackHTTPServer.Action {
        let path = request.path
        if path == "/\(tenant)/oauth2/v2.0/token" {
            let form = String(decoding: request.body, as: UTF8.self)
            guard form.contains("grant_type=client_credentials"), form.contains("client_id=\(appID)"),
                form.contains("client_secret=\(appPassword)"),
                form.contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default")
            else { return .json(401, #"{"error":"invalid_client"}"#) }
            store.state.withLock { $0.tokenRequests += 1 }
            return .json(200, #"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(accessToken)"}"#)
        }
        if path == "/v1/.well-known/openidconfiguration" {
            return .json(
                200,
                #"{"issuer":"https://api.botframework.com","jwks_uri":"\#(base)/v1/.well-known/keys","id_token_signing_alg_values_supported":["RS256"]}"#
            )
        }
        if path == "/v1/.well-known/keys" {
            return .respond(status: 200, headers: ["Content-Type": "application/json"], body: keySet)
        }
        if path.hasPrefix("/workflows/followup") {
            let object = request.json as? [String: Any]
            let card = ((object?["attachments"] as? [[String: Any]])?.first?["content"] as? [String: Any])
            let text = ((card?["body"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
            store.state.withLock { $0.followups.append(text) }
            return .respond(status: 202)
        }
        guard request.header("authorization") == "Bearer \(accessToken)" else {
            return .json(401, #"{"error":{"code":"Unauthorized"}}"#)
        }
        let object = request.json as? [String: Any] ?? [:]
        if path == "/teams/v3/conversations" {
            let member = ((object["members"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
            store.state.withLock {
                $0.created.append(
                    Created(
                        member: member,
                        tenant: object["tenantId"] as? String,
                        bot: (object["bot"] as? [String: Any])?["id"] as? String
                    )
                )
            }
            return .json(201, #"{"id":"a:1on1-\#(member)"}"#)
        }
        let prefix = "/teams/v3/conversations/"
        if path.hasPrefix(prefix), path.hasSuffix("/activities") {
            let encoded = path.dropFirst(prefix.count).dropLast("/activities".count)
            let conversation = String(encoded).removingPercentEncoding ?? String(encoded)
            return store.state.withLock { state in
                state.activities.append(
                    Activity(
                        conversation: conversation,
                        text: object["text"] as? String ?? "",
                        hasCard: object["attachments"] != nil
                    )
                )
                return .json(201, #"{"id":"activity-\#(state.activities.count)"}"#)
            }
        }
        return .json(404, #"{"error":{"code":"NotFound"}}"#)
    }

    /// A Bot Framework message activity from a person, as Teams sends it.
    func activity(
        id: String,
        text: String,
        conversation: String,
        type: String = "personal",
        from: String = "29:sam",
        aadObjectID: String = "aad-sam"
    ) -> Data {
        let object: [String: Any] = [
            "type": "message", "id": id, "timestamp": "2026-11-29T12:00:00.000Z", "channelId": "msteams",
            "serviceUrl": serviceURL, "text": text,
            "from": ["id": from, "name": "Sam Taylor", "aadObjectId": aadObjectID],
            "conversation": ["id": conversation, "conversationType": type, "tenantId": Self.tenant],
            "recipient": ["id": "28:\(Self.appID)", "name": "Prevent"],
            "channelData": ["tenant": ["id": Self.tenant]],
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}
