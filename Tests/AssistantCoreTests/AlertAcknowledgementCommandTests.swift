import AssistantCore
import Testing

/// "ack 12", "acknowledge alert #12", "I've got the urgent alert": a lead or deputy acknowledging an alert from chat,
/// however they put it; nothing else reads as one.
struct AlertAcknowledgementCommandTests {
    @Test(arguments: [
        ("ack 12", Int64(12)), ("acknowledge alert 12", 12), ("Acknowledge alert #12 please", 12),
        ("ack alert no. 7", 7), ("acknowledged the urgent alert 31", 31), ("I'm acknowledging alert 4", 4),
        ("acknowlege alert 9", 9),
    ])
    func withANumber(_ text: String, _ id: Int64) {
        #expect(
            ConcernCommand.parse(text, requester: "matrix:@lead")
                == .acknowledgeAlert(id: id, requester: "matrix:@lead")
        )
    }

    @Test(arguments: ["acknowledge the alert", "ack alerts", "ack the urgent alerts", "acknowledge alerts please"])
    func withoutANumberItAsksWhichOne(_ text: String) {
        #expect(
            ConcernCommand.parse(text, requester: "matrix:@lead")
                == .acknowledgeAlert(id: nil, requester: "matrix:@lead")
        )
    }

    @Test(arguments: [
        "how do I acknowledge a student's disclosure", "should I acknowledge his email before I report it",
        "what is an alert", "the fire alarm alert went off 3 times", "acknowledgement of country in lectures",
        "ack", "acknowledged", "ok acknowledged",
    ])
    func notACommand(_ text: String) {
        #expect(ConcernCommand.parse(text, requester: "matrix:@lead") == nil)
    }
}
