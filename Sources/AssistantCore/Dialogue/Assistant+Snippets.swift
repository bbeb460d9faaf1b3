import TextNormalization

extension Assistant {
    /// The outcome of a message about good-practice snippets, if it is one: a typed snippet command, a follow-up
    /// to shown cards ("more 2", "useful"), or the answer to "what would you like good practice on?".
    func snippetOutcome(_ text: String, message: InboundMessage, state: ConversationState) -> Outcome? {
        if state.awaitingSnippetQuery == true {
            let normalized = TextNormalizer().normalize(text)
            if ["cancel", "never mind", "nevermind", "stop", "nothing", "no thanks"].contains(normalized) {
                let reply = Reply(kind: .notice, text: "OK. Ask me any time for good practice on a topic.")
                return Outcome(replies: [reply], state: .initial, trace: Self.snippetTrace)
            }
            if let number = Int(normalized), SnippetTag.allCases.indices.contains(number - 1) {
                return searchSnippets("", tag: SnippetTag.allCases[number - 1], message: message, confidence: 1)
            }
            if let tag = SnippetTag(naming: text) {
                return searchSnippets(text, tag: tag, message: message, confidence: 1)
            }
            return searchSnippets(text, tag: nil, message: message, confidence: 1)
        }
        if SnippetCommand.sharePhrases.contains(TextNormalizer().normalize(text)),
            let form = knowledge.forms.values.first(where: { $0.purpose == .snippet })
        {
            return startForm(form, message: message)
        }
        guard let request = SnippetCommand.parse(text, requester: message.senderIdentity, state: state) else {
            return nil
        }
        var next = ConversationState()
        switch request {
        case .search(let query, let tag, _):
            return searchSnippets(query, tag: tag, message: message, confidence: 1)
        case .show(let id, _):
            next.snippetCards = state.snippetCards
            next.snippetShown = id
        case .feedback:
            next.snippetCards = state.snippetCards
        case .listPending, .approve, .reject:
            break
        }
        return Outcome(replies: [], state: next, trace: Self.snippetTrace, effects: [.snippetRequest(request)])
    }

    /// Searches the snippets for `query` (and `tag`), or asks what to search for when the query names no topic.
    /// The runtime runs the search and shows the results as numbered cards.
    func searchSnippets(_ query: String, tag: SnippetTag?, message: InboundMessage, confidence: Double) -> Outcome {
        let trace = Outcome.Trace(
            intent: "find_practice",
            confidence: confidence,
            article: nil,
            alternatives: [],
            followUps: []
        )
        if tag == nil, SearchAnalyzer().queryTerms(query).isEmpty {
            var text = "What would you like good practice on? Type a few words (for example \"visiting speakers\" "
            text += "or \"staff briefings\"), or pick a theme:"
            for (index, tag) in SnippetTag.allCases.enumerated() { text += "\n\(index + 1). \(tag.label)" }
            return Outcome(
                replies: [Reply(kind: .conversation, text: text)],
                state: ConversationState(awaitingSnippetQuery: true),
                trace: trace
            )
        }
        return Outcome(
            replies: [],
            state: .initial,
            trace: trace,
            effects: [.snippetRequest(.search(query: query, tag: tag, requester: message.senderIdentity))]
        )
    }

    static let snippetTrace = Outcome.Trace(
        intent: "snippet_command",
        confidence: 1,
        article: nil,
        alternatives: [],
        followUps: []
    )
}
