/// What the assistant says when the runtime, not the dialogue, decides the answer: the store failed, a saved
/// conversation cannot be opened, a desk lookup failed, or someone comes back to an unfinished form.
public enum RuntimeNotice {
    /// Storing the outcome of a message failed: nothing changed.
    public static let storageFailure = Reply(
        kind: .notice,
        text: "Sorry — I couldn't save that just now, so nothing has changed. Please send it again in a moment. "
            + "If anyone is in danger, call 999."
    )

    /// The saved conversation cannot be opened (changed on disk, or another key): it is left as it was.
    public static let unreadableState = Reply(
        kind: .notice,
        text: "Sorry — I can't open what you were working on with me, so I've left it exactly as it was and "
            + "changed nothing. Please tell your safeguarding team directly about anything you were reporting. "
            + "If anyone is in danger, call 999."
    )

    /// A concern lookup failed; `problem` names no record content.
    public static func lookupFailed(_ problem: String) -> Reply {
        Reply(kind: .notice, text: "Sorry — I couldn't look that up: \(problem)")
    }

    /// A snippet request failed; `problem` names ids and states, never snippet text.
    public static func requestFailed(_ problem: String) -> Reply {
        Reply(kind: .notice, text: "Sorry — I couldn't do that: \(problem)")
    }

    /// Someone comes back to the unfinished form `title`; `prompt` is the question it waits on, rendered.
    public static func welcomeBack(to title: String, prompt: String) -> String {
        "Welcome back — you were part-way through \"\(title)\". Let's carry on:\n\n" + prompt
    }
}
