import Foundation
import GRDB
import Synchronization

/// The relay queue's single writer: webhooks that arrive while a commit is running are committed together in the
/// next transaction (group commit), on a dispatch queue of its own so no concurrency thread waits for the disk. Each
/// caller resumes only after the transaction holding its webhook has committed, so nothing acknowledged to a sender
/// can be lost; if a batch fails, its webhooks are retried one transaction each, so one bad row fails only itself.
final class QueueBatchWriter: Sendable {
    /// One webhook to queue.
    struct Item: Sendable {
        let source: String
        let payload: Data
        let deliveryKey: String?
        let receivedAt: Int64
    }

    private struct Job: Sendable {
        let item: Item
        let continuation: CheckedContinuation<Int64?, any Error>
    }

    private struct State {
        var jobs: [Job] = []
        var draining = false
    }

    /// The most webhooks one transaction commits.
    static let maximumBatch = 1_000

    private let database: any DatabaseWriter
    private let state = Mutex(State())
    private let dispatch = DispatchQueue(label: "prevent-assist.relay.queue-writer")

    init(database: any DatabaseWriter) { self.database = database }

    /// Queues `item` with the next batch; returns its sequence once committed, or `nil` for a redelivery.
    func write(_ item: Item) async throws -> Int64? {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state -> Bool in
                state.jobs.append(Job(item: item, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if start { dispatch.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let jobs = state.withLock { state -> [Job] in
                let taken = Array(state.jobs.prefix(Self.maximumBatch))
                state.jobs.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !jobs.isEmpty else { return }
            commit(jobs)
        }
    }

    private func commit(_ jobs: [Job]) {
        do {
            let sequences = try database.write { db in try jobs.map { try RelayQueue.insert($0.item, in: db) } }
            for (job, sequence) in zip(jobs, sequences) { job.continuation.resume(returning: sequence) }
        } catch {
            for job in jobs {
                do {
                    let sequence = try database.write { db in try RelayQueue.insert(job.item, in: db) }
                    job.continuation.resume(returning: sequence)
                } catch {
                    job.continuation.resume(throwing: error)
                }
            }
        }
    }
}
