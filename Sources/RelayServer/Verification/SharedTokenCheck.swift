/// Mattermost and Zulip outgoing webhooks carry a fixed token in the payload (not an HMAC): it is compared with the
/// configured one in constant time. Pure.
public enum SharedTokenCheck {
    public static func verify(expected: String, presented: String?, platform: String) -> Result<Void, RelayRefusal> {
        guard let presented, !presented.isEmpty else {
            return .failure(.unauthenticated("\(platform) webhook token missing"))
        }
        guard ConstantTime.equal(expected, presented) else {
            return .failure(.unauthenticated("\(platform) webhook token does not match"))
        }
        return .success(())
    }
}
