import TextNormalization

/// The assistant's brain: turns one inbound message and the conversation's state into an ``Outcome``.
///
/// Pure: no I/O, no clock, no randomness, so the same input always gives the same output and tests run fast.
/// Order of work for every message:
/// 1. the safety screen (immediate danger always gets the emergency answer first);
/// 2. a pick from choices offered in the last reply ("1", "2", or the topic's title);
/// 3. the matcher, whose decision leads to an answer, a clarifying question, or an honest fallback.
/// With learning on (``LearningPolicy``), the outcome then carries what to keep of a question it could not answer well.
public struct Assistant: Sendable {
    public let knowledge: KnowledgeBase
    public let matcher: any IntentMatcher
    public let composer: AnswerComposer
    public let screen: SafetyScreen
    /// Whether a danger answer given outside a form raises an urgent alert to the team (platform, time and the
    /// reporter's identity for leads; never the message). On by default.
    public let alertsOnDanger: Bool
    /// Whether and how questions it could not answer are kept for review; `nil` keeps nothing.
    public let learning: LearningPolicy?
    /// Messages longer than this get a polite "too long" reply (after the safety screen has read them).
    public static let maxMessageCharacters = 4_000
    /// How many closest topics the fallback offers.
    static let closestTopicCount = 3
    /// Below this score a topic is not worth offering as "closest".
    static let closestTopicFloor = 0.05

    public init(
        knowledge: KnowledgeBase,
        matcher: any IntentMatcher,
        institution: InstitutionProfile,
        alertsOnDanger: Bool = true,
        learning: LearningSettings? = nil
    ) {
        self.knowledge = knowledge
        self.alertsOnDanger = alertsOnDanger
        self.learning = learning.flatMap { $0.enabled ? LearningPolicy() : nil }
        self.matcher = matcher
        self.composer = AnswerComposer(knowledge: knowledge, institution: institution, learning: learning)
        self.screen = SafetyScreen(rules: knowledge.safetyRules)
    }

    /// Decides how to answer `message`.
    /// - Parameter detail: how much of an article an answer shows (chat: short, with "more" for the rest).
    public func handle(
        _ message: InboundMessage,
        state: ConversationState,
        detail: AnswerComposer.Detail = .short
    ) -> Outcome {
        let outcome = decide(message, state: state, detail: detail)
        return learning?.annotate(outcome, message: message, before: state) ?? outcome
    }

    private func decide(
        _ message: InboundMessage,
        state: ConversationState,
        detail: AnswerComposer.Detail
    ) -> Outcome {
        let text = message.text
        if let session = state.form, let form = knowledge.forms[session.formID] {
            return continueForm(form, session: session, message: message, state: state)
        }
        let finding = screen.assess(text)
        if let finding, finding.urgency == .now {
            return emergency(rule: finding.ruleID, message: message)
        }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            let reply = Reply(kind: .notice, text: "I didn't catch a question there. What would you like to know?")
            return Outcome(replies: [reply], state: state, trace: outOfScopeTrace([]))
        }
        if text.count > Self.maxMessageCharacters {
            let reply = Reply(
                kind: .notice,
                text: """
                    That message is too long for me to read well (over \(Self.maxMessageCharacters) characters). \
                    Please ask your question in a sentence or two. If anyone is in immediate danger, call 999.
                    """
            )
            return Outcome(replies: [reply], state: ConversationState.initial, trace: outOfScopeTrace([]))
        }
        if let query = ConcernCommand.parse(String(trimmed), requester: message.senderIdentity) {
            return Outcome(
                replies: [],
                state: .initial,
                trace: .concernQuery,
                effects: [.concernQuery(query)]
            )
        }
        if let outcome = snippetOutcome(String(trimmed), message: message, state: state) {
            return outcome
        }
        if let outcome = unhelpfulFeedback(String(trimmed), state: state) {
            return outcome
        }
        if let articleID = state.expandableArticle, Self.asksForMore(String(trimmed)),
            let article = knowledge.article(articleID)
        {
            let reply = Reply(kind: .answer, text: composer.render(article: article, detail: .rest))
            let trace = Outcome.Trace(
                intent: knowledge.intents.first { $0.articleID == articleID }?.id ?? articleID,
                confidence: 1,
                article: articleID,
                alternatives: [],
                followUps: []
            )
            return Outcome(
                replies: [reply],
                state: ConversationState(offeredChoices: state.offeredChoices),
                trace: trace
            )
        }
        if let picked = pick(from: state.offeredChoices, text: String(trimmed)) {
            return answer(picked, confidence: 1, alternatives: [], message: message, detail: detail)
        }
        let classification = trusted(matcher.classify(text), text: text, reported: finding != nil)
        if let finding {
            return withDangerLine(
                handleClassified(classification, message: message, state: state, detail: detail),
                rule: finding.ruleID
            )
        }
        return handleClassified(classification, message: message, state: state, detail: detail)
    }

    private func handleClassified(
        _ classification: Classification,
        message: InboundMessage,
        state: ConversationState,
        detail: AnswerComposer.Detail
    ) -> Outcome {
        switch classification.decision {
        case .matched(let id):
            return answer(
                id,
                confidence: classification.confidence,
                alternatives: Array(classification.ranked.filter { $0.id != id }.prefix(3)),
                message: message,
                detail: detail
            )
        case .ambiguous(let first, let second):
            let trace = Outcome.Trace(
                intent: first,
                confidence: classification.confidence,
                article: nil,
                alternatives: Array(classification.ranked.prefix(4)),
                followUps: [],
                clarified: true
            )
            return Outcome(
                replies: [composer.clarification(first, second)],
                state: ConversationState(offeredChoices: [first, second]),
                trace: trace
            )
        case .outOfScope:
            // An IT, estates or HR matter is referred to who can help, without Prevent topics to pick from.
            let closest =
                OffTopicReferral.forQuestion(message.text) != nil
                ? []
                : classification.ranked
                    .filter { isTopic($0.id) && $0.score >= Self.closestTopicFloor }
                    .prefix(Self.closestTopicCount)
                    .map(\.id)
            return Outcome(
                replies: [composer.fallback(closest: closest, question: message.text)],
                state: ConversationState(offeredChoices: closest),
                trace: outOfScopeTrace(Array(classification.ranked.prefix(3)), confidence: classification.confidence)
            )
        }
    }

    /// The answer for a known intent id. Chat answers are ``AnswerComposer/Detail/short`` (what to do now, with
    /// "more" for the reasons and sources); `ask` asks for ``AnswerComposer/Detail/full``.
    public func answer(
        _ id: String,
        confidence: Double,
        alternatives: [ScoredIntent],
        message: InboundMessage,
        detail: AnswerComposer.Detail = .short
    ) -> Outcome {
        guard let intent = knowledge.intent(id) else {
            return Outcome(
                replies: [composer.fallback(closest: [])],
                state: .initial,
                trace: outOfScopeTrace(alternatives)
            )
        }
        if intent.id == Intent.immediateDangerID { return emergency(rule: nil, message: message) }
        if case .startForm(let formID) = intent.action, let form = knowledge.forms[formID] {
            return startForm(form, message: message)
        }
        if intent.action == .searchSnippets {
            return searchSnippets(message.text, tag: nil, message: message, confidence: confidence)
        }
        let followUps = intent.followUps.filter { knowledge.intent($0) != nil }
        var text: String
        var kind = Reply.Kind.answer
        var expandable: String?
        switch intent.answer {
        case .article(let articleID):
            guard let article = knowledge.article(articleID) else {
                return Outcome(replies: [composer.fallback(closest: [])], state: .initial, trace: outOfScopeTrace([]))
            }
            text = composer.render(article: article, detail: detail)
            if detail == .short, composer.hasMore(article) { expandable = article.id }
        case .dialogue(let dialogueKind):
            text = composer.dialogue(dialogueKind, senderName: message.senderName)
            kind = .conversation
        case .none:
            return Outcome(replies: [composer.fallback(closest: [])], state: .initial, trace: outOfScopeTrace([]))
        }
        if !followUps.isEmpty { text += "\n\n" + composer.followUpNote(followUps) }
        let trace = Outcome.Trace(
            intent: intent.id,
            confidence: confidence,
            article: intent.articleID,
            alternatives: alternatives,
            followUps: followUps
        )
        var effects: [Effect] = []
        if intent.action == .lookUpOwnConcerns {
            effects.append(.concernQuery(.ownStatus(requester: message.senderIdentity)))
        }
        return Outcome(
            replies: [Reply(kind: kind, text: text, suggestions: composer.suggestions(followUps))],
            state: ConversationState(offeredChoices: followUps, expandableArticle: expandable),
            trace: trace,
            effects: effects
        )
    }

    func emergency(rule: String?, message: InboundMessage) -> Outcome {
        let trace = Outcome.Trace(
            intent: Intent.immediateDangerID,
            confidence: 1,
            article: knowledge.article(knowledge.safetyRules.articleID)?.id,
            alternatives: [],
            followUps: [],
            safetyRule: rule
        )
        var effects: [Effect] = []
        if alertsOnDanger {
            effects.append(
                .urgentAlert(
                    UrgentAlert(
                        reason: .dangerAnswerOutsideForm,
                        reporter: message.senderIdentity,
                        platform: message.platform
                    )
                )
            )
        }
        return Outcome(replies: [composer.emergency()], state: .initial, trace: trace, effects: effects)
    }

    private func outOfScopeTrace(_ alternatives: [ScoredIntent], confidence: Double = 1) -> Outcome.Trace {
        Outcome.Trace(
            intent: Intent.outOfScopeID,
            confidence: confidence,
            article: nil,
            alternatives: alternatives,
            followUps: []
        )
    }

    /// Whether a short message asks for the rest of the last answer ("more", "why?", "tell me more").
    static func asksForMore(_ text: String) -> Bool {
        let phrases: Set<String> = [
            "more", "why", "tell me more", "more please", "more info", "more detail", "more details", "why is that",
            "sources", "read more", "go on", "explain", "expand",
        ]
        return phrases.contains(TextNormalizer().normalize(text))
    }

    /// Topics worth offering as "closest": intents with an article (not greetings or thanks).
    private func isTopic(_ id: String) -> Bool {
        knowledge.intent(id)?.articleID != nil && id != Intent.immediateDangerID
    }

    /// Which offered choice `text` picks: a number ("2", "2.", "option 2"), an ordinal ("the first one") or the
    /// choice's title.
    func pick(from choices: [String], text: String) -> String? {
        guard !choices.isEmpty else { return nil }
        let tokens = TextNormalizer().tokens(text)
        let ordinals = ["first": 1, "second": 2, "third": 3, "one": 1, "two": 2, "three": 3]
        let filler: Set<String> = ["the", "option", "number", "one", "please"]
        let meaningful = tokens.filter { !filler.contains($0) }
        let candidate = meaningful.count == 1 ? meaningful[0] : (tokens.count == 1 ? tokens[0] : nil)
        if let candidate, let number = Int(candidate) ?? ordinals[candidate], (1...choices.count).contains(number) {
            return choices[number - 1]
        }
        let normalized = tokens.joined(separator: " ")
        return choices.first { TextNormalizer().normalize(knowledge.title(of: $0)) == normalized }
    }
}
