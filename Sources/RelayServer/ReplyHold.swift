import Synchronization

/// Teams outgoing webhooks are answered in the HTTP response, within 5 s. The relay holds the request open while
/// the bot, which polled the event, answers with `POST /v1/replies/{seq}`. Whichever comes first under the lock wins:
/// the bot's answer (``deliver(_:to:)`` returns `.delivered` and the webhook response carries it) or the timeout
/// (the webhook answers the holding text and a later ``deliver(_:to:)`` returns `.tooLate`, so the bot posts through
/// its follow-up route instead). Either way each event gets at most one answer in its webhook response.
final class ReplyHold: Sendable {
    enum Delivery: Sendable, Hashable {
        case delivered
        case tooLate
    }

    private struct State {
        var waiting: [Int64: CheckedContinuation<String?, Never>] = [:]
        /// Answers that arrived before the hold began waiting.
        var early: [Int64: String] = [:]
        /// Events whose webhook response has gone (answered or timed out), newest last; bounded.
        var closed: Set<Int64> = []
    }

    private let state = Mutex(State())
    /// What a hold's timeout is measured on (the live `ContinuousClock` outside tests).
    private let sleeper: any Clock<Duration>

    init(sleeper: any Clock<Duration>) { self.sleeper = sleeper }

    /// Waits up to `timeout` for the bot's answer to event `sequence`; `nil` when it did not come in time.
    func hold(_ sequence: Int64, timeout: Duration) async -> String? {
        enum Outcome: Sendable {
            case answer(String?)
            case timer
        }
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask { .answer(await self.waitForAnswer(sequence)) }
            group.addTask { [sleeper] in
                try? await sleeper.sleep(for: timeout)
                self.timeOut(sequence)
                return .timer
            }
            var answer: String?
            for await outcome in group {
                if case .answer(let text) = outcome {
                    answer = text
                    group.cancelAll()
                }
            }
            return answer
        }
    }

    /// Hands the bot's answer to the held webhook request, if it is still held (or not yet holding).
    func deliver(_ text: String, to sequence: Int64) -> Delivery {
        let outcome = state.withLock { state -> (Delivery, CheckedContinuation<String?, Never>?) in
            if state.closed.contains(sequence) { return (.tooLate, nil) }
            if let waiter = state.waiting.removeValue(forKey: sequence) {
                Self.close(sequence, in: &state)
                return (.delivered, waiter)
            }
            state.early[sequence] = text
            return (.delivered, nil)
        }
        outcome.1?.resume(returning: text)
        return outcome.0
    }

    private func waitForAnswer(_ sequence: Int64) async -> String? {
        await withCheckedContinuation { continuation in
            let immediate = state.withLock { state -> String?? in
                if let text = state.early.removeValue(forKey: sequence) {
                    Self.close(sequence, in: &state)
                    return .some(text)
                }
                if state.closed.contains(sequence) { return .some(nil) }
                state.waiting[sequence] = continuation
                return .none
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private func timeOut(_ sequence: Int64) {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            guard !state.closed.contains(sequence) else { return nil }
            Self.close(sequence, in: &state)
            state.early.removeValue(forKey: sequence)
            return state.waiting.removeValue(forKey: sequence)
        }
        waiter?.resume(returning: nil)
    }

    private static func close(_ sequence: Int64, in state: inout State) {
        state.closed.insert(sequence)
        if state.closed.count > 10_000, let oldest = state.closed.min() { state.closed.remove(oldest) }
    }
}
