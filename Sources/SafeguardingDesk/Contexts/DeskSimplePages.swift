/// A page with a heading and one paragraph (refusals, errors, "not found").
struct MessagePage: Sendable {
    let heading: String
    let text: String
}

/// The sign-in page.
struct SignInPage: Sendable {
    var error: String? = nil
    var notice: String? = nil
    var name: String? = nil
}

/// The set-up page (user name and one-time code).
struct SetupPage: Sendable {
    var error: String? = nil
}

/// The reason asked for before the first record of a session is opened.
struct ReasonPage: Sendable {
    let reference: String
    let minimum: Int
    var error: String? = nil
}

/// The authenticator and password step of set-up, with the TOTP key as text, link and QR code.
struct EnrolPage: Sendable {
    /// The QR code of the set-up link as SVG path data.
    struct QR: Sendable {
        /// One row's path data.
        struct Path: Sendable {
            let d: String
        }

        let side: Int
        let pixels: Int
        let paths: [Path]
    }

    let name: String
    let setupCode: String
    let secret: String
    let uri: String
    let minimum: Int
    let qr: QR?
    var error: String? = nil
}
