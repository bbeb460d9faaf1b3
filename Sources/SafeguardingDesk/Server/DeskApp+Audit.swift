import AssistantCore
import Foundation
import Storage

/// The audit trail (auditors and leads), filterable by record, user and date; never a note's text.
extension DeskApp {
    static let auditLimit = 100

    /// `GET /audit?reference=…&actor=…&since=YYYY-MM-DD`.
    public func audit(_ request: DeskRequest) -> DeskResponse {
        guarded(request, .audit) { user in
            let referenceText = (request.query["reference"] ?? "").trimmingCharacters(in: .whitespaces)
            let reference = ConcernReference(referenceText)
            let actorFilter = request.query["actor"].map { String($0.trimmingCharacters(in: .whitespaces).prefix(200)) }
                .flatMap { $0.isEmpty ? nil : $0 }
            let sinceText = request.query["since"] ?? ""
            let since = CalendarDate(iso: sinceText).map { Int64($0.daysSinceEpoch) * 86_400 }
            var error: String?
            if !referenceText.isEmpty, reference == nil { error = "A reference looks like PC-2026-0001." }
            if !sinceText.isEmpty, since == nil { error = "A date looks like 2026-09-01." }
            let entries = try concerns.auditTrail(
                reference: reference?.text,
                actorFilter: actorFilter,
                since: since,
                limit: Self.auditLimit,
                actor: user.actor,
                at: now()
            )
            let rows = entries.map { entry in
                AuditPage.Row(
                    time: Self.time(entry.at),
                    actor: entry.actor,
                    action: entry.action.replacingOccurrences(of: "_", with: " "),
                    reference: entry.reference ?? "",
                    stage: entry.stage?.replacingOccurrences(of: "_", with: " ") ?? "",
                    reason: entry.reason ?? ""
                )
            }
            let context = AuditPage(
                rows: rows,
                any: !rows.isEmpty,
                reference: referenceText,
                actor: actorFilter ?? "",
                since: sinceText,
                limit: Self.auditLimit,
                error: error
            )
            return page("audit", title: "Audit trail", user: user, status: error == nil ? 200 : 400, context)
        }
    }
}
