import TextNormalization

/// Validates the whole knowledge base and lists every problem, so a broken article fails CI, not production.
///
/// The checks: ids are snake_case and unique; intents point at existing articles; every article is reached by an
/// intent; each intent has at least ``minimumExamples`` examples; no example text appears under two intents; every
/// article cites sources and is not overdue for review; placeholders are in the configuration schema; follow-ups
/// name existing intents; audiences and jurisdictions come from the fixed vocabulary; the safety screen has rules
/// and its article exists.
public struct KnowledgeCheck: Sendable {
    /// Fewer examples than this is an error.
    public static let minimumExamples = 12

    public let today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    /// Every problem in the given content, in file order.
    public func problems(
        intents: [Located<Intent>],
        articles: [Located<Article>],
        safety: Located<SafetyRuleSet>?,
        forms: [Located<FormDefinition>] = [],
        snippets: [Located<SnippetRecord>] = []
    ) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        problems += checkIntents(intents, articleIDs: Set(articles.map(\.value.id)))
        problems += checkForms(forms, intents: intents)
        problems += checkSnippets(snippets)
        problems += checkArticles(articles, intents: intents, safety: safety?.value)
        if let safety {
            if safety.value.rules.isEmpty {
                problems.append(.init(.missingSafetyRules, at: safety.location, "the safety screen has no rules"))
            }
            if !articles.contains(where: { $0.value.id == safety.value.articleID }) {
                problems.append(
                    .init(.missingArticle, at: safety.location, "safety article '\(safety.value.articleID)' not found")
                )
            }
        } else {
            problems.append(.init(.missingSafetyRules, at: nil, "no safety rules (intents/safety.yaml) were found"))
        }
        return problems
    }

    /// The two rules every intent and article id keeps: snake_case, and defined once (`firstSeen` holds where each id
    /// was first defined, to name it in the problem).
    private func checkID(
        _ id: String,
        kind: String,
        at location: SourceLocation,
        firstSeen: inout [String: SourceLocation]
    ) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        if !Self.isSnakeCase(id) {
            problems.append(.init(.invalidID, at: location, "\(kind) id '\(id)' is not snake_case"))
        }
        if let earlier = firstSeen[id] {
            problems.append(.init(.duplicateID, at: location, "\(kind) '\(id)' is also defined at \(earlier)"))
        } else {
            firstSeen[id] = location
        }
        return problems
    }

    private func checkIntents(_ intents: [Located<Intent>], articleIDs: Set<String>) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        var firstSeen: [String: SourceLocation] = [:]
        var exampleOwner: [String: (intent: String, location: SourceLocation)] = [:]
        let intentIDs = Set(intents.map(\.value.id))
        for located in intents {
            let intent = located.value
            let location = located.location
            problems += checkID(intent.id, kind: "intent", at: location, firstSeen: &firstSeen)
            if let articleID = intent.articleID, !articleIDs.contains(articleID) {
                problems.append(
                    .init(
                        .missingArticle,
                        at: location,
                        "intent '\(intent.id)' points at missing article '\(articleID)'"
                    )
                )
            }
            if intent.examples.count < Self.minimumExamples {
                problems.append(
                    .init(
                        .tooFewExamples,
                        at: location,
                        "intent '\(intent.id)' has \(intent.examples.count) examples; at least \(Self.minimumExamples) needed"
                    )
                )
            }
            for example in intent.examples {
                let key = TextNormalizer().normalize(example)
                if let owner = exampleOwner[key], owner.intent != intent.id {
                    problems.append(
                        .init(
                            .duplicateExample,
                            at: location,
                            "example \"\(example)\" of '\(intent.id)' also appears under '\(owner.intent)' (\(owner.location))"
                        )
                    )
                } else if exampleOwner[key] == nil {
                    exampleOwner[key] = (intent.id, location)
                }
            }
            for followUp in intent.followUps where !intentIDs.contains(followUp) {
                problems.append(
                    .init(
                        .brokenFollowUp,
                        at: location,
                        "intent '\(intent.id)' follows up with unknown intent '\(followUp)'"
                    )
                )
            }
        }
        return problems
    }

    private func checkArticles(
        _ articles: [Located<Article>],
        intents: [Located<Intent>],
        safety: SafetyRuleSet?
    ) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        var reached = Set(intents.compactMap(\.value.articleID))
        if let safety { reached.insert(safety.articleID) }
        var firstSeen: [String: SourceLocation] = [:]
        for located in articles {
            let article = located.value
            let location = located.location
            problems += checkID(article.id, kind: "article", at: location, firstSeen: &firstSeen)
            if !reached.contains(article.id) {
                problems.append(
                    .init(.unreachableArticle, at: location, "no intent answers with article '\(article.id)'")
                )
            }
            if article.sources.isEmpty {
                problems.append(.init(.missingSources, at: location, "article '\(article.id)' cites no sources"))
            }
            if article.reviewDue < today {
                problems.append(
                    .init(
                        .reviewOverdue,
                        at: location,
                        "article '\(article.id)' was due for review on \(article.reviewDue) (today is \(today))"
                    )
                )
            }
            for name in InstitutionProfile.placeholders(in: article.title + "\n" + article.body)
            where !InstitutionProfile.isKnownPlaceholder(name) {
                problems.append(
                    .init(
                        .unknownPlaceholder,
                        at: location,
                        "article '\(article.id)' uses placeholder {{\(name)}}, which the configuration does not define"
                    )
                )
            }
            for audience in article.audience where !Article.audiences.contains(audience) {
                problems.append(.init(.unknownVocabulary, at: location, "unknown audience '\(audience)'"))
            }
            for jurisdiction in article.jurisdiction where !Article.jurisdictions.contains(jurisdiction) {
                problems.append(.init(.unknownVocabulary, at: location, "unknown jurisdiction '\(jurisdiction)'"))
            }
        }
        return problems
    }

    private func checkForms(_ forms: [Located<FormDefinition>], intents: [Located<Intent>]) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        let formIDs = Set(forms.map(\.value.id))
        for located in intents {
            if case .startForm(let formID) = located.value.action, !formIDs.contains(formID) {
                problems.append(
                    .init(
                        .missingForm,
                        at: located.location,
                        "intent '\(located.value.id)' starts missing form '\(formID)'"
                    )
                )
            }
        }
        for located in forms {
            let form = located.value
            var seen: Set<String> = []
            for slot in form.slots {
                if !seen.insert(slot.id).inserted {
                    problems.append(
                        .init(.duplicateID, at: located.location, "form '\(form.id)' has two slots '\(slot.id)'")
                    )
                }
                if let condition = slot.condition {
                    guard let target = form.slot(condition.slot), seen.contains(condition.slot) || target.id == slot.id
                    else {
                        problems.append(
                            .init(
                                .brokenCondition,
                                at: located.location,
                                "slot '\(slot.id)' depends on '\(condition.slot)', which is not an earlier slot"
                            )
                        )
                        continue
                    }
                    let allowed: Set<String>
                    switch target.kind {
                    case .choice(let choices), .choices(let choices, _): allowed = Set(choices.map(\.id))
                    case .yesNo: allowed = ["yes", "no"]
                    case .text, .date: allowed = []
                    }
                    for value in condition.values.subtracting(allowed) {
                        problems.append(
                            .init(
                                .brokenCondition,
                                at: located.location,
                                "slot '\(slot.id)' depends on '\(condition.slot)' being '\(value)', which it cannot be"
                            )
                        )
                    }
                }
            }
            let texts = [form.intro, form.submitted, form.cancelled] + form.slots.flatMap { [$0.prompt, $0.help] }
            for name in texts.flatMap(InstitutionProfile.placeholders(in:))
            where !InstitutionProfile.isKnownPlaceholder(name) && "{{\(name)}}" != Effect.referencePlaceholder
                && "{{\(name)}}" != Effect.snippetPlaceholder
            {
                problems.append(
                    .init(
                        .unknownPlaceholder,
                        at: located.location,
                        "form '\(form.id)' uses unknown placeholder {{\(name)}}"
                    )
                )
            }
        }
        return problems
    }

    /// Shipped snippets: `seed-` ids, unique; one to three tags; two to five sentences of what was done; no personal
    /// data and no individual case (the same check authors' snippets pass).
    private func checkSnippets(_ snippets: [Located<SnippetRecord>]) -> [KnowledgeProblem] {
        var problems: [KnowledgeProblem] = []
        var seen: Set<String> = []
        for located in snippets {
            let record = located.value
            let snippet = record.snippet
            func problem(_ message: String) {
                problems.append(.init(.invalidSnippet, at: located.location, "snippet '\(record.id)': \(message)"))
            }
            if !seen.insert(record.id).inserted {
                problems.append(.init(.duplicateID, at: located.location, "snippet id '\(record.id)' is used twice"))
            }
            if !record.id.hasPrefix("seed-") { problem("a shipped snippet's id starts with 'seed-'") }
            if !(1...3).contains(snippet.tags.count) { problem("needs one to three tags") }
            let sentences = FormRunner.sentenceCount(snippet.whatWasDone)
            if !(2...5).contains(sentences) { problem("what was done has \(sentences) sentences; write two to five") }
            for (field, text) in [
                ("title", snippet.title), ("what", snippet.whatWasDone), ("why", snippet.whyItWorked),
            ] {
                let review = SnippetReview(text)
                for finding in review.findings {
                    problem("the \(field) contains \(finding.kind.description) (\"\(finding.matched)\")")
                }
                if !review.individualCaseCues.isEmpty {
                    problem("the \(field) reads like an individual case (\"\(review.individualCaseCues[0])\")")
                }
            }
        }
        return problems
    }

    /// `lower_snake_case`: starts with a letter; letters, digits and single underscores.
    public static func isSnakeCase(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), !id.hasSuffix("_"),
            !id.contains("__")
        else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
