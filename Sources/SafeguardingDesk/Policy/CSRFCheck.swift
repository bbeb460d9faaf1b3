/// The CSRF check for every form: the token posted must equal the one the session (or, before sign-in, the
/// pre-session cookie) holds, compared in constant time; an empty or missing token never matches.
public enum CSRFCheck {
    public static func matches(posted: String?, expected: String?) -> Bool {
        guard let posted, let expected, !expected.isEmpty, posted.utf8.count == expected.utf8.count else {
            return false
        }
        var difference: UInt8 = 0
        for (a, b) in zip(posted.utf8, expected.utf8) { difference |= a ^ b }
        return difference == 0
    }
}
