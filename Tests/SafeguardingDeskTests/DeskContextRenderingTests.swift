import Foundation
import Hummingbird
import HummingbirdTesting
import SafeguardingDesk
import Storage
import Testing

/// The typed page contexts render the values they hold, including fields called `name` (a look-up once answered
/// with the key itself: the enrol form's hidden user name read "name", and set-up failed in the browser).
@Suite(.timeLimit(.minutes(2)))
struct DeskContextRenderingTests {
    @Test func theEnrolFormCarriesTheUsersNameAndTheQueueTheLeadsNames() async throws {
        let bed = try await DeskTestBed()
        let code = try bed.addPendingUser("sam", role: .lead)
        try bed.addUser("alex", role: .lead)
        try await bed.run { client in
            let browser = DeskBrowser(client)
            let csrf = try #require(DeskBrowser.csrf(try await browser.get("/setup")))
            let enrol = DeskBrowser.text(
                try await browser.post("/setup", ["csrf": csrf, "name": "sam", "setup_code": code])
            )
            #expect(enrol.contains("<input type=\"hidden\" name=\"name\" value=\"sam\">"))
            #expect(enrol.contains("<dd>sam</dd>"))
            let lead = DeskBrowser(client)
            _ = try await lead.signIn("alex", password: DeskTestBed.password, code: bed.code())
            let queue = DeskBrowser.text(try await lead.get("/queue"))
            #expect(queue.contains("<option value=\"alex\">alex</option>"))
            #expect(queue.contains("Signed in as <strong>alex</strong> (lead)"))
        }
    }
}
