public import AssistantCore
import Foundation
public import Platforms
import Synchronization

/// The terminal as a chat platform, so `prevent-assist chat` goes through the same ``PlatformRunner`` as every
/// chat service: one person, one direct conversation, one line per message, replies printed as they are sent.
///
/// Lines are kept for the session, so a batch the runtime retries (a storage fault) is read again, not lost; the
/// cursor is the session's id and the number of lines answered, so a cursor left by an earlier session means
/// "start of this one". Input ends at end of file or at `quit` / `exit`; the poll then says so (`isFinal`).
///
/// Each session is a platform of its own (`console-<session>`): its outbox, cursor and handled messages are its own,
/// so two terminals on one data directory never send each other's replies. The person's conversation (`console`
/// kind, their user name) is the same from session to session, so an unfinished form resumes.
public final class ConsolePlatform: ChatPlatform, Sendable {
    public let id: String
    public let kind = "console"
    /// The person at the terminal (`--user`): their identity is `console:<user>`.
    public let user: String
    private let session: String
    private let readLine: @Sendable () -> String?
    private let write: @Sendable (String) -> Void
    private let prompt: String?
    private let clock: @Sendable () -> Int64
    private let lines = Mutex<[String]>([])
    private let sentKeys = Mutex<Set<String>>([])

    /// - Parameters:
    ///   - readLine: the next line of input, or `nil` at its end (called on a thread of its own: it may block).
    ///   - write: prints a block of output.
    ///   - prompt: written before each read when the terminal is interactive.
    public init(
        user: String,
        readLine: @escaping @Sendable () -> String?,
        write: @escaping @Sendable (String) -> Void,
        prompt: String? = nil,
        clock: @escaping @Sendable () -> Int64 = ConsolePlatform.now
    ) {
        self.user = user
        let session = UUID().uuidString.prefix(8).lowercased()
        self.session = session
        self.id = "console-\(session)"
        self.readLine = readLine
        self.write = write
        self.prompt = prompt
        self.clock = clock
    }

    /// Unix seconds now.
    public static let now: @Sendable () -> Int64 = RuntimeClock.live.now

    public func start() async throws(PlatformError) -> [String] { [] }

    public func poll(after cursor: String?) async throws(PlatformError) -> PollBatch {
        var index = position(cursor)
        while true {
            let buffered = lines.withLock { index < $0.count ? $0[index] : nil }
            let line: String
            if let buffered {
                line = buffered
            } else {
                if let prompt { write(prompt) }
                guard let read = await Self.offPool(readLine) else {
                    return PollBatch(messages: [], cursor: cursorText(index), isFinal: true)
                }
                line = read
                lines.withLock { $0.append(read) }
            }
            let command = line.lowercased().trimmingCharacters(in: .whitespaces)
            if command == "quit" || command == "exit" {
                return PollBatch(messages: [], cursor: cursorText(index + 1), isFinal: true)
            }
            index += 1
            guard command.isEmpty else {
                return PollBatch(messages: [message(line, number: index)], cursor: cursorText(index))
            }
        }
    }

    /// Prints a notice that is not a reply (queued notices, the resumed form's prompt).
    public func show(_ reply: Reply) {
        // Nothing a message carried may reach the terminal as an escape sequence.
        write(ControlCharacters.visible(ConsoleRenderer.render(reply)) + "\n")
    }

    public func send(
        _ reply: Reply,
        to conversationID: String,
        replyingTo message: ReplyContext?,
        idempotencyKey: String
    ) async throws(PlatformError) {
        // A retried send prints nothing new: the key was printed already in this session.
        guard sentKeys.withLock({ $0.insert(idempotencyKey).inserted }) else { return }
        show(reply)
    }

    /// The console is one direct conversation with the person at it; nobody else can be reached here.
    public func openDirectConversation(with userID: String) async throws(PlatformError) -> String {
        guard userID == user else { throw PlatformError(.rejected, "the console reaches only \(user)") }
        return user
    }

    /// The message for line `number` of this session: replaying the line gives the same id.
    public func message(_ text: String, number: Int) -> InboundMessage {
        InboundMessage(
            platform: kind,
            conversationID: user,
            isDirect: true,
            senderID: user,
            senderName: user,
            text: text,
            messageID: "console-\(session)-\(number)",
            timestamp: clock()
        )
    }

    private func position(_ cursor: String?) -> Int {
        guard let cursor, cursor.hasPrefix(session + ":") else { return 0 }
        return Int(cursor.dropFirst(session.count + 1)) ?? 0
    }

    private func cursorText(_ index: Int) -> String { "\(session):\(index)" }

    /// Runs a blocking read on a thread of its own, never on Swift's cooperative pool.
    private static func offPool(_ read: @escaping @Sendable () -> String?) async -> String? {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: read()) }.start()
        }
    }
}
