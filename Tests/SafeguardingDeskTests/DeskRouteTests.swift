import AssistantCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SafeguardingDesk
import Storage
import Testing

/// The desk's routes through Hummingbird's testing client: sign-in, headers, cookies, CSRF, sessions, roles, IDOR,
/// escaping, redirects.
@Suite(.timeLimit(.minutes(2)))
struct DeskRouteTests {
    @Test func signingInNeedsThePasswordAndAFreshCodeAndSetsAStrictCookie() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let wrongCode = try await browser.signIn("alex", password: DeskTestBed.password, code: "000000")
            #expect(wrongCode.status == .unauthorized)
            let wrongPassword = try await browser.signIn("alex", password: "not the password", code: bed.code())
            #expect(wrongPassword.status == .unauthorized)
            let signedIn = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/")
            let session = try #require(browser.setCookies.first { $0.hasPrefix("desk_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict") && session.contains("Path=/"))
            #expect(!session.contains("Secure"), "loopback without TLS")
            #expect(try await browser.get("/queue").status == .ok)
            // The same code again (a replay) is refused even with the right password.
            let other = DeskBrowser(client)
            #expect(
                try await other.signIn("alex", password: DeskTestBed.password, code: bed.code()).status == .unauthorized
            )
        }
        let audit = try ConcernStore(database: bed.database).generalAudit(actor: "test", at: bed.clock.now)
        #expect(audit.contains { $0.actor == "desk:alex" && $0.action == "desk_signed_in" })
        #expect(audit.filter { $0.actor == "desk:alex" && $0.action == "desk_sign_in_failed" }.count == 3)
    }

    @Test func everyResponseCarriesTheSecurityHeadersAndHSTSOnlyBehindTLS() async throws {
        let bed = try await DeskTestBed()
        try await bed.run { client in
            let plain = try await client.execute(uri: "/signin", method: .get)
            #expect(header(plain, "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(header(plain, "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(header(plain, "Content-Security-Policy")?.contains("unsafe-inline") == false)
            #expect(header(plain, "X-Content-Type-Options") == "nosniff")
            #expect(header(plain, "Referrer-Policy") == "no-referrer")
            #expect(header(plain, "X-Frame-Options") == "DENY")
            #expect(header(plain, "Strict-Transport-Security") == nil)
            #expect(!DeskBrowser.text(plain).contains("<script"))
            let forwarded = try #require(HTTPFields.Element.Name("X-Forwarded-Proto"))
            let proxied = try await client.execute(uri: "/signin", method: .get, headers: [forwarded: "https"])
            #expect(header(proxied, "Strict-Transport-Security")?.contains("max-age=") == true)
            #expect(proxied.headers[values: .setCookie].allSatisfy { $0.contains("; Secure") })
        }
    }

    @Test func aFormWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        let reference = try bed.addConcern(text: "seen at the library")
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let sameLength = String(repeating: "A", count: 43)
            let forged = try await browser.post("/concerns/\(reference)/note", ["csrf": sameLength, "note": "planted"])
            #expect(forged.status == .forbidden)
            let missing = try await browser.post("/concerns/\(reference)/note", ["note": "planted"])
            #expect(missing.status == .forbidden)
            // A sign-in form posted without the pre-session cookie's token is refused too.
            let stranger = DeskBrowser(client)
            let signIn = try await stranger.post(
                "/signin",
                ["csrf": "x", "name": "alex", "password": DeskTestBed.password, "code": bed.code()]
            )
            #expect(signIn.status == .forbidden)
        }
        let events = try ConcernStore(database: bed.database).audit(reference, actor: "test", at: bed.clock.now)
        #expect(!events.contains { $0.action == "note_added" })
    }

    @Test func aSignedOutOrIdleOrDisabledSessionOpensNothing() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let stolen = try #require(browser.cookies["desk_session"])
            let queue = try await browser.get("/queue")
            let signedOut = try await browser.post("/signout", ["csrf": DeskBrowser.csrf(queue) ?? ""])
            #expect(signedOut.status == .seeOther)
            #expect(browser.cookies["desk_session"] == nil)
            let replay = DeskBrowser(client)
            replay.cookies["desk_session"] = stolen
            let refused = try await replay.get("/queue")
            #expect(refused.status == .seeOther && refused.headers[.location] == "/signin")

            bed.clock.advance(31)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(try await browser.get("/queue").status == .ok)
            bed.clock.advance(SessionPolicy().idleSeconds)
            #expect(try await browser.get("/queue").headers[.location] == "/signin", "idle too long")

            bed.clock.advance(31)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(try await browser.get("/queue").status == .ok)
            try DeskAccountStore(database: bed.database).disable("alex", at: bed.clock.now)
            #expect(try await browser.get("/queue").headers[.location] == "/signin", "disabled")
        }
    }

    @Test func signingInAlwaysIssuesANewSessionId() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            browser.cookies["desk_session"] = "planted-by-an-attacker"
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let issued = try #require(browser.cookies["desk_session"])
            #expect(issued != "planted-by-an-attacker")
            #expect(issued.utf8.count == 43)
        }
    }

    @Test func repeatedFailuresLockTheAccountEvenForTheRightPassword() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            for _ in 0..<SignInThrottle.freeAttempts {
                _ = try await browser.signIn("alex", password: "wrong password!", code: bed.code())
            }
            let locked = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(locked.status == .unauthorized)
            bed.clock.advance(SignInThrottle.firstLockSeconds)
            let after = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(after.status == .seeOther)
        }
        let audit = try ConcernStore(database: bed.database).generalAudit(actor: "test", at: bed.clock.now)
        #expect(audit.contains { $0.action == "desk_sign_in_refused" })
    }

    @Test func anAuditorOrDeputyCannotOpenARecordByItsURLAndTheAttemptIsAudited() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("aud", role: .auditor)
        try bed.addUser("dep", role: .deputy)
        let reference = try bed.addConcern(text: "SECRET-ANSWER-TEXT")
        try await bed.run { client in
            for name in ["aud", "dep"] {
                let browser = DeskBrowser(client)
                _ = try await browser.signIn(name, password: DeskTestBed.password, code: bed.code())
                bed.clock.advance(30)
                let page = try await browser.get("/concerns/\(reference)")
                #expect(page.status == .forbidden)
                #expect(!DeskBrowser.text(page).contains("SECRET-ANSWER-TEXT"))
                #expect(try await browser.get("/queue").status == .forbidden)
                #expect(try await browser.get("/reports").status == .forbidden)
            }
            let auditor = DeskBrowser(client)
            _ = try await auditor.signIn("aud", password: DeskTestBed.password, code: bed.code())
            #expect(try await auditor.get("/audit").status == .ok)
        }
        let events = try ConcernStore(database: bed.database).audit(reference, actor: "test", at: bed.clock.now)
        #expect(events.contains { $0.actor == "desk:aud" && $0.action == "access_refused" })
        #expect(events.contains { $0.actor == "desk:dep" && $0.action == "access_refused" })
        #expect(!events.contains { $0.action == "viewed" })
    }

    @Test func concernTextIsEscapedAndAReadIsAuditedWithTheSessionsReason() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        let reference = try bed.addConcern(
            text: "<script>alert('x')</script><img src=x onerror=alert(1)>",
            urgent: true
        )
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let ask = try await browser.get("/concerns/\(reference)")
            #expect(DeskBrowser.text(ask).contains("Why are you opening records?"))
            let csrf = try #require(DeskBrowser.csrf(ask))
            let given = try await browser.post(
                "/concerns/\(reference)/reason",
                ["csrf": csrf, "reason": "triage of new reports"]
            )
            #expect(given.headers[.location] == "/concerns/\(reference)")
            let page = try await browser.get("/concerns/\(reference)")
            let body = DeskBrowser.text(page)
            #expect(page.status == .ok)
            #expect(!body.contains("<script>alert"))
            #expect(!body.contains("<img src=x"))
            #expect(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            let note = try await browser.post(
                "/concerns/\(reference)/note",
                ["csrf": csrf, "note": "\"><script>alert(2)</script>"]
            )
            #expect(note.status == .seeOther)
            let again = try await browser.get("/concerns/\(reference)")
            #expect(!DeskBrowser.text(again).contains("<script>alert(2)"))
        }
        let events = try ConcernStore(database: bed.database).audit(reference, actor: "test", at: bed.clock.now)
        #expect(
            events.contains { $0.actor == "desk:alex" && $0.action == "viewed" && $0.reason == "triage of new reports" }
        )
    }

    @Test func stageMovesFollowThePathwayAndNeedARationale() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        let reference = try bed.addConcern(text: "seen at the library", urgent: true)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let csrf = try #require(DeskBrowser.csrf(try await browser.get("/queue")))
            let noReason = try await browser.post("/concerns/\(reference)/stage", ["csrf": csrf, "stage": "triaged"])
            #expect(noReason.status == .badRequest)
            #expect(DeskBrowser.text(noReason).contains("rationale"))
            let skip = try await browser.post(
                "/concerns/\(reference)/stage",
                ["csrf": csrf, "stage": "closed", "rationale": "closing without outcome"]
            )
            #expect(skip.status == .badRequest)
            let move = try await browser.post(
                "/concerns/\(reference)/stage",
                [
                    "csrf": csrf, "stage": "triaged", "rationale": "spoke to the reporter; needs review",
                    "ideology": "other",
                ]
            )
            #expect(move.status == .seeOther)
            let notAllowed = try await browser.post(
                "/concerns/\(reference)/stage",
                ["csrf": csrf, "stage": "reported", "rationale": "going back is not a move"]
            )
            #expect(notAllowed.status == .badRequest)
            let close = try await browser.post(
                "/concerns/\(reference)/stage",
                [
                    "csrf": csrf, "stage": "closed", "outcome": "no_further_action",
                    "rationale": "no Prevent concern after review",
                ]
            )
            #expect(close.status == .seeOther)
            let reopen = try await browser.post(
                "/concerns/\(reference)/reopen",
                ["csrf": csrf, "reason": "new information from the department"]
            )
            #expect(reopen.status == .seeOther)
            #expect(try await browser.post("/concerns/\(reference)/acknowledge", ["csrf": csrf]).status == .seeOther)
        }
        let events = try ConcernStore(database: bed.database).audit(reference, actor: "test", at: bed.clock.now)
        #expect(
            events.filter { $0.actor == "desk:alex" && $0.action == "stage_changed" }.map(\.stage) == [
                .triaged, .closed,
            ]
        )
        #expect(events.contains { $0.actor == "desk:alex" && $0.action == "reopened" })
        #expect(events.contains { $0.actor == "desk:alex" && $0.action == "alert_acknowledged" })
    }

    @Test func malformedOrUnknownReferencesAreNotFoundAndRedirectsStayInsideTheDesk() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let signedIn = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            #expect(signedIn.headers[.location] == "/")
            let home = try await browser.get("/?next=https://evil.example")
            #expect(home.headers[.location] == "/queue")
            let csrf = try #require(DeskBrowser.csrf(try await browser.get("/queue")))
            _ = try await browser.post(
                "/concerns/PC-2026-0001/reason",
                ["csrf": csrf, "reason": "triage of new reports"]
            )
            #expect(try await browser.get("/concerns/PC-2026-9999").status == .notFound)
            #expect(try await browser.get("/concerns/..%2F..%2Fetc").status == .notFound)
            let redirect = try await browser.post(
                "/concerns/PC-2026-0001%2F%2Fevil.example/reason",
                ["csrf": csrf, "reason": "triage of new reports"]
            )
            #expect(redirect.status == .notFound)
        }
    }

    @Test func setUpWithTheOneTimeCodeSetsAPasswordAndEnrolsTheAuthenticator() async throws {
        let bed = try await DeskTestBed()
        let code = try bed.addPendingUser("sam", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let setup = try await browser.get("/setup")
            let csrf = try #require(DeskBrowser.csrf(setup))
            let wrong = try await browser.post(
                "/setup",
                ["csrf": csrf, "name": "sam", "setup_code": "AAAA-BBBB-CCCC-DDDD"]
            )
            #expect(wrong.status == .unauthorized)
            let enrol = try await browser.post("/setup", ["csrf": csrf, "name": "sam", "setup_code": code])
            #expect(enrol.status == .ok)
            let body = DeskBrowser.text(enrol)
            let secretStart = try #require(body.range(of: "<code id=\"totp-secret\">"))
            let secretEnd = try #require(body[secretStart.upperBound...].range(of: "</code>"))
            let base32 = String(body[secretStart.upperBound..<secretEnd.lowerBound])
            #expect(body.contains("otpauth://totp/"))
            let secret = try #require(DeskPolicyTestsSupport.decodeBase32(base32))
            let totp = HummingbirdOTPBridge.code(secret: secret, at: bed.clock.now)
            let common = try await browser.post(
                "/setup/finish",
                [
                    "csrf": csrf, "name": "sam", "setup_code": code, "password": "password1234",
                    "password_again": "password1234", "code": totp,
                ]
            )
            #expect(common.status == .badRequest)
            let done = try await browser.post(
                "/setup/finish",
                [
                    "csrf": csrf, "name": "sam", "setup_code": code, "password": DeskTestBed.password,
                    "password_again": DeskTestBed.password, "code": totp,
                ]
            )
            #expect(done.status == .ok)
            #expect(DeskBrowser.text(done).contains("Your account is ready"))
            let again = try await browser.post("/setup", ["csrf": csrf, "name": "sam", "setup_code": code])
            #expect(again.status == .unauthorized, "the code is used up")
            bed.clock.advance(30)
            let signIn = try await browser.signIn(
                "sam",
                password: DeskTestBed.password,
                code: HummingbirdOTPBridge.code(secret: secret, at: bed.clock.now)
            )
            #expect(signIn.status == .seeOther)
        }
    }

    @Test func theReportCountsAnEscalatedRecordInTheTableTheChartAndTheCSV() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        let reference = try bed.addConcern(text: "seen at the library")
        try ConcernStore(database: bed.database).update(
            reference,
            stage: .escalatedToPreventLead,
            ideology: .extremeRightWing,
            note: "escalated after triage by the team",
            actor: "test",
            at: bed.clock.now
        )
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let page = try await browser.get("/reports?year=2026-27")
            let body = DeskBrowser.text(page)
            #expect(page.status == .ok)
            #expect(body.contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\""))
            #expect(body.contains("escalated to the Prevent lead: 1; external advice sought: 0"))
            let csv = try await browser.get("/reports.csv?year=2026-27")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = DeskBrowser.text(csv).split(separator: "\n")
            #expect(lines.first?.hasPrefix("measure,total,islamist,extreme_right_wing") == true)
            #expect(lines.contains("escalated_to_prevent_lead,1,0,1,0,0,0,0"))
            #expect(try await browser.get("/reports?year=twenty").status == .badRequest)
        }
    }

    @Test func aDeputyAcknowledgesAnUrgentAlertOnTheAlertsPageAndNothingElse() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("dep", role: .deputy)
        let outbox = AlertOutbox(database: bed.database)
        let danger = UrgentAlert(
            reason: .dangerAnswerOutsideForm,
            reporter: "matrix:@someone:example.ac.uk",
            platform: "matrix"
        )
        try outbox.enqueueUrgent(danger, text: "Urgent: a danger answer was given on matrix.", at: bed.clock.now)
        let alert = try #require(try outbox.unacknowledgedUrgent().first)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let signedIn = try await browser.signIn("dep", password: DeskTestBed.password, code: bed.code())
            #expect(signedIn.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.headers[.location] == "/alerts")
            let page = try await browser.get("/alerts")
            #expect(DeskBrowser.text(page).contains("Acknowledge alert \(alert.id)"))
            #expect(!DeskBrowser.text(page).contains("someone"), "never the reporter")
            let csrf = try #require(DeskBrowser.csrf(page))
            #expect(try await browser.post("/alerts/x/acknowledge", ["csrf": csrf]).status == .notFound)
            let done = try await browser.post("/alerts/\(alert.id)/acknowledge", ["csrf": csrf])
            #expect(done.headers[.location] == "/alerts")
        }
        #expect(try outbox.unacknowledgedUrgent().isEmpty)
        let audit = try ConcernStore(database: bed.database).generalAudit(actor: "test", at: bed.clock.now)
        #expect(audit.contains { $0.actor == "desk:dep" && $0.action == "alert_acknowledged" })
    }

    @Test func thePrintablePageShowsTheRecordAndIsAuditedAsAnExport() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try bed.addUser("aud", role: .auditor)
        let reference = try bed.addConcern(text: "PRINTED-ANSWER")
        try await bed.run { client in
            let lead = DeskBrowser(client)
            _ = try await lead.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let before = try await lead.get("/concerns/\(reference)/print")
            #expect(before.headers[.location] == "/concerns/\(reference)", "a reason first")
            let csrf = try #require(DeskBrowser.csrf(try await lead.get("/queue")))
            _ = try await lead.post("/concerns/\(reference)/reason", ["csrf": csrf, "reason": "quarterly case review"])
            let printed = try await lead.get("/concerns/\(reference)/print")
            #expect(printed.status == .ok)
            #expect(DeskBrowser.text(printed).contains("PRINTED-ANSWER"))
            let auditor = DeskBrowser(client)
            _ = try await auditor.signIn("aud", password: DeskTestBed.password, code: bed.code())
            #expect(try await auditor.get("/concerns/\(reference)/print").status == .forbidden)
        }
        let events = try ConcernStore(database: bed.database).audit(reference, actor: "test", at: bed.clock.now)
        #expect(events.contains { $0.actor == "desk:alex" && $0.action == "exported" && $0.reason == "printable page" })
    }

    @Test func aRecordIsAssignedToAnEnabledLeadAndTheQueueFiltersByAssignee() async throws {
        let bed = try await DeskTestBed()
        try bed.addUser("alex", role: .lead)
        try bed.addUser("kim", role: .lead)
        try bed.addUser("aud", role: .auditor)
        let first = try bed.addConcern(text: "first")
        let second = try bed.addConcern(text: "second")
        try await bed.run { client in
            let browser = DeskBrowser(client)
            _ = try await browser.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let csrf = try #require(DeskBrowser.csrf(try await browser.get("/queue")))
            let toAuditor = try await browser.post("/concerns/\(first)/assign", ["csrf": csrf, "assignee": "aud"])
            #expect(toAuditor.status == .badRequest, "only a lead")
            let assigned = try await browser.post("/concerns/\(first)/assign", ["csrf": csrf, "assignee": "kim"])
            #expect(assigned.status == .seeOther)
            let kims = DeskBrowser.text(try await browser.get("/queue?assignee=kim"))
            #expect(kims.contains(first) && !kims.contains(second))
            let everyone = DeskBrowser.text(try await browser.get("/queue?assignee=nobody-real"))
            #expect(everyone.contains(first) && everyone.contains(second), "an unknown name is no filter")
        }
        let events = try ConcernStore(database: bed.database).audit(first, actor: "test", at: bed.clock.now)
        #expect(events.contains { $0.actor == "desk:alex" && $0.action == "assigned" && $0.reason == "desk:kim" })
    }

    /// The value of the header called `name` (any case).
    func header(_ response: TestResponse, _ name: String) -> String? {
        response.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }
}
