import Foundation
import Synchronization

/// A task executor with threads of its own, for the servers and bots a test runs inside the test process.
///
/// In production the relay and the bot are processes of their own. Inside the test process they would share Swift's
/// cooperative pool (one thread per core) with hundreds of tests running at once, and their replies would wait behind
/// every test's queued work: on a loaded 2-core CI machine a relay answered a request only after 20 s and the
/// request timed out. Run under this executor (`Task(executorPreference: ServerExecutor.shared)`), a server and
/// the child tasks it starts answer as promptly as a process of their own would, whatever the other tests do.
public final class ServerExecutor: TaskExecutor, Sendable {
    /// The executor every in-process server and bot of a test process shares.
    public static let shared = ServerExecutor(threads: 2, name: "prevent-assist.test-server")

    private let jobs = Mutex<[UnownedJob]>([])
    private let waiting = DispatchSemaphore(value: 0)

    /// Starts `threads` threads that run the jobs enqueued here, oldest first, for the life of the process.
    public init(threads: Int, name: String) {
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in runJobs() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        waiting.signal()
    }

    private func runJobs() {
        while true {
            waiting.wait()
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
