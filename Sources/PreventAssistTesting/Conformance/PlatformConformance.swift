import AssistantCore
import Platforms

/// The behaviour every ``ChatPlatform`` must share, checked against a ``PlatformConformanceHarness``. Each check
/// throws a ``ConformanceFailure`` that says what the adapter did; test targets run every check for every harness:
///
/// ```swift
/// @Test(arguments: PlatformConformance.Check.allCases)
/// func conforms(_ check: PlatformConformance.Check) async throws {
///     try await PlatformConformance.run(check, on: TelegramStubHarness())
/// }
/// ```
public enum PlatformConformance {
    /// One shared behaviour.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        /// The bot's own messages never come back from a poll.
        case ownMessagesIgnored
        /// History before the first poll is not answered; later messages arrive in order.
        case coldStartSkipsHistory
        /// Polling again from a cursor that was not committed returns the same messages (nothing is lost when the
        /// runtime crashes before committing), and polling from the new cursor does not return them again.
        case uncommittedCursorReplays
        /// Sending twice with one idempotency key shows one message.
        case retriedSendIsIdempotent
        /// Direct conversations are told apart from group ones.
        case directConversationsDetected
        /// A reply longer than the platform's limit arrives whole, split into several messages.
        case longReplySplit
        /// Characters that mean something in the platform's markup arrive as typed.
        case markupEscaped
        /// What a person typed, quoted in a reply through ``MarkdownLiteral/escaped(_:)``, arrives as typed beside the
        /// reply's own markup: a link, bold or code in it never becomes markup.
        case quotedTextStaysLiteral

        public var description: String { rawValue }
    }

    /// Runs one check against a fresh adapter from `harness`.
    public static func run(_ check: Check, on harness: some PlatformConformanceHarness) async throws {
        let platform = try await harness.makePlatform()
        _ = try await platform.start()
        switch check {
        case .ownMessagesIgnored: try await ownMessagesIgnored(platform, harness)
        case .coldStartSkipsHistory: try await coldStartSkipsHistory(platform, harness)
        case .uncommittedCursorReplays: try await uncommittedCursorReplays(platform, harness)
        case .retriedSendIsIdempotent: try await retriedSendIsIdempotent(platform, harness)
        case .directConversationsDetected: try await directConversationsDetected(platform, harness)
        case .longReplySplit: try await longReplySplit(platform, harness)
        case .markupEscaped: try await markupEscaped(platform, harness)
        case .quotedTextStaysLiteral: try await quotedTextStaysLiteral(platform, harness)
        }
    }

    // MARK: - Checks

    private static func ownMessagesIgnored(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    )
        async throws
    {
        let start = try await position(platform)
        try await harness.postAsBot("I am the bot", in: harness.groupConversation)
        try await harness.postAsPerson("what is channel", in: harness.groupConversation)
        let texts = try await collect(platform, after: start, count: 1).messages.map(\.text)
        try expect(
            texts == ["what is channel"],
            "own message came back or person's was lost: \(texts)",
            .ownMessagesIgnored
        )
    }

    private static func coldStartSkipsHistory(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    )
        async throws
    {
        try await harness.postAsPerson("old question", in: harness.groupConversation)
        let start = try await position(platform)
        try await harness.postAsPerson("first", in: harness.groupConversation)
        try await harness.postAsPerson("second", in: harness.groupConversation)
        let texts = try await collect(platform, after: start, count: 2).messages.map(\.text)
        try expect(texts == ["first", "second"], "expected [first, second], got \(texts)", .coldStartSkipsHistory)
    }

    private static func uncommittedCursorReplays(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    ) async throws {
        let start = try await position(platform)
        try await harness.postAsPerson("replay me", in: harness.groupConversation)
        let first = try await collect(platform, after: start, count: 1)
        // A restarted bot: a new adapter instance polling again from the cursor the runtime last committed.
        let restarted = try await harness.makePlatform()
        _ = try await restarted.start()
        let again = try await collect(restarted, after: start, count: 1)
        try expect(
            again.messages.map(\.messageID) == first.messages.map(\.messageID),
            "replay from the committed cursor lost or changed messages",
            .uncommittedCursorReplays
        )
        let after = try await restarted.poll(after: again.cursor)
        try expect(
            after.messages.isEmpty,
            "polling from the new cursor returned \(after.messages.count) old message(s) again",
            .uncommittedCursorReplays
        )
    }

    private static func retriedSendIsIdempotent(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    ) async throws {
        let conversation = harness.groupConversation
        let before = try await harness.visibleBotMessages(in: conversation).count
        let reply = Reply(kind: .answer, text: "Channel is a voluntary programme.")
        try await platform.send(reply, to: conversation, replyingTo: nil, idempotencyKey: "conformance-retry-1")
        try await platform.send(reply, to: conversation, replyingTo: nil, idempotencyKey: "conformance-retry-1")
        let sent = try await harness.visibleBotMessages(in: conversation).dropFirst(before)
        try expect(sent.count == 1, "one idempotency key produced \(sent.count) messages", .retriedSendIsIdempotent)
    }

    private static func directConversationsDetected(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    ) async throws {
        let start = try await position(platform)
        try await harness.postAsPerson("in the group", in: harness.groupConversation)
        try await harness.postAsPerson("in private", in: harness.directConversation)
        let messages = try await collect(platform, after: start, count: 2).messages
        let flags = Dictionary(messages.map { ($0.text, $0.isDirect) }, uniquingKeysWith: { first, _ in first })
        try expect(
            flags["in the group"] == false && flags["in private"] == true,
            "isDirect wrong: \(flags)",
            .directConversationsDetected
        )
    }

    private static func longReplySplit(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    )
        async throws
    {
        let paragraph = "Staff should share a concern with the safeguarding team the same day. "
        let repeats = harness.messageLimit * 5 / 2 / paragraph.count + 1
        let text = String(repeating: paragraph, count: repeats).trimmingSpaces()
        let sent = try await seen(sending: text, key: "conformance-long-1", platform, harness)
        try expect(
            sent.count >= 3,
            "a \(text.count)-character reply arrived as \(sent.count) message(s)",
            .longReplySplit
        )
        try expect(
            sent.allSatisfy { $0.count <= harness.messageLimit },
            "a part is over the \(harness.messageLimit)-character limit",
            .longReplySplit
        )
        try expect(
            squeezed(sent.joined(separator: " ")) == squeezed(text),
            "the parts do not add up to the reply",
            .longReplySplit
        )
    }

    private static func markupEscaped(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    )
        async throws
    {
        let text =
            #"Use a < b & c > d, "quotes", 'apostrophes', 100% care, (brackets) [square] {curly} #hash ~tilde | pipe = equals + plus - minus ! bang. \ backslash"#
        let sent = try await seen(sending: text, key: "conformance-markup-1", platform, harness)
        try expect(sent == [text], "people would see \(sent), not the text sent", .markupEscaped)
    }

    private static func quotedTextStaysLiteral(
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    )
        async throws
    {
        let typed = #"[click here](https://phish.example/login) **urgent** `code` \* kept \ done"#
        let reply = "**You wrote:** " + MarkdownLiteral.escaped(typed)
        let sent = try await seen(sending: reply, key: "conformance-quoted-1", platform, harness)
        try expect(
            sent == ["You wrote: " + typed],
            "people would see \(sent), not what the person typed",
            .quotedTextStaysLiteral
        )
    }

    // MARK: - Helpers

    /// Sends `text` as an answer in the direct conversation; what the person there sees of it, message by message.
    private static func seen(
        sending text: String,
        key: String,
        _ platform: any ChatPlatform,
        _ harness: some PlatformConformanceHarness
    ) async throws -> [String] {
        let conversation = harness.directConversation
        let before = try await harness.visibleBotMessages(in: conversation).count
        try await platform.send(
            Reply(kind: .answer, text: text),
            to: conversation,
            replyingTo: nil,
            idempotencyKey: key
        )
        return Array(try await harness.visibleBotMessages(in: conversation).dropFirst(before))
    }

    /// The cursor of a cold start: the platform's current position.
    private static func position(_ platform: any ChatPlatform) async throws -> String {
        try await platform.poll(after: nil).cursor
    }

    /// Polls until `count` messages have arrived (at most 20 polls), returning them with the last cursor.
    private static func collect(
        _ platform: any ChatPlatform,
        after cursor: String,
        count: Int
    ) async throws
        -> PollBatch
    {
        var messages: [InboundMessage] = []
        var cursor = cursor
        for _ in 0..<20 where messages.count < count {
            let batch = try await platform.poll(after: cursor)
            messages += batch.messages
            cursor = batch.cursor
        }
        return PollBatch(messages: messages, cursor: cursor)
    }

    private static func expect(_ condition: Bool, _ detail: @autoclosure () -> String, _ check: Check) throws {
        guard condition else { throw ConformanceFailure(check: check, detail: detail()) }
    }

    private static func squeezed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
}

/// A conformance check that failed, and what the adapter did instead.
public struct ConformanceFailure: Error, CustomStringConvertible {
    public let check: PlatformConformance.Check
    public let detail: String
    public var description: String { "\(check): \(detail)" }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
