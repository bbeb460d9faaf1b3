public import Foundation

/// An HTTP request: method, full URL, headers and body.
///
/// Deliberately plain: libcurl takes the URL whole, and platform adapters build URLs with query strings.
public struct HTTPRequest: Sendable, Hashable {
    /// The request method.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    public var method: Method
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// The whole transfer's limit in seconds; a long-poll needs more than its server-side timeout.
    public var timeout: Double

    public init(
        method: Method = .get,
        url: String,
        headers: [(name: String, value: String)] = [],
        body: Data? = nil,
        timeout: Double = 30
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body && lhs.timeout == rhs.timeout
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(url)
        hasher.combine(body)
    }
}

/// An HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable, Hashable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) },
            uniquingKeysWith: { _, last in last }
        )
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// `Retry-After` in seconds when it is a number, clamped by ``ServerDuration`` to 0…3600 (NaN is `nil`).
    public var retryAfterSeconds: Double? { ServerDuration.seconds(text: header("retry-after")) }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Why a request did not produce a response. Never contains the URL's path or query, headers or body, so tokens
/// in them cannot leak into logs.
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case network
        case timedOut
        case cancelled
        case responseTooLarge
        case invalidRequest
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func network(_ detail: String, host: String) -> Self {
        .init(.network, "network error talking to \(host): \(detail)")
    }
    static func timedOut(host: String) -> Self { .init(.timedOut, "request to \(host) timed out") }
    static let cancelled = Self(.cancelled, "request cancelled")
    static func responseTooLarge(limit: Int, host: String) -> Self {
        .init(.responseTooLarge, "response from \(host) exceeded \(limit) bytes")
    }
    static func invalidRequest(_ why: String) -> Self { .init(.invalidRequest, "invalid request: \(why)") }

    public var isTimeout: Bool { code == .timedOut }
    public var isCancelled: Bool { code == .cancelled }
    public var isResponseTooLarge: Bool { code == .responseTooLarge }
    /// Network trouble worth retrying with backoff (refused, reset, DNS, timeout).
    public var isTransient: Bool { code == .network || code == .timedOut }

    /// Only the scheme, host and port of `url`, for messages.
    static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "(invalid URL)" }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

/// Sends HTTP requests. One real implementation, ``CurlTransport``; tests of platforms that cannot run here use
/// it against loopback stubs.
///
/// Implementations must: never block Swift's cooperative thread pool; abort promptly when the calling task is
/// cancelled (throwing an error whose `isCancelled` is true); enforce the request's total timeout; keep tokens out of
/// errors.
public protocol HTTPTransport: Sendable {
    func perform(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse
}
