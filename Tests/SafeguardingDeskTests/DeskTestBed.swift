import AssistantCore
import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdOTP
import HummingbirdTesting
import PreventAssistTesting
import SafeguardingDesk
import Storage
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let seconds: Mutex<Int64>
    init(_ start: Int64) { seconds = Mutex(start) }
    var now: Int64 { seconds.withLock { $0 } }
    func advance(_ by: Int64) { seconds.withLock { $0 += by } }
}

/// A desk over a fresh store in a temporary folder, with users whose password and TOTP secret the test knows, and
/// helpers to sign in and post forms through Hummingbird's testing client.
struct DeskTestBed {
    let directory: TemporaryDirectory
    let database: AppDatabase
    let clock: TestClock
    let app: DeskApp

    static let password = "heron lantern quietly"
    static let secret = "JBSWY3DPEHPK3PXPJBSW"
    /// 2026-10-05 09:00 UTC.
    static let start: Int64 = 1_791_190_800

    init(roles: AccessRoles = AccessRoles(), content: DeskContent = DeskContent()) async throws {
        directory = try TemporaryDirectory()
        database = try AppDatabase(
            file: directory.url.appendingPathComponent("prevent-assist.sqlite"),
            key: EncryptionKey.generate()
        )
        let clock = TestClock(Self.start)
        self.clock = clock
        app = try await DeskApp.make(
            database: database,
            roles: roles,
            settings: DeskSettings(bcryptCost: 4),
            content: content,
            now: { clock.now }
        )
    }

    /// Adds an enrolled desk user with ``password`` and ``secret``.
    func addUser(_ name: String, role: DeskRole) throws {
        let accounts = DeskAccountStore(database: database)
        try accounts.add(
            name: name,
            role: role.rawValue,
            setupCodeHash: "-",
            setupExpiresAt: clock.now + 60,
            at: clock.now
        )
        try accounts.stagePendingSecret(name, totpSecret: Self.secret)
        try accounts.enrol(name, passwordHash: Bcrypt.hash(Self.password, cost: 4), totpStep: 0)
    }

    /// Stores a concern whose free-text answer is `text`; returns its reference.
    func addConcern(text: String, urgent: Bool = false) throws -> String {
        try ConcernStore(database: database).create(
            FormSubmission(
                formID: "raise_concern",
                reporterID: "matrix:@reporter:example.ac.uk",
                urgent: urgent,
                fields: [
                    .init(
                        slot: "what",
                        label: "What was seen or heard",
                        value: text,
                        display: text,
                        sensitivity: .freeText
                    )
                ]
            ),
            at: clock.now
        )
    }

    /// The TOTP code for now.
    func code(offsetSteps: Int64 = 0) -> String {
        let step = clock.now / 30 + offsetSteps
        let value = TOTP(secret: Self.secret).compute(date: Date(timeIntervalSince1970: TimeInterval(step * 30)))
        return String(format: "%06d", value)
    }

    func run<Value: Sendable>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let application = Application(router: DeskRouter.router(app))
        return try await application.test(.router, test)
    }

    /// Adds a user waiting for set-up; returns the set-up code.
    func addPendingUser(_ name: String, role: DeskRole) throws -> String {
        let code = DeskSecrets.setupCode()
        try DeskAccountStore(database: database).add(
            name: name,
            role: role.rawValue,
            setupCodeHash: DeskSecrets.hash(code),
            setupExpiresAt: clock.now + 3600,
            at: clock.now
        )
        return code
    }
}
