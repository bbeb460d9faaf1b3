import Foundation
import PreventAssistTesting
import RelayServer
import Testing

/// Both commit designs keep the queue's promises under concurrent webhooks: every acknowledged webhook is stored
/// once with its own rising sequence, redeliveries (same key) are recognised even inside one batch.
struct RelayQueueDesignTests {
    @Test(arguments: RelayQueue.CommitDesign.allCases)
    func concurrentWebhooksAreEachStoredOnceAndRedeliveriesRecognised(_ design: RelayQueue.CommitDesign) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let queue = try RelayQueue(directory: directory.url.appendingPathComponent("relay"), design: design)
        // 300 webhooks at once, every third a redelivery of the one before it.
        let sequences = try await withThrowingTaskGroup(of: Int64?.self) { group in
            for index in 0..<300 {
                let key = "Ev\(index - (index % 3 == 2 ? 1 : 0))"
                group.addTask {
                    try await queue.enqueue(
                        source: "slack",
                        payload: Data(#"{"n":\#(index)}"#.utf8),
                        deliveryKey: key,
                        at: 1_795_944_000
                    )
                }
            }
            var all: [Int64?] = []
            for try await sequence in group { all.append(sequence) }
            return all
        }
        let stored = sequences.compactMap { $0 }
        #expect(stored.count == 200)
        #expect(Set(stored).count == 200)
        #expect(try queue.count() == 200)
        let events = try queue.events(after: 0, sources: ["slack"], limit: 1_000)
        #expect(events.map(\.sequence) == stored.sorted())
    }
}
