import Foundation
import Hummingbird
import HummingbirdTesting

/// A minimal browser over Hummingbird's testing client: keeps cookies, posts url-encoded forms, finds a page's CSRF
/// token.
final class DeskBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Every `Set-Cookie` value seen, for checking their attributes.
    var setCookies: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, method: .get, body: nil)
    }

    func post(_ uri: String, _ form: [String: String]) async throws -> TestResponse {
        try await send(uri, method: .post, body: Self.encode(form))
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; "
            )
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(
            uri: uri,
            method: method,
            headers: headers,
            body: body.map { ByteBuffer(bytes: Array($0.utf8)) }
        )
        for value in response.headers[values: .setCookie] {
            setCookies.append(value)
            let pair = value.split(separator: ";")[0].split(
                separator: "=",
                maxSplits: 1,
                omittingEmptySubsequences: false
            )
            let name = String(pair[0])
            if value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = String(pair[1]) }
        }
        return response
    }

    static func encode(_ form: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// The response's body as text.
    static func text(_ response: TestResponse) -> String {
        String(decoding: response.body.readableBytesView, as: UTF8.self)
    }

    /// The value of the first `name="csrf"` hidden field in `body`.
    static func csrf(_ response: TestResponse) -> String? {
        let body = text(response)
        guard let field = body.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = body[field.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Signs in through the pages: GET /signin for its token, then POST the form.
    func signIn(_ name: String, password: String, code: String) async throws -> TestResponse {
        let page = try await get("/signin")
        return try await post(
            "/signin",
            ["csrf": Self.csrf(page) ?? "", "name": name, "password": password, "code": code]
        )
    }
}
