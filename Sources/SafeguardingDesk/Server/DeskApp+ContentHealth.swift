import AssistantCore
import Foundation
import Storage

/// The content-health page (moderators): knowledge articles past their review date, and good-practice snippets
/// waiting for moderation with Approve and Reject, through the snippet store's own moderation calls (so the author
/// is told, as from chat or the host).
extension DeskApp {
    static let moderateContent = "moderate content"

    /// `GET /content`.
    public func contentHealth(_ request: DeskRequest) -> DeskResponse {
        guarded(request, allowed: \.isModerator, attempted: Self.moderateContent) { user in
            try contentPage(user: user, error: nil, status: 200)
        }
    }

    func contentPage(user: DeskUser, error: String?, status: Int) throws -> DeskResponse {
        let time = now()
        let today = CalendarDate(unixSeconds: time)
        let late = content.pastReview(on: today).map { article in
            ContentPage.Late(
                id: article.id,
                title: article.title,
                due: article.reviewDue.description,
                days: today.daysSinceEpoch - article.reviewDue.daysSinceEpoch
            )
        }
        let waiting = try snippets.list(status: .pending).map { stored in
            let snippet = stored.record.snippet
            return ContentPage.Waiting(
                id: stored.id,
                title: snippet.title,
                what: snippet.whatWasDone,
                why: snippet.whyItWorked,
                tags: snippet.tags.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "),
                submitted: Self.time(stored.createdAt)
            )
        }
        try concerns.recordAccess(
            actor: user.actor,
            action: "content_health_viewed",
            reference: nil,
            detail: nil,
            at: time
        )
        let context = ContentPage(
            late: late,
            anyLate: !late.isEmpty,
            waiting: waiting,
            anyWaiting: !waiting.isEmpty,
            today: today.description,
            articles: content.articles.count,
            error: error
        )
        return page("content", title: "Content health", user: user, status: status, context)
    }

    /// `POST /content/snippets/ID/approve`.
    public func approveSnippet(_ request: DeskRequest, id raw: String?) -> DeskResponse {
        moderate(request, raw) { id, user, time in
            try snippets.approve(id.text, actor: user.actor, at: time)
            return "approved"
        }
    }

    /// `POST /content/snippets/ID/reject` with the `reason` the author is told.
    public func rejectSnippet(_ request: DeskRequest, id raw: String?) -> DeskResponse {
        moderate(request, raw) { id, user, time in
            let reason = (request.form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (3...1000).contains(reason.count) else {
                throw StorageErrorText("Say why it is rejected (3 to 1,000 characters): the author is told.")
            }
            try snippets.reject(id.text, reason: reason, actor: user.actor, at: time)
            return "rejected"
        }
    }

    /// Runs one moderation for a moderator and writes it to the audit trail too; a refused one shows the page again
    /// with why.
    private func moderate(
        _ request: DeskRequest,
        _ raw: String?,
        _ body: (SnippetID, DeskUser, Int64) throws -> String
    ) -> DeskResponse {
        guard let id = SnippetID(raw) else {
            return message(404, "Not found", "There is no such snippet.", user: try? self.user(request))
        }
        return guarded(request, allowed: \.isModerator, attempted: Self.moderateContent) { user in
            let time = now()
            do {
                let action = try body(id, user, time)
                try concerns.recordAccess(
                    actor: user.actor,
                    action: "snippet_\(action)",
                    reference: nil,
                    detail: id.text,
                    at: time
                )
            } catch let error as StorageErrorText {
                return try contentPage(user: user, error: error.text, status: 400)
            } catch let error as StorageError where !error.isNotFound && !error.isTampered {
                return try contentPage(user: user, error: error.message, status: 400)
            }
            return .redirect(.contentHealth)
        }
    }
}
