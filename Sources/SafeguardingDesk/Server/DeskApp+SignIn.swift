import Foundation
import HummingbirdBcrypt
import HummingbirdOTP
import Mustache
import Storage

/// Sign-in (password + TOTP, with lockout and back-off), first set-up with the one-time code, and sign-out.
extension DeskApp {
    /// The CSRF token for the forms before sign-in: the `desk_pre` cookie's, or a new one set now.
    private func preSessionToken(_ request: DeskRequest) -> (token: String, cookies: [String]) {
        if let token = request.cookies[Self.preSessionCookie], token.utf8.count == 43 { return (token, []) }
        let token = DeskSecrets.token()
        return (token, [cookie(Self.preSessionCookie, token, request: request)])
    }

    private func preSessionPage<Page: Sendable & MustacheParent>(
        _ template: String,
        title: String,
        request: DeskRequest,
        status: Int = 200,
        _ context: Page
    ) -> DeskResponse {
        let (token, cookies) = preSessionToken(request)
        var response = page(template, title: title, user: nil, status: status, csrf: token, context)
        response.setCookies += cookies
        return response
    }

    private func preSessionFormIsGenuine(_ request: DeskRequest) -> Bool {
        CSRFCheck.matches(posted: request.form["csrf"], expected: request.cookies[Self.preSessionCookie])
    }

    /// `GET /signin`.
    public func signInPage(_ request: DeskRequest) -> DeskResponse {
        preSessionPage("signin", title: "Sign in", request: request, SignInPage())
    }

    /// `POST /signin`: name, password and a TOTP code. Always a new session id on success (no fixation).
    public func signIn(_ request: DeskRequest) -> DeskResponse {
        guard preSessionFormIsGenuine(request) else {
            return preSessionPage(
                "signin",
                title: "Sign in",
                request: request,
                status: 403,
                SignInPage(error: "This form has expired. Please try again.")
            )
        }
        let name = (request.form["name"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = request.form["password"] ?? ""
        let code = request.form["code"] ?? ""
        let refused = preSessionPage(
            "signin",
            title: "Sign in",
            request: request,
            status: 401,
            SignInPage(
                error: "The name, password or code is not right, or the account is locked. Try again.",
                name: name
            )
        )
        do {
            let time = now()
            guard DeskIdentity.isValidName(name), let account = try accounts.account(named: name),
                !account.isDisabled, let credentials = try accounts.credentials(name)
            else {
                // The same work as a real check, so timing does not tell which names exist.
                _ = Bcrypt.verify(password, hash: Self.decoyHash)
                return refused
            }
            let throttle = SignInThrottle()
            if let wait = throttle.wait(lockedUntil: account.lockedUntil, at: time) {
                try concerns.recordAccess(
                    actor: DeskIdentity.actor(name),
                    action: "desk_sign_in_refused",
                    reference: nil,
                    detail: "locked for \(wait) more seconds",
                    at: time
                )
                return refused
            }
            let passwordOK =
                password.utf8.count <= PasswordPolicy.maximumLength
                && Bcrypt.verify(password, hash: credentials.passwordHash)
            let totp = TOTP(secret: credentials.totpSecret)
            let step = TOTPWindow().acceptedStep(code, at: time, after: account.lastTOTPStep) {
                totp.compute(date: Date(timeIntervalSince1970: TimeInterval($0 * TOTPWindow.stepSeconds)))
            }
            guard passwordOK, let step else {
                let lockedUntil = throttle.lockedUntil(afterFailures: account.failedAttempts + 1, at: time)
                try accounts.recordFailure(name, lockedUntil: lockedUntil)
                try concerns.recordAccess(
                    actor: DeskIdentity.actor(name),
                    action: "desk_sign_in_failed",
                    reference: nil,
                    detail: passwordOK ? "wrong code" : "wrong password",
                    at: time
                )
                return refused
            }
            try accounts.recordSuccess(name, totpStep: step)
            var cookies: [String] = []
            if let old = request.cookies[Self.sessionCookie], old.utf8.count <= 128 {
                try accounts.deleteSession(idHash: DeskSecrets.hash(old))
            }
            let id = DeskSecrets.token()
            try accounts.createSession(
                idHash: DeskSecrets.hash(id),
                account: name,
                csrfToken: DeskSecrets.token(),
                at: time
            )
            cookies.append(cookie(Self.sessionCookie, id, request: request))
            try concerns.recordAccess(
                actor: DeskIdentity.actor(name),
                action: "desk_signed_in",
                reference: nil,
                detail: nil,
                at: time
            )
            return DeskResponse(status: 303, setCookies: cookies, location: "/")
        } catch {
            return message(500, "Something went wrong", "Sign-in could not be completed. Try again.", user: nil)
        }
    }

    /// `POST /signout`: ends the session in the store and clears the cookie.
    public func signOut(_ request: DeskRequest) -> DeskResponse {
        guard let id = request.cookies[Self.sessionCookie], id.utf8.count <= 128,
            let session = try? accounts.session(idHash: DeskSecrets.hash(id)),
            CSRFCheck.matches(posted: request.form["csrf"], expected: session.csrfToken)
        else { return .redirect(.signIn) }
        try? accounts.deleteSession(idHash: session.idHash)
        try? concerns.recordAccess(
            actor: DeskIdentity.actor(session.account),
            action: "desk_signed_out",
            reference: nil,
            detail: nil,
            at: now()
        )
        return .redirect(.signIn, cookies: [cookie(Self.sessionCookie, "", request: request, maxAge: 0)])
    }

    // MARK: - Set-up

    /// `GET /setup`: name and the one-time code from `desk user add`.
    public func setupPage(_ request: DeskRequest) -> DeskResponse {
        preSessionPage("setup", title: "Set up your desk account", request: request, SetupPage())
    }

    /// Checks the name and set-up code of a set-up form; counts a wrong code like a failed sign-in.
    private func checkSetupCode(_ request: DeskRequest) throws(StorageError) -> String? {
        let name = (request.form["name"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let code = (request.form["setup_code"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let time = now()
        guard DeskIdentity.isValidName(name), let account = try accounts.account(named: name),
            let pending = try accounts.pendingSetup(name)
        else { return nil }
        guard SignInThrottle().wait(lockedUntil: account.lockedUntil, at: time) == nil else { return nil }
        guard pending.expiresAt > time, CSRFCheck.matches(posted: DeskSecrets.hash(code), expected: pending.codeHash)
        else {
            let lockedUntil = SignInThrottle().lockedUntil(afterFailures: account.failedAttempts + 1, at: time)
            try accounts.recordFailure(name, lockedUntil: lockedUntil)
            return nil
        }
        return name
    }

    /// `POST /setup`: a right code shows the TOTP secret to enrol and asks for a password and a first code.
    public func setupStart(_ request: DeskRequest) -> DeskResponse {
        guard preSessionFormIsGenuine(request) else {
            return setupPage(request, status: 403, error: "This form has expired.")
        }
        do {
            guard let name = try checkSetupCode(request) else {
                return setupPage(request, status: 401, error: Self.setupCodeMismatch)
            }
            let secret = try accounts.pendingSecret(name) ?? DeskSecrets.totpSecret()
            try accounts.stagePendingSecret(name, totpSecret: secret)
            return enrolPage(request, name: name, secret: secret, error: nil)
        } catch {
            return message(500, "Something went wrong", "Set-up could not continue. Try again.", user: nil)
        }
    }

    static let setupCodeMismatch =
        "That name and set-up code do not match an account waiting for set-up, or the code has expired."

    /// The set-up page again, with why the last attempt did not go through.
    private func setupPage(_ request: DeskRequest, status: Int, error: String) -> DeskResponse {
        preSessionPage(
            "setup",
            title: "Set up your desk account",
            request: request,
            status: status,
            SetupPage(error: error)
        )
    }

    private func enrolPage(_ request: DeskRequest, name: String, secret: String, error: String?) -> DeskResponse {
        let totp = TOTP(secret: secret)
        let uri = totp.createAuthenticatorURL(label: "\(settings.institution):\(name)", issuer: settings.institution)
        // The same link as a QR code; a link too long for version 10 (a very long institution name) has only text.
        let qr = (try? QRCode(text: uri)).map { code in
            let drawing = QRCodeDrawing(code)
            return EnrolPage.QR(side: drawing.side, pixels: drawing.side * 5, paths: drawing.paths.map { .init(d: $0) })
        }
        let context = EnrolPage(
            name: name,
            setupCode: (request.form["setup_code"] ?? "").uppercased(),
            secret: DeskSecrets.base32(secret.utf8),
            uri: uri,
            minimum: PasswordPolicy.minimumLength,
            qr: qr,
            error: error
        )
        return preSessionPage(
            "enrol",
            title: "Choose a password and add the authenticator",
            request: request,
            status: error == nil ? 200 : 400,
            context
        )
    }

    /// `POST /setup/finish`: password (policy-checked, bcrypt) and a code from the new authenticator entry.
    public func setupFinish(_ request: DeskRequest) -> DeskResponse {
        guard preSessionFormIsGenuine(request) else {
            return setupPage(request, status: 403, error: "This form has expired.")
        }
        do {
            guard let name = try checkSetupCode(request), let secret = try accounts.pendingSecret(name) else {
                return setupPage(request, status: 401, error: Self.setupCodeMismatch)
            }
            let password = request.form["password"] ?? ""
            if let refusal = passwords.refusal(password, name: name) {
                return enrolPage(request, name: name, secret: secret, error: refusal)
            }
            guard password == request.form["password_again"] else {
                return enrolPage(request, name: name, secret: secret, error: "The two passwords are not the same.")
            }
            let totp = TOTP(secret: secret)
            let time = now()
            guard
                let step = TOTPWindow().acceptedStep(
                    request.form["code"] ?? "",
                    at: time,
                    after: 0,
                    code: {
                        totp.compute(date: Date(timeIntervalSince1970: TimeInterval($0 * TOTPWindow.stepSeconds)))
                    }
                )
            else {
                return enrolPage(
                    request,
                    name: name,
                    secret: secret,
                    error: "That code is not the one your authenticator shows now. Check its clock and try again."
                )
            }
            try accounts.enrol(name, passwordHash: Bcrypt.hash(password, cost: settings.bcryptCost), totpStep: step)
            try concerns.recordAccess(
                actor: DeskIdentity.actor(name),
                action: "desk_enrolled",
                reference: nil,
                detail: nil,
                at: time
            )
            return preSessionPage(
                "signin",
                title: "Sign in",
                request: request,
                SignInPage(notice: "Your account is ready. Sign in with your password and a new code.")
            )
        } catch {
            return message(500, "Something went wrong", "Set-up could not be completed. Try again.", user: nil)
        }
    }

    /// A bcrypt hash of nothing anyone types, checked when the name is unknown.
    static let decoyHash = Bcrypt.hash(DeskSecrets.token(), cost: 12)
}
