/// The welfare-case counts the OfS Prevent accountability and data return asks for, computed from records' stage
/// histories: cases escalated to the Prevent lead, cases where external advice was sought, and formal referrals to
/// Prevent, each broken down by ideology category.
///
/// A case counts in a year when it reached the stage on a day in that academic year (a case that reached it twice
/// counts once). The ideology is the latest one the lead set. These are generic descriptions of the return's
/// categories, not its official field names.
public struct OfSWelfareReturn: Sendable, Hashable {
    /// One row of the return.
    public struct Row: Sendable, Hashable {
        public let measure: ConcernStage
        public let byIdeology: [IdeologyCategory?: Int]

        public var total: Int { byIdeology.values.reduce(0, +) }
    }

    public static let measures: [ConcernStage] = [.escalatedToPreventLead, .externalAdviceSought, .referred]

    public let year: AcademicYear
    public let rows: [Row]

    public init(year: AcademicYear, histories: [ConcernHistory]) {
        self.year = year
        rows = Self.measures.map { measure in
            var counts: [IdeologyCategory?: Int] = [:]
            for history in histories
            where history.changes.contains(where: { $0.stage == measure && year.contains($0.on) }) {
                counts[history.ideology, default: 0] += 1
            }
            return Row(measure: measure, byIdeology: counts)
        }
    }

    public func count(_ measure: ConcernStage, _ ideology: IdeologyCategory?) -> Int {
        rows.first { $0.measure == measure }?.byIdeology[ideology] ?? 0
    }

    public func total(_ measure: ConcernStage) -> Int { rows.first { $0.measure == measure }?.total ?? 0 }
}
