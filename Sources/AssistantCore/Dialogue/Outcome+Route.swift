extension Outcome {
    /// What kind of reply an outcome is, as `ask --json` and the dialogue stories name it.
    public enum Route: String, Sendable, Hashable, Codable {
        case answer, clarify, decline, emergency, form
    }

    /// The outcome's route: the emergency answer, a form step, a clarifying question, a decline, or an answer.
    public var route: Route {
        if trace.intent == Intent.immediateDangerID { return .emergency }
        let formEffect = effects.contains { effect in
            switch effect {
            case .submitConcern, .submitSnippet, .continueInDirectConversation: true
            default: false
            }
        }
        if state.form != nil || formEffect { return .form }
        if trace.clarified { return .clarify }
        return trace.intent == Intent.outOfScopeID ? .decline : .answer
    }
}

extension FormSession.Phase {
    /// A short name for where the form is: the slot being asked, `confirming`, `choosing_change`,
    /// `cancel_question` or `paused`.
    public var stepName: String {
        switch self {
        case .asking(let slot): slot
        case .confirming: "confirming"
        case .choosingChange: "choosing_change"
        case .confirmingCancel: "cancel_question"
        case .paused: "paused"
        }
    }
}
