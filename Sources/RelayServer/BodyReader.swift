import Foundation
import Hummingbird

/// Collects a request body within a size limit and a deadline, so neither a huge body nor one sent a byte at a time
/// (slow loris) holds the relay's memory or a handler for long.
enum BodyReader {
    enum Outcome: Sendable {
        case body(Data)
        case tooLarge
        case tooSlow
    }

    static func collect(
        _ body: RequestBody,
        limit: Int,
        deadline: Duration,
        sleeper: any Clock<Duration>
    ) async -> Outcome {
        await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let buffer = try await body.collect(upTo: limit)
                    return .body(Data(buffer.readableBytesView))
                } catch is CancellationError {
                    return nil
                } catch {
                    return .tooLarge
                }
            }
            group.addTask {
                do {
                    try await sleeper.sleep(for: deadline)
                    return .tooSlow
                } catch {
                    return nil
                }
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let outcome = next { return outcome }
            }
            return .tooSlow
        }
    }
}
