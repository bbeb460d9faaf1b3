public import AssistantCore
public import Storage

/// Open records (not closed) by stage and by age band at a given time: the "concerns by stage and age" table.
public struct StageAges: Sendable, Hashable {
    /// An age band: from `fromDays` (inclusive) up to the next band's start.
    public struct Band: Sendable, Hashable {
        public let fromDays: Int64
        public let label: String
    }

    /// One stage's counts, one per band, and their total.
    public struct Row: Sendable, Hashable {
        public let stage: ConcernStage
        public let counts: [Int]
        public var total: Int { counts.reduce(0, +) }
    }

    /// The bands, youngest first.
    public static let bands: [Band] = [
        Band(fromDays: 0, label: "under 7 days"),
        Band(fromDays: 7, label: "7 to 29 days"),
        Band(fromDays: 30, label: "30 to 89 days"),
        Band(fromDays: 90, label: "90 days or more"),
    ]
    /// One row per open stage, in pathway order (rows with no records included).
    public let rows: [Row]

    public var bands: [Band] { Self.bands }

    public var total: Int { rows.reduce(0) { $0 + $1.total } }

    public init(_ timings: [DeskTiming], at time: Int64) {
        let bands = Self.bands.map(\.fromDays)
        var counts: [ConcernStage: [Int]] = [:]
        for timing in timings where timing.stage != .closed {
            let days = max(0, time - timing.createdAt) / 86_400
            let band = bands.lastIndex { days >= $0 } ?? 0
            counts[timing.stage, default: Array(repeating: 0, count: bands.count)][band] += 1
        }
        self.init(counts: counts)
    }

    /// From counts per stage, one per band (``bands``); closed and missing stages count nothing.
    public init(counts: [ConcernStage: [Int]]) {
        let width = Self.bands.count
        rows = ConcernStage.allCases.filter { $0 != .closed }.map { stage in
            let given = counts[stage] ?? []
            return Row(stage: stage, counts: (0..<width).map { given.indices.contains($0) ? given[$0] : 0 })
        }
    }
}
