/// The texts of the safeguarding team's alerts: a reference, the urgency and what to do — never names, details or
/// what was said, since they go to a team room. The runtime stores each alert with its text; the store only keeps it.
public enum TeamAlertText {
    /// A concern form was submitted as `reference`.
    public static func newConcern(reference: String, urgent: Bool) -> String {
        "\(urgent ? "URGENT: " : "")New concern \(reference) (stage: reported). "
            + "Open it in a direct message with me or on the host."
    }

    /// An urgent alert raised at `time` (as the runtime formats it, UTC): for the emergency answer given outside a
    /// form, what happened, where and when (``UrgentAlert/teamText(at:)``); for danger during a concern form, that a
    /// lead should contact the reporter now.
    public static func urgent(_ alert: UrgentAlert, at time: String) -> String {
        let why: String
        switch alert.reason {
        case .dangerAnswerOutsideForm: return alert.teamText(at: time)
        case .dangerReportedInForm: why = "a member of staff reported that someone may be in danger now"
        case .safetyScreenDuringForm: why = "danger language came up while a concern was being raised"
        }
        return "URGENT: \(why). They were given the emergency answer (999). A lead should contact them now: "
            + "run 'prevent-assist concerns alerts' on the host."
    }

    /// An urgent alert about `reference` (or a concern form) that no lead acknowledged within `minutes`, passed to
    /// the deputies with its original text.
    public static func escalated(reference: String?, minutes: Int64, original: String) -> String {
        "ESCALATED: an urgent alert from \(reference ?? "a concern form") was not acknowledged by a lead within "
            + "\(minutes) minutes. \(original)"
    }
}
