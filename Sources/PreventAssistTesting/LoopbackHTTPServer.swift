public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (a port the system picks) for tests: each request goes to a handler that
/// returns a scripted response, a delay, a dropped connection or malformed bytes. Keep-alive is supported, and the
/// server counts connections so tests can check reuse.
///
/// It stands in for platforms that cannot run here, replaying responses written from their published API contracts.
public final class LoopbackHTTPServer: Sendable {
    /// A request as the server received it.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        public let headers: [String: String]
        public let body: Data

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
        public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    /// What to do with a request.
    public enum Action: Sendable {
        case respond(status: Int, headers: [String: String] = [:], body: Data = Data(), delay: Double = 0)
        /// Close the connection without answering.
        case drop
        /// Hold the connection open without answering until the server stops.
        case hang
        /// Write these bytes as they are (a status line, headers, part of a body…), then close the connection.
        case raw(Data)
        /// Send the response slowly: the head, then the body in `chunks` pieces with `interval` seconds between them
        /// (a slow-loris server).
        case trickle(status: Int, headers: [String: String], body: Data, chunks: Int, interval: Double)

        public static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> Action {
            .respond(
                status: status,
                headers: headers.merging(["Content-Type": "application/json"]) { current, _ in current },
                body: Data(text.utf8)
            )
        }
    }

    /// Sees each request before the handler: returns the action to take, calling `next` for the handler's own
    /// (fault injection wraps any stub this way).
    public typealias Interceptor = @Sendable (_ request: Request, _ next: () -> Action) -> Action

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request) -> Action
    private let state = Mutex(State())

    private struct State {
        var connections = 0
        var requests: [Request] = []
        var stopped = false
        var listenerOpen = true
        var sockets: Set<Int32> = []
        var interceptor: Interceptor?
    }

    /// Starts listening.
    public init(handler: @escaping @Sendable (Request) -> Action) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 64) == 0 else {
            close(socketFD)
            throw POSIXError(.EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = Int(UInt16(bigEndian: actual.sin_port))
        listener = socketFD
        self.handler = handler
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Connections accepted so far.
    public var connectionCount: Int { state.withLock { $0.connections } }

    /// Requests received so far, in order.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// Puts `interceptor` in front of the handler (`nil` removes it).
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }

    /// Stops accepting and closes every connection (hanging requests then fail).
    public func stop() {
        // Descriptors are shut down and closed only under the lock, so a number is never touched after the system
        // has handed it to another socket (tests run in parallel, each with its own server).
        state.withLock { state in
            state.stopped = true
            if state.listenerOpen { shutdown(listener, Int32(SHUT_RDWR)) }
            for socket in state.sockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                closeListener()
                return
            }
            let stopped = state.withLock { state -> Bool in
                state.connections += 1
                state.sockets.insert(client)
                return state.stopped
            }
            if stopped {
                state.withLock { state in
                    state.sockets.remove(client)
                    close(client)
                }
                closeListener()
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func closeListener() {
        state.withLock { state in
            guard state.listenerOpen else { return }
            state.listenerOpen = false
            close(listener)
        }
    }

    private func serve(_ client: Int32) {
        defer {
            state.withLock { state in
                state.sockets.remove(client)
                close(client)
            }
        }
        var buffer = Data()
        while true {
            guard let request = readRequest(client, buffer: &buffer) else { return }
            state.withLock { $0.requests.append(request) }
            let interceptor = state.withLock { $0.interceptor }
            let action = interceptor.map { $0(request) { handler(request) } } ?? handler(request)
            switch action {
            case .drop:
                return
            case .raw(let bytes):
                _ = write(client, bytes)
                return
            case .trickle(let status, let headers, let body, let chunks, let interval):
                guard write(client, Self.head(status, headers, length: body.count)) else { return }
                let size = max(1, (body.count + max(chunks, 1) - 1) / max(chunks, 1))
                var offset = 0
                while offset < body.count {
                    usleep(useconds_t(min(max(interval, 0), 10) * 1_000_000))
                    let end = min(offset + size, body.count)
                    guard write(client, body.subdata(in: offset..<end)) else { return }
                    offset = end
                }
            case .hang:
                while !state.withLock({ $0.stopped }) { usleep(20_000) }
                return
            case .respond(let status, let headers, let body, let delay):
                if delay > 0 { usleep(useconds_t(min(delay, 60) * 1_000_000)) }
                guard write(client, Self.head(status, headers, length: body.count) + body) else { return }
            }
        }
    }

    /// A response's status line and headers, with `Content-Length: length`.
    public static func head(_ status: Int, _ headers: [String: String], length: Int) -> Data {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(length)\r\n\r\n"
        return Data(head.utf8)
    }

    private func readRequest(_ client: Int32, buffer: inout Data) -> Request? {
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard readMore(client, into: &buffer) else { return nil }
        }
        guard let end = buffer.range(of: separator) else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var rest = Data(buffer[end.upperBound...])
        while rest.count < length {
            guard readMore(client, into: &rest) else { return nil }
        }
        buffer = Data(rest.dropFirst(length))
        return Request(
            method: requestLine.first.map(String.init) ?? "",
            path: requestLine.count > 1 ? String(requestLine[1]) : "",
            headers: headers,
            body: Data(rest.prefix(length))
        )
    }

    private func readMore(_ client: Int32, into buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(client, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func write(_ client: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = send(
                    client,
                    bytes.baseAddress?.advanced(by: offset),
                    bytes.count - offset,
                    Int32(MSG_NOSIGNAL)
                )
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }
}
