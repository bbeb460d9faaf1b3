/// One line of `prevent-assist doctor`: what was checked, how it stands, and what to do about it.
struct DoctorFinding: Sendable, Hashable {
    /// How a check came out: only `.problem` makes `doctor` exit 1.
    enum Status: Sendable, Hashable {
        case ok, note, problem

        var mark: String {
            switch self {
            case .ok: "✓"
            case .note: "!"
            case .problem: "✗"
            }
        }
    }

    let status: Status
    let check: String
    let detail: String
    /// What to do, for a note or a problem.
    let fix: String?

    static func ok(_ check: String, _ detail: String) -> DoctorFinding {
        DoctorFinding(status: .ok, check: check, detail: detail, fix: nil)
    }

    static func note(_ check: String, _ detail: String, fix: String? = nil) -> DoctorFinding {
        DoctorFinding(status: .note, check: check, detail: detail, fix: fix)
    }

    static func problem(_ check: String, _ detail: String, fix: String) -> DoctorFinding {
        DoctorFinding(status: .problem, check: check, detail: detail, fix: fix)
    }

    /// The printed line, with the fix on the next line.
    var text: String {
        "\(status.mark) \(check): \(detail)" + (fix.map { "\n    fix: \($0)" } ?? "")
    }
}
