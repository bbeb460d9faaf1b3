import CurlHTTP
import Foundation
import PreventAssistTesting
import Testing

/// Real HTTP over libcurl against a loopback server.
@Suite(.timeLimit(.minutes(1)))
struct CurlTransportTests {
    let transport = CurlTransport()

    @Test func getPostAndPutWithHeadersAndBodies() async throws {
        let server = try LoopbackHTTPServer { request in
            .respond(
                status: request.method == "GET" ? 200 : 201,
                headers: ["X-Method": request.method, "X-Auth": request.header("authorization") ?? ""],
                body: request.method == "GET" ? Data("hello".utf8) : request.body
            )
        }
        defer { server.stop() }
        let get = try await transport.perform(
            HTTPRequest(url: server.baseURL + "/a?x=1", headers: [("Authorization", "Bearer t")])
        )
        #expect(get.status == 200)
        #expect(String(decoding: get.body, as: UTF8.self) == "hello")
        #expect(get.header("x-method") == "GET")
        #expect(get.header("X-Auth") == "Bearer t")
        let body = Data(#"{"a":1}"#.utf8)
        let put = try await transport.perform(HTTPRequest(method: .put, url: server.baseURL + "/b", body: body))
        #expect(put.status == 201)
        #expect(put.body == body)
        #expect(put.header("x-method") == "PUT")
        let post = try await transport.perform(HTTPRequest(method: .post, url: server.baseURL + "/c", body: Data()))
        #expect(post.header("x-method") == "POST")
        #expect(server.requests.map(\.path) == ["/a?x=1", "/b", "/c"])
    }

    @Test func connectionsAreReused() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 200) }
        defer { server.stop() }
        for _ in 0..<5 { _ = try await transport.perform(HTTPRequest(url: server.baseURL + "/")) }
        #expect(server.connectionCount == 1)
    }

    @Test func oversizedResponseIsCutOffWithAnError() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 200, body: Data(count: 200_000)) }
        defer { server.stop() }
        let small = CurlTransport(configuration: .init(maxResponseBytes: 100_000))
        await #expect { _ = try await small.perform(HTTPRequest(url: server.baseURL + "/")) } throws: {
            ($0 as? HTTPError)?.isResponseTooLarge == true
        }
    }

    @Test func totalTimeoutIsEnforced() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 200, delay: 3) }
        defer { server.stop() }
        await #expect {
            _ = try await transport.perform(HTTPRequest(url: server.baseURL + "/", timeout: 0.3))
        } throws: {
            ($0 as? HTTPError)?.isTimeout == true
        }
    }

    @Test func cancellingTheTaskAbortsAHangingTransferPromptly() async throws {
        let server = try LoopbackHTTPServer { _ in .hang }
        defer { server.stop() }
        // The transfer's own timeout is longer than the suite's time limit, so only cancellation can end it in time.
        let task = Task { try await transport.perform(HTTPRequest(url: server.baseURL + "/sync", timeout: 600)) }
        let deadline = ContinuousClock.now + .seconds(40)
        while server.requests.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        await #expect { _ = try await task.value } throws: { ($0 as? HTTPError)?.isCancelled == true }
    }

    @Test func refusedConnectionIsTransientAndNeverShowsPathOrQuery() async throws {
        let server = try LoopbackHTTPServer { _ in .respond(status: 200) }
        let url = server.baseURL + "/bot123456:SECRET-TOKEN/getUpdates?token=SECRET"
        server.stop()
        await #expect { _ = try await transport.perform(HTTPRequest(url: url)) } throws: { error in
            guard let error = error as? HTTPError else { return false }
            return error.isTransient && !error.description.contains("SECRET") && error.description.contains("127.0.0.1")
        }
    }

    @Test func longPollsDoNotStarveTheCooperativePool() async throws {
        let server = try LoopbackHTTPServer { request in request.path == "/hang" ? .hang : .respond(status: 204) }
        defer { server.stop() }
        // More blocking transfers than the machine has cores, all in flight at once, and a quick request still goes.
        let polls = (0..<6).map { _ in
            Task { try? await transport.perform(HTTPRequest(url: server.baseURL + "/hang", timeout: 30)) }
        }
        let deadline = ContinuousClock.now + .seconds(40)
        while server.requests.count < 6, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.requests.count == 6)
        let quick = try await transport.perform(HTTPRequest(url: server.baseURL + "/quick", timeout: 5))
        #expect(quick.status == 204)
        for poll in polls { poll.cancel() }
    }
}
