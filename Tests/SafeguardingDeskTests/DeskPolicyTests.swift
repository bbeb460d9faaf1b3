import AssistantCore
import Foundation
import SafeguardingDesk
import Testing

/// The desk's pure rules: lockout back-off, the TOTP window, session expiry, the CSRF comparison, the password
/// policy, and which role may open which page.
struct DeskPolicyTests {
    @Test func theFirstFailuresCostNothingThenEachLockDoublesUpToAnHour() {
        let throttle = SignInThrottle()
        let time: Int64 = 1_000_000
        for failures in 1..<SignInThrottle.freeAttempts {
            #expect(throttle.lockedUntil(afterFailures: failures, at: time) == time)
        }
        let locks = (5...12).map { throttle.lockedUntil(afterFailures: $0, at: time) - time }
        #expect(locks == [30, 60, 120, 240, 480, 960, 1920, 3600])
        #expect(throttle.lockedUntil(afterFailures: 500, at: time) - time == 3600)
        #expect(throttle.wait(lockedUntil: time + 30, at: time) == 30)
        #expect(throttle.wait(lockedUntil: time + 30, at: time + 30) == nil)
    }

    @Test func aTOTPCodeIsAcceptedForTheStepEitherSideOfNowAndOnlyOnce() {
        let window = TOTPWindow()
        let time: Int64 = 1_700_000_015
        let now = window.step(at: time)
        // A code function where each step has its own code.
        let code: (Int64) -> Int = { Int($0 % 1_000_000) }
        let format: (Int64) -> String = { String(format: "%06d", Int($0 % 1_000_000)) }
        #expect(window.acceptedStep(format(now), at: time, after: 0, code: code) == now)
        #expect(window.acceptedStep(format(now - 1), at: time, after: 0, code: code) == now - 1)
        #expect(window.acceptedStep(format(now + 1), at: time, after: 0, code: code) == now + 1)
        #expect(window.acceptedStep(format(now - 2), at: time, after: 0, code: code) == nil)
        #expect(window.acceptedStep(format(now + 2), at: time, after: 0, code: code) == nil)
        #expect(window.acceptedStep(format(now), at: time, after: now, code: code) == nil, "replayed")
        #expect(window.acceptedStep("12345", at: time, after: 0, code: code) == nil)
        #expect(window.acceptedStep("12a456", at: time, after: 0, code: code) == nil)
        #expect(window.acceptedStep("", at: time, after: 0, code: code) == nil)
    }

    @Test func aSessionEndsAfterIdleTimeOrItsAbsoluteLifetime() {
        let policy = SessionPolicy(idleSeconds: 900, absoluteSeconds: 3600)
        #expect(policy.isLive(createdAt: 0, lastSeenAt: 0, at: 899))
        #expect(!policy.isLive(createdAt: 0, lastSeenAt: 0, at: 900))
        #expect(policy.isLive(createdAt: 0, lastSeenAt: 3000, at: 3500))
        #expect(!policy.isLive(createdAt: 0, lastSeenAt: 3599, at: 3600))
        #expect(!policy.isLive(createdAt: 100, lastSeenAt: 100, at: 50), "a clock that went backwards")
    }

    @Test func theCSRFTokenMustMatchExactly() {
        #expect(CSRFCheck.matches(posted: "abc", expected: "abc"))
        #expect(!CSRFCheck.matches(posted: "abd", expected: "abc"))
        #expect(!CSRFCheck.matches(posted: "ab", expected: "abc"))
        #expect(!CSRFCheck.matches(posted: nil, expected: "abc"))
        #expect(!CSRFCheck.matches(posted: "", expected: ""))
        #expect(!CSRFCheck.matches(posted: "abc", expected: nil))
    }

    @Test func shortCommonAndNameBasedPasswordsAreRefused() {
        let policy = PasswordPolicy(commonPasswords: ["password", "qwertyuiop"])
        #expect(policy.refusal("short", name: "alex") != nil)
        #expect(policy.refusal("Password123!", name: "alex") != nil)
        #expect(policy.refusal("QWERTYUIOP12", name: "alex") != nil, "case and trailing digits do not hide it")
        #expect(policy.refusal("qwertyuiop2026", name: "alex") != nil)
        #expect(policy.refusal("alex-is-my-name", name: "alex") != nil)
        #expect(policy.refusal("heron lantern quietly", name: "alex") == nil)
        #expect(policy.refusal(String(repeating: "x", count: 73), name: "alex") != nil)
    }

    @Test func eachRoleOpensOnlyThePagesItsPermissionsAllow() {
        let roles = AccessRoles()
        let actor = DeskIdentity.actor("sam")
        let lead = DeskRole.lead.granting(actor, in: roles)
        let deputy = DeskRole.deputy.granting(actor, in: roles)
        let auditor = DeskRole.auditor.granting(actor, in: roles)
        let allowed = { (roles: AccessRoles) in DeskPage.allCases.filter { roles.permits(actor, $0.permission) } }
        #expect(allowed(lead) == DeskPage.allCases)
        #expect(allowed(deputy) == [.acknowledge, .alerts])
        #expect(allowed(auditor) == [.audit])
        #expect(DeskPage.home(for: actor, roles: deputy) == .alerts)
        #expect(DeskPage.home(for: actor, roles: auditor) == .audit)
        #expect(DeskPage.home(for: actor, roles: roles) == nil)
        // A moderator gets no record right at all (only the content-health page, checked by the desk itself).
        let moderator = DeskRole.moderator.granting(actor, in: roles)
        #expect(allowed(moderator).isEmpty)
        #expect(DeskPage.home(for: actor, roles: moderator) == nil)
    }

    @Test func userNamesAreShortPlainAndLowerCase() {
        #expect(DeskIdentity.isValidName("alex.smith"))
        #expect(!DeskIdentity.isValidName("Alex"))
        #expect(!DeskIdentity.isValidName("a"))
        #expect(!DeskIdentity.isValidName("1alex"))
        #expect(!DeskIdentity.isValidName("alex smith"))
        #expect(!DeskIdentity.isValidName("<script>"))
    }

    @Test func base32MatchesRFC4648() {
        #expect(DeskSecrets.base32(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(DeskSecrets.base32(Array("f".utf8)) == "MY")
        #expect(DeskSecrets.base32([UInt8]()) == "")
    }

    @Test func listenAddressesAreHostAndPort() {
        let loopback = DeskSettings.listenAddress("127.0.0.1:8443")
        #expect(loopback?.host == "127.0.0.1" && loopback?.port == 8443)
        let ipv6 = DeskSettings.listenAddress("[::1]:9000")
        #expect(ipv6?.host == "::1" && ipv6?.port == 9000)
        #expect(DeskSettings.listenAddress("127.0.0.1") == nil)
        #expect(DeskSettings.listenAddress("evil host:80") == nil)
        #expect(DeskSettings.listenAddress("h:70000") == nil)
    }
}
