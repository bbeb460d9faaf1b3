/// Writes the assistant's replies: articles rendered for chat, the conversation replies (greeting, thanks,
/// capabilities, handover), the emergency answer and the fallback.
///
/// Every reply that could leave someone stuck ends with a route to a person.
public struct AnswerComposer: Sendable {
    public let knowledge: KnowledgeBase
    public let institution: InstitutionProfile

    /// Whether questions it could not answer are kept (said in the capabilities reply); `nil`: not kept.
    public let learning: LearningSettings?

    /// Every article of ``knowledge`` already rendered at each ``Detail``: the content and the configuration are
    /// fixed for the composer's life, so answering is a look-up rather than a render per message.
    private let renderedArticles: [String: RenderedArticle]

    public init(knowledge: KnowledgeBase, institution: InstitutionProfile, learning: LearningSettings? = nil) {
        self.knowledge = knowledge
        self.institution = institution
        self.learning = learning
        self.renderedArticles = knowledge.articles.mapValues { article in
            RenderedArticle(
                article: article,
                short: Self.render(article, .short, institution: institution),
                full: Self.render(article, .full, institution: institution),
                rest: Self.render(article, .rest, institution: institution)
            )
        }
    }

    /// What the assistant keeps of questions it could not answer, for the capabilities reply.
    public var learningNote: String {
        guard let learning, learning.enabled else {
            return "Questions I can't answer are not kept."
        }
        return """
            When I can't answer a question well, I keep the question for up to \(learning.keepDays) days so the team \
            can improve my answers — with names, emails, phone numbers, ID numbers, dates and rooms taken out, and \
            never who asked or where. Nothing from a concern form, and nothing about one person's case, is kept. \
            Your administrator can turn this off (learning.enabled).
            """
    }

    /// How much of an article a reply shows.
    public enum Detail: Sendable, Hashable {
        /// What to do now: the body before `## Why`, and an offer of the rest.
        case short
        /// The whole body before `## Read more`, then the sources as links.
        case full
        /// The reasons and the sources only: the rest after a ``short`` answer.
        case rest
    }

    /// Whether an article has more to show after its short form.
    public func hasMore(_ article: Article) -> Bool { article.body.firstRange(of: "## Why") != nil }

    /// An article as a chat answer.
    public func render(article: Article, detail: Detail = .full) -> String {
        if let rendered = renderedArticles[article.id], rendered.article == article {
            switch detail {
            case .short: return rendered.short
            case .full: return rendered.full
            case .rest: return rendered.rest
            }
        }
        return Self.render(article, detail, institution: institution)
    }

    private struct RenderedArticle: Sendable {
        let article: Article
        let short: String
        let full: String
        let rest: String
    }

    private static func render(_ article: Article, _ detail: Detail, institution: InstitutionProfile) -> String {
        var body = Substring(article.body)
        if let readMore = body.firstRange(of: "## Read more") { body = body[..<readMore.lowerBound] }
        let why = body.firstRange(of: "## Why")
        switch detail {
        case .short: if let why { body = body[..<why.lowerBound] }
        case .rest: if let why { body = body[why.lowerBound...] }
        case .full: break
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasPrefix("## ") ? "**\(line.dropFirst(3).trimmingWhitespace())**" : line
        }
        var text = "**\(article.title)**\n\n" + lines.joined(separator: "\n").trimmingWhitespace()
        if detail == .short, why != nil {
            text += "\n\nReply **more** for the reasons and sources."
        } else if !article.sources.isEmpty {
            text += "\n\n**Read more**"
            for source in article.sources { text += "\n- [\(source.title)](\(source.url))" }
        }
        return institution.render(text)
    }

    /// The emergency answer: the safety article when it exists, otherwise a built-in minimum that still says 999.
    public func emergency() -> Reply {
        if let article = knowledge.article(knowledge.safetyRules.articleID) {
            return Reply(kind: .emergency, text: render(article: article))
        }
        let text = """
            **If anyone is in immediate danger, call 999 now.**

            Then call \(contact(.securityPhone, labelled: "campus security on ")) and tell \
            \(contact(.preventLead, labelled: "the Prevent lead, ")).
            """
        return Reply(kind: .emergency, text: institution.render(text))
    }

    /// The reply for a conversation intent.
    public func dialogue(_ kind: DialogueKind, senderName: String?) -> String {
        let name = institution[.name].map { " at \($0)" } ?? ""
        switch kind {
        case .greeting:
            // A display name is whatever the person chose: quoted as typed, never as markup or a link.
            let hello = senderName.map { "Hello \(MarkdownLiteral.escaped($0))." } ?? "Hello."
            return """
                \(hello) I'm PreventAssist, the assistant for Prevent and safeguarding questions\(name).
                Ask me things like "what do I do if a student…", "what is Channel?" or "who is our Prevent lead?". \
                If anyone is in immediate danger, call 999.
                """
        case .thanks:
            return institution.render(
                """
                You're welcome. If something else comes up, just ask — or talk to \
                \(contact(.safeguardingTeam, labelled: "the safeguarding team: ")).
                """
            )
        case .capabilities:
            return institution.render(
                """
                I can help you with:
                - **What to do** if you are worried about a student or colleague, step by step.
                - **Prevent explained**: the duty, Channel, signs of susceptibility, information sharing, \
                external speakers, training, and your role.
                - **Raising a concern**: say "raise a concern" and I'll tell you how to reach the right person.
                - **Who to contact**: your Prevent lead, the safeguarding team and national helplines.

                I answer from your institution's curated guidance. I can't give legal advice or decide on a case — \
                for that, talk to \(contact(.preventLead, labelled: "the Prevent lead: ")). \
                If anyone is in immediate danger, call 999.

                \(learningNote)
                """
            )
        case .handover:
            // An unset contact reads as its role (the note once); an unset way to reach the lead is left out.
            return institution.render(
                """
                You can talk to a person:
                - **Prevent lead:** \(Field.preventLead.placeholder) (\(Field.preventLeadContact.placeholder))
                - **Safeguarding team:** \(Field.safeguardingTeam.placeholder)
                - **Out of hours:** \(Field.outOfHoursContact.placeholder)

                If anyone is in immediate danger, call 999.
                """
            )
        }
    }

    /// The reply when nothing known fits: say so, offer the closest topics, and give a person to ask.
    /// - Parameter question: the declined message; an IT, estates or HR matter names who can help with it.
    public func fallback(closest: [String], question: String = "") -> Reply {
        var text = "I'm sorry — I can't answer that. I only know about Prevent and safeguarding at work."
        if let referral = OffTopicReferral.forQuestion(question) {
            let contact = institution.values[referral.field].map { ": \($0)" } ?? ""
            text += " That sounds like one for \(referral.name)\(contact)."
            text += " If anyone is in immediate danger, call 999."
            return Reply(kind: .fallback, text: text, suggestions: [])
        }
        if !closest.isEmpty {
            text += " The closest topics I know are:"
            for (index, id) in closest.enumerated() { text += "\n\(index + 1). \(knowledge.title(of: id))" }
            text += "\n\nReply with a number to read one"
            text += ", or ask \(contact(.safeguardingTeam, labelled: "the safeguarding team: "))."
        } else {
            text += " For anything else, ask \(contact(.safeguardingTeam, labelled: "the safeguarding team: "))."
        }
        text += " If anyone is in immediate danger, call 999."
        return Reply(kind: .fallback, text: institution.render(text), suggestions: suggestions(closest))
    }

    private typealias Field = InstitutionProfile.Field

    /// A contact for a reply that ``InstitutionProfile/render(_:)`` then fills in: a configured one after its
    /// label ("the safeguarding team: ext 1234"), an unset one as its placeholder alone, which reads as the role
    /// ("the safeguarding team") with the "not set up yet" note once per reply.
    private func contact(_ field: Field, labelled label: String) -> String {
        institution[field] == nil ? field.placeholder : label + field.placeholder
    }

    /// "Did you mean A or B?"
    public func clarification(_ first: String, _ second: String) -> Reply {
        let text = """
            I want to be sure I answer the right question. Did you mean:
            1. \(knowledge.title(of: first))
            2. \(knowledge.title(of: second))

            Reply 1 or 2, or ask in other words.
            """
        return Reply(kind: .clarification, text: text, suggestions: suggestions([first, second]))
    }

    /// The follow-up note appended to an answer.
    public func followUpNote(_ ids: [String]) -> String {
        var text = "You might also want to know:"
        for (index, id) in ids.enumerated() { text += "\n\(index + 1). \(knowledge.title(of: id))" }
        return text
    }

    /// One suggestion per offered intent; a button for one sends back its number, which the dialogue reads as that
    /// choice (``Assistant/pick(from:text:)``).
    public func suggestions(_ ids: [String]) -> [Reply.Suggestion] {
        ids.enumerated().map { index, id in
            Reply.Suggestion(title: knowledge.title(of: id), intentID: id, payload: ButtonPayload(String(index + 1)))
        }
    }
}
