import Mustache

/// What a template is rendered with: the header's fields (title, institution, the signed-in user, the CSRF token,
/// the navigation) and the page's own typed context, whose stored properties the templates read by name
/// (the generated `*+Lookup.swift` files beside each context file).
struct DeskFrame<Page: Sendable & MustacheParent>: Sendable, MustacheParent {
    /// One link of the navigation.
    struct Link: Sendable, MustacheParent {
        let href: String
        let label: String

        func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "label": label
            default: nil
            }
        }
    }

    let title: String
    let institution: String
    /// The signed-in user's name, or `nil` before sign-in (the header then shows no navigation).
    let user: String?
    let role: String?
    /// The session's CSRF token, or the pre-session one on the sign-in and set-up forms.
    let csrf: String?
    let nav: [Link]
    let page: Page

    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "institution": return institution
        case "user": return user
        case "role": return role
        case "csrf": return csrf
        case "nav": return nav
        default: return page.child(named: name)
        }
    }
}
