internal import CCurl
import Foundation
import Synchronization

/// ``HTTPTransport`` over libcurl's easy interface.
///
/// Each transfer runs on a thread of its own (never on Swift's cooperative pool, which has one thread per core, nor on
/// Dispatch's global queues, which also stop at one thread per core and so would queue a second long-poll behind the
/// first) with an easy handle taken from a small pool, so connections are kept alive between requests. Cancelling the calling task
/// aborts the transfer through libcurl's progress callback. TLS peers are always verified, redirects are not
/// followed, and a response larger than ``Configuration/maxResponseBytes`` is cut off with an error.
public final class CurlTransport: HTTPTransport {
    /// Limits that apply to every request.
    public struct Configuration: Sendable {
        public var connectTimeout: Double
        public var maxResponseBytes: Int
        public var userAgent: String
        /// Idle handles kept for reuse (each keeps its connections alive).
        public var maxIdleHandles: Int

        public init(
            connectTimeout: Double = 10,
            maxResponseBytes: Int = 16 * 1024 * 1024,
            userAgent: String = "prevent-assist",
            maxIdleHandles: Int = 8
        ) {
            self.connectTimeout = connectTimeout
            self.maxResponseBytes = maxResponseBytes
            self.userAgent = userAgent
            self.maxIdleHandles = maxIdleHandles
        }
    }

    public let configuration: Configuration
    private let idle = Mutex<[EasyHandle]>([])

    public init(configuration: Configuration = Configuration()) {
        _ = CurlGlobal.initialised
        self.configuration = configuration
    }

    public func perform(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        if Task.isCancelled { throw .cancelled }
        let context = TransferContext(limit: configuration.maxResponseBytes)
        let result: Result<HTTPResponse, HTTPError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread { [self] in
                    continuation.resume(returning: run(request, context: context))
                }
                thread.name = "prevent-assist.curl"
                thread.start()
            }
        } onCancel: {
            context.cancel()
        }
        return try result.get()
    }

    /// Runs one transfer synchronously on the calling thread.
    private func run(_ request: HTTPRequest, context: TransferContext) -> Result<HTTPResponse, HTTPError> {
        let host = HTTPError.host(of: request.url)
        guard let handle = takeHandle() else { return .failure(.network("cannot create a curl handle", host: host)) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(headerList)
            returnHandle(handle)
        }
        let curl = handle.pointer
        curl_easy_reset(curl)
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            pa_curl_setopt_string(curl, CURLOPT_URL, request.url)
            pa_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
            pa_curl_setopt_long(curl, CURLOPT_FOLLOWLOCATION, 0)
            pa_curl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 1)
            pa_curl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 2)
            pa_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
            pa_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
            pa_curl_setopt_string(curl, CURLOPT_USERAGENT, configuration.userAgent)
            pa_curl_setopt_string(curl, CURLOPT_ACCEPT_ENCODING, "")
            pa_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            pa_curl_setopt_write_callback(curl, CURLOPT_WRITEFUNCTION, curlWriteBody)
            pa_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, contextPointer)
            pa_curl_setopt_write_callback(curl, CURLOPT_HEADERFUNCTION, curlWriteHeader)
            pa_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, contextPointer)
            pa_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
            pa_curl_setopt_xferinfo_callback(curl, curlProgress)
            pa_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, contextPointer)
            switch request.method {
            case .get: pa_curl_setopt_long(curl, CURLOPT_HTTPGET, 1)
            case .post: pa_curl_setopt_long(curl, CURLOPT_POST, 1)
            case .put, .delete: pa_curl_setopt_string(curl, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
            if let body = request.body ?? (request.method == .get ? nil : Data()) {
                pa_curl_setopt_offset(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                if body.isEmpty {
                    pa_curl_setopt_string(curl, CURLOPT_COPYPOSTFIELDS, "")
                } else {
                    // COPYPOSTFIELDS copies the bytes, so the Swift buffer may go away after this call.
                    _ = body.withUnsafeBytes { bytes in
                        pa_curl_setopt_pointer(
                            curl,
                            CURLOPT_COPYPOSTFIELDS,
                            UnsafeMutableRawPointer(mutating: bytes.baseAddress)
                        )
                    }
                }
            }
            for header in request.headers {
                headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
            }
            // An empty Expect stops curl waiting for "100 Continue" on larger bodies.
            headerList = curl_slist_append(headerList, "Expect:")
            pa_curl_setopt_slist(curl, CURLOPT_HTTPHEADER, headerList)
            return withExtendedLifetime(context) { curl_easy_perform(curl) }
        }
        switch code {
        case CURLE_OK:
            var status = 0
            pa_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
            return .success(HTTPResponse(status: status, headers: context.headers, body: context.body))
        case CURLE_ABORTED_BY_CALLBACK:
            return .failure(.cancelled)
        case CURLE_WRITE_ERROR where context.exceeded:
            return .failure(.responseTooLarge(limit: configuration.maxResponseBytes, host: host))
        case CURLE_OPERATION_TIMEDOUT:
            return .failure(.timedOut(host: host))
        default:
            let detail = String(cString: curl_easy_strerror(code))
            return .failure(.network("\(detail) (curl \(code.rawValue))", host: host))
        }
    }

    private func takeHandle() -> EasyHandle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return EasyHandle()
    }

    private func returnHandle(_ handle: EasyHandle) {
        let kept = idle.withLock { handles in
            guard handles.count < configuration.maxIdleHandles else { return false }
            handles.append(handle)
            return true
        }
        if !kept { handle.close() }
    }
}

extension CurlTransport {
    /// A timeout for libcurl in milliseconds, from seconds that may come from configuration: NaN, negative or
    /// absurd values cannot trap; at least 1 ms (0 would mean "no timeout"), at most a day.
    static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return seconds > 0 ? 86_400_000 : 1 }
        return Int((min(max(seconds, 0.001), 86_400) * 1_000).rounded())
    }
}

/// libcurl's process-wide initialisation, done exactly once (Swift runs a global's initialiser once, thread-safely).
enum CurlGlobal {
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

/// One easy handle. Used by one thread at a time: it lives in the transport's pool or with exactly one transfer.
final class EasyHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    private var closed = false

    init?() {
        guard let pointer = curl_easy_init() else { return nil }
        self.pointer = pointer
    }

    func close() {
        guard !closed else { return }
        closed = true
        curl_easy_cleanup(pointer)
    }

    deinit { close() }
}

/// What one transfer collects: body, headers, and whether it was cancelled or grew too large. Shared between the
/// transfer's thread and a cancelling task, so its mutable parts are locked or atomic.
final class TransferContext: Sendable {
    private let state = Mutex(State())
    private let cancelled = Atomic<Bool>(false)
    let limit: Int

    private struct State {
        var body = Data()
        var headers: [String: String] = [:]
        var exceeded = false
    }

    init(limit: Int) {
        self.limit = limit
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
    var body: Data { state.withLock { $0.body } }
    var headers: [String: String] { state.withLock { $0.headers } }
    var exceeded: Bool { state.withLock { $0.exceeded } }

    /// Appends body bytes; returns false (abort) past the limit.
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        state.withLock { state in
            guard state.body.count + bytes.count <= limit else {
                state.exceeded = true
                return false
            }
            state.body.append(contentsOf: bytes)
            return true
        }
    }

    /// Records one header line; a new status line (after a 100 Continue) starts the headers afresh.
    func header(_ line: String) {
        state.withLock { state in
            if line.hasPrefix("HTTP/") {
                state.headers = [:]
                return
            }
            guard let colon = line.firstIndex(of: ":") else { return }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            state.headers[name] = value
        }
    }
}

private let curlWriteBody: curl_write_callback = { data, size, count, userData in
    guard let data, let userData else { return 0 }
    let context = Unmanaged<TransferContext>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    return context.append(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private let curlWriteHeader: curl_write_callback = { data, size, count, userData in
    guard let data, let userData else { return 0 }
    let context = Unmanaged<TransferContext>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    context.header(line)
    return length
}

private let curlProgress: curl_xferinfo_callback = { userData, _, _, _, _ in
    guard let userData else { return 0 }
    return Unmanaged<TransferContext>.fromOpaque(userData).takeUnretainedValue().isCancelled ? 1 : 0
}
