public import AssistantCore
import Foundation
import Mustache
public import Storage

/// The safeguarding desk without HTTP: every page and action as a function from a parsed ``DeskRequest`` to a
/// ``DeskResponse``. It checks the session, the CSRF token and the permission (``DeskPage``) before anything else,
/// and writes every read, change and refusal to the concern store's audit as `desk:NAME`.
public struct DeskApp: Sendable {
    let accounts: DeskAccountStore
    let concerns: ConcernStore
    let alerts: AlertOutbox
    let snippets: SnippetStore
    let roles: AccessRoles
    let settings: DeskSettings
    let templates: DeskTemplates
    let passwords: PasswordPolicy
    let stylesheet: String
    let content: DeskContent
    let now: @Sendable () -> Int64

    /// The cookie that holds the session id.
    public static let sessionCookie = "desk_session"
    /// The cookie that holds the CSRF token for the forms shown before sign-in.
    static let preSessionCookie = "desk_pre"

    public static func make(
        database: AppDatabase,
        roles: AccessRoles,
        settings: DeskSettings,
        content: DeskContent = DeskContent(),
        now: @escaping @Sendable () -> Int64
    ) async throws -> DeskApp {
        DeskApp(
            accounts: DeskAccountStore(database: database),
            concerns: ConcernStore(database: database),
            alerts: AlertOutbox(database: database),
            snippets: SnippetStore(database: database),
            roles: roles,
            settings: settings,
            templates: try await DeskTemplates.load(),
            passwords: PasswordPolicy(commonPasswords: try DeskTemplates.commonPasswords()),
            stylesheet: try DeskTemplates.stylesheet(),
            content: content,
            now: now
        )
    }

    // MARK: - Sessions

    /// The signed-in user of a request, from a live session whose account is enabled.
    struct DeskUser {
        let name: String
        let role: DeskRole
        let session: DeskSessionRecord
        let roles: AccessRoles
        /// Whether they moderate content: the moderator role, or `desk:NAME` under `snippets.moderators`.
        let isModerator: Bool

        var actor: String { DeskIdentity.actor(name) }
        func may(_ page: DeskPage) -> Bool { roles.permits(actor, page.permission) }
    }

    func user(_ request: DeskRequest) throws(StorageError) -> DeskUser? {
        guard let id = request.cookies[Self.sessionCookie], id.utf8.count <= 128 else { return nil }
        let idHash = DeskSecrets.hash(id)
        guard let session = try accounts.session(idHash: idHash) else { return nil }
        let time = now()
        guard settings.sessions.isLive(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, at: time) else {
            try accounts.deleteSession(idHash: idHash)
            return nil
        }
        guard let account = try accounts.account(named: session.account), !account.isDisabled,
            let role = DeskRole(rawValue: account.role)
        else { return nil }
        try accounts.touchSession(idHash: idHash, at: time)
        return DeskUser(
            name: account.name,
            role: role,
            session: session,
            roles: role.granting(DeskIdentity.actor(account.name), in: roles),
            isModerator: role == .moderator || content.moderators.contains(DeskIdentity.actor(account.name))
        )
    }

    /// The names of enabled desk users with the lead role: whom a record can be assigned to.
    func assignableLeads() throws(StorageError) -> [String] {
        try accounts.all().filter { !$0.isDisabled && $0.role == DeskRole.lead.rawValue }.map(\.name)
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Path=/, and Secure unless the desk is on loopback without TLS.
    func cookie(_ name: String, _ value: String, request: DeskRequest, maxAge: Int? = nil) -> String {
        var text = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if request.viaTLS || !settings.isLoopback { text += "; Secure" }
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        return text
    }

    /// Runs `body` for a signed-in user permitted `page`, after the CSRF check on a POST; otherwise the sign-in
    /// page, or a refusal that is written to the audit.
    func guarded(
        _ request: DeskRequest,
        _ page: DeskPage,
        reference: ConcernReference? = nil,
        _ body: (DeskUser) throws -> DeskResponse
    ) -> DeskResponse {
        guarded(request, allowed: { $0.may(page) }, attempted: page.permission.label, reference: reference, body)
    }

    /// Runs `body` for a signed-in user for whom `allowed` holds, after the CSRF check on a POST; a refusal names
    /// what was `attempted` and is written to the audit.
    func guarded(
        _ request: DeskRequest,
        allowed: (DeskUser) -> Bool,
        attempted: String,
        reference: ConcernReference? = nil,
        _ body: (DeskUser) throws -> DeskResponse
    ) -> DeskResponse {
        do {
            guard let user = try self.user(request) else { return .redirect(.signIn) }
            if request.method == "POST",
                !CSRFCheck.matches(posted: request.form["csrf"], expected: user.session.csrfToken)
            {
                return message(
                    403,
                    "This form has expired",
                    "The page was open too long or came from somewhere else. Go back, reload and try again.",
                    user: user
                )
            }
            guard allowed(user) else {
                try concerns.recordRefusal(
                    actor: user.actor,
                    attempted: attempted,
                    reference: reference?.text,
                    at: now()
                )
                return message(
                    403,
                    "Not allowed",
                    "Your desk role (\(user.role.rawValue)) may not \(attempted). "
                        + "This attempt was recorded in the audit trail.",
                    user: user
                )
            }
            return try body(user)
        } catch let error as StorageError where error.isNotFound {
            return message(404, "Not found", "There is no such record.", user: nil)
        } catch let error as StorageError {
            return message(400, "That could not be done", error.message, user: nil)
        } catch {
            return message(500, "Something went wrong", "The desk could not answer. The error was logged.", user: nil)
        }
    }

    // MARK: - Rendering

    /// Renders `template` with the page's typed context in the frame; `csrf` is the pre-session token for the forms
    /// shown before sign-in (after it, the session's).
    func page<Page: Sendable & MustacheParent>(
        _ template: String,
        title: String,
        user: DeskUser?,
        status: Int = 200,
        csrf: String? = nil,
        _ context: Page
    ) -> DeskResponse {
        var nav: [DeskFrame<Page>.Link] = []
        if let user {
            if user.may(.queue) { nav.append(.init(href: "/queue", label: "Queue")) }
            if user.may(.alerts) { nav.append(.init(href: "/alerts", label: "Alerts")) }
            if user.may(.reports) { nav.append(.init(href: "/reports", label: "Reports")) }
            if user.may(.audit) { nav.append(.init(href: "/audit", label: "Audit")) }
            if user.isModerator { nav.append(.init(href: "/content", label: "Content health")) }
        }
        let frame = DeskFrame(
            title: title,
            institution: settings.institution,
            user: user?.name,
            role: user?.role.rawValue,
            csrf: user?.session.csrfToken ?? csrf,
            nav: nav,
            page: context
        )
        return DeskResponse(status: status, body: templates.render(template, frame))
    }

    func message(_ status: Int, _ title: String, _ text: String, user: DeskUser?) -> DeskResponse {
        page("message", title: title, user: user, status: status, MessagePage(heading: title, text: text))
    }

    /// The stylesheet (the only static file).
    public func stylesheetResponse() -> DeskResponse {
        DeskResponse(contentType: "text/css; charset=utf-8", body: stylesheet)
    }

    /// `/`: the user's home page, or sign-in.
    public func home(_ request: DeskRequest) -> DeskResponse {
        guard let user = try? self.user(request) else { return .redirect(.signIn) }
        switch DeskPage.home(for: user.actor, roles: user.roles) {
        case .queue: return .redirect(.queue)
        case .alerts: return .redirect(.alerts)
        case .audit: return .redirect(.audit)
        default:
            if user.isModerator { return .redirect(.contentHealth) }
            return message(403, "Nothing to show", "Your desk role gives access to no page.", user: user)
        }
    }

    /// `2026-12-07 16:05 UTC`.
    static func time(_ seconds: Int64) -> String {
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        return "\(CalendarDate(unixSeconds: seconds)) "
            + String(format: "%02lld:%02lld UTC", inDay / 3600, inDay % 3600 / 60)
    }

    static func age(_ seconds: Int64, at time: Int64) -> String {
        let days = max(0, time - seconds) / 86_400
        if days >= 1 { return days == 1 ? "1 day" : "\(days) days" }
        let hours = max(0, time - seconds) / 3600
        return hours == 1 ? "1 hour" : "\(hours) hours"
    }
}
