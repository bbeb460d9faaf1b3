import Foundation

/// What the desk reads from one HTTP request, already parsed: every value is still untrusted.
public struct DeskRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var form: [String: String]
    public var cookies: [String: String]
    /// Whether the request reached the reverse proxy over TLS (`X-Forwarded-Proto: https`).
    public var viaTLS: Bool

    public init(
        method: String = "GET",
        path: String,
        query: [String: String] = [:],
        form: [String: String] = [:],
        cookies: [String: String] = [:],
        viaTLS: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.form = form
        self.cookies = cookies
        self.viaTLS = viaTLS
    }

    /// Parses a `Cookie` header: `a=1; b=2`.
    public static func cookies(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            if cookies[name] == nil { cookies[name] = pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return cookies
    }

    /// Parses an `application/x-www-form-urlencoded` body or query string; the first value of a name wins.
    public static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for part in text.split(separator: "&") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(pair[0])
            if fields[name] == nil { fields[name] = pair.count > 1 ? decode(pair[1]) : "" }
        }
        return fields
    }
}

/// What the desk answers: a status, a body, cookies to set and, for a redirect, where to (always a path of the desk's
/// own, never a value from the request).
public struct DeskResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: String
    public var setCookies: [String]
    public var location: String?
    public var fileName: String?

    public init(
        status: Int = 200,
        contentType: String = "text/html; charset=utf-8",
        body: String = "",
        setCookies: [String] = [],
        location: String? = nil,
        fileName: String? = nil
    ) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.setCookies = setCookies
        self.location = location
        self.fileName = fileName
    }

    /// A 303 to one of the desk's own paths.
    static func redirect(_ path: DeskPath, cookies: [String] = []) -> DeskResponse {
        DeskResponse(status: 303, setCookies: cookies, location: path.text)
    }
}

/// A path inside the desk, built only from constants and checked references, so no redirect can leave the desk.
struct DeskPath: Sendable, Hashable {
    let text: String

    static let signIn = DeskPath(text: "/signin")
    static let queue = DeskPath(text: "/queue")
    static let alerts = DeskPath(text: "/alerts")
    static let audit = DeskPath(text: "/audit")
    static let contentHealth = DeskPath(text: "/content")

    static func concern(_ reference: ConcernReference) -> DeskPath { DeskPath(text: "/concerns/\(reference.text)") }
}

/// A concern reference that has been checked: `PC-YYYY-NNNN` (four or more digits).
struct ConcernReference: Sendable, Hashable {
    let text: String

    init?(_ raw: String?) {
        guard let raw else { return nil }
        let upper = raw.uppercased()
        let parts = upper.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "PC", parts[1].count == 4, (4...6).contains(parts[2].count),
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[2].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        text = upper
    }
}

/// A snippet id that has been checked: `GP-` and four to six digits.
struct SnippetID: Sendable, Hashable {
    let text: String

    init?(_ raw: String?) {
        guard let raw else { return nil }
        let upper = raw.uppercased()
        guard upper.hasPrefix("GP-"), (4...6).contains(upper.count - 3),
            upper.dropFirst(3).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        text = upper
    }
}
