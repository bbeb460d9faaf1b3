public import AssistantCore

/// A desk user's role, given at `desk user add`. It maps onto the configuration's roles model: a `lead` is a
/// safeguarding lead, a `deputy` a deputy (alerts only), an `auditor` an auditor (audit trail only), for the
/// identity `desk:NAME` (``DeskIdentity``). What each may do is ``ConcernPermission``'s, not the desk's. A
/// `moderator` gets no record rights at all: only the content-health page.
public enum DeskRole: String, Sendable, Hashable, CaseIterable {
    case lead
    case deputy
    case auditor
    /// Moderates content (the content-health page: articles past review, snippets waiting); no record rights.
    case moderator

    /// `roles` from the configuration with `actor` added to this role's set.
    public func granting(_ actor: String, in roles: AccessRoles) -> AccessRoles {
        switch self {
        case .lead:
            AccessRoles(
                safeguardingLeads: roles.safeguardingLeads.union([actor]),
                preventLeads: roles.preventLeads,
                deputies: roles.deputies,
                auditors: roles.auditors
            )
        case .deputy:
            AccessRoles(
                safeguardingLeads: roles.safeguardingLeads,
                preventLeads: roles.preventLeads,
                deputies: roles.deputies.union([actor]),
                auditors: roles.auditors
            )
        case .auditor:
            AccessRoles(
                safeguardingLeads: roles.safeguardingLeads,
                preventLeads: roles.preventLeads,
                deputies: roles.deputies,
                auditors: roles.auditors.union([actor])
            )
        case .moderator:
            roles
        }
    }
}

/// How a desk user is named in the audit trail and in `roles`: `desk:NAME`.
public enum DeskIdentity {
    public static func actor(_ name: String) -> String { "desk:\(name)" }

    /// Whether `name` is an acceptable desk user name: 2–32 of lower-case letters, digits, `.`, `-`, `_`,
    /// starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard (2...32).contains(name.count), let first = name.first, first.isASCII, first.isLowercase else {
            return false
        }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || ".-_".contains($0) }
    }
}
