import CurlHTTP

extension HTTPTransport {
    /// `perform(request)`, with a failure to get any response as the runtime's fault: cancelled (the service is
    /// stopping) is fatal, anything else (DNS, connection, timeout) transient, the message `context: error`.
    func perform(
        _ request: HTTPRequest,
        context: String
    ) async throws(PlatformError)
        -> HTTPResponse
    {
        do {
            return try await perform(request)
        } catch {
            throw PlatformError(error.isCancelled ? .fatal : .transient, "\(context): \(error)")
        }
    }
}
