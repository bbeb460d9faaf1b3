import AssistantCore
import Foundation
import PreventAssistTesting
import SafeguardingDesk
import Storage
import Testing

/// The reports page's figures, from timings alone: time from report to triage (median, 90th percentile) for the
/// records raised in an academic year, and open records by stage and age.
struct DeskReportFiguresTests {
    /// 2026-10-05 00:00 UTC, in academic year 2026-27.
    static let day: Int64 = 1_791_158_400
    static let hour: Int64 = 3600

    static func timing(_ n: Int, at created: Int64, stage: ConcernStage = .triaged, after: Int64?) -> DeskTiming {
        DeskTiming(
            reference: "PC-2026-\(1000 + n)",
            createdAt: created,
            stage: stage,
            triagedAt: after.map { created + $0 }
        )
    }

    @Test func theMedianAndNinetiethPercentileCountOnlyTriagedRecordsOfTheYear() throws {
        let year = try #require(AcademicYear("2026-27"))
        let timings = [
            Self.timing(1, at: Self.day, after: 1 * Self.hour),
            Self.timing(2, at: Self.day, after: 2 * Self.hour),
            Self.timing(3, at: Self.day, after: 3 * Self.hour),
            Self.timing(4, at: Self.day, after: 10 * Self.hour),
            Self.timing(5, at: Self.day, stage: .reported, after: nil),
            // Raised in the year before: not counted.
            Self.timing(6, at: Self.day - 400 * 86_400, after: 100 * Self.hour),
        ]
        let figures = TriageTimes(timings, year: year)
        #expect(figures.triaged == 4)
        #expect(figures.waiting == 1)
        #expect(figures.median == 5 * Self.hour / 2, "the mean of the two middle values, 2 h and 3 h")
        #expect(figures.ninetiethPercentile == 10 * Self.hour, "nearest rank: the 4th of 4")
        let odd = TriageTimes(Array(timings.prefix(3)), year: year)
        #expect(odd.median == 2 * Self.hour && odd.ninetiethPercentile == 3 * Self.hour)
        let none = TriageTimes([Self.timing(5, at: Self.day, after: nil)], year: year)
        #expect(none.median == nil && none.ninetiethPercentile == nil && none.waiting == 1)
    }

    @Test func theNinetiethPercentileIsTheNearestRank() throws {
        let year = try #require(AcademicYear("2026-27"))
        // 1 … 20 hours: rank ceil(0.9 × 20) = 18.
        let timings = (1...20).map { Self.timing($0, at: Self.day, after: Int64($0) * Self.hour) }
        let figures = TriageTimes(timings, year: year)
        #expect(figures.ninetiethPercentile == 18 * Self.hour)
        #expect(figures.median == 21 * Self.hour / 2)
    }

    @Test func openRecordsAreCountedByStageAndAgeBand() {
        let now = Self.day + 200 * 86_400
        let timings = [
            Self.timing(1, at: now - 2 * 86_400, stage: .reported, after: nil),
            Self.timing(2, at: now - 10 * 86_400, stage: .reported, after: nil),
            Self.timing(3, at: now - 10 * 86_400, stage: .triaged, after: 60),
            Self.timing(4, at: now - 40 * 86_400, stage: .triaged, after: 60),
            Self.timing(5, at: now - 100 * 86_400, stage: .triaged, after: 60),
            Self.timing(6, at: now - 100 * 86_400, stage: .closed, after: 60),
        ]
        let table = StageAges(timings, at: now)
        #expect(table.bands.map(\.label) == ["under 7 days", "7 to 29 days", "30 to 89 days", "90 days or more"])
        #expect(!table.rows.contains { $0.stage == .closed })
        let reported = table.rows.first { $0.stage == .reported }
        let triaged = table.rows.first { $0.stage == .triaged }
        #expect(reported?.counts == [1, 1, 0, 0] && reported?.total == 2)
        #expect(triaged?.counts == [0, 1, 1, 1] && triaged?.total == 3)
        #expect(table.total == 5)
    }

    @Test func theStoresAggregatesAgreeWithTheFiguresFromEveryRecordsTimings() throws {
        try TemporaryDirectory.with { directory in
            let database = try AppDatabase(
                file: directory.url.appendingPathComponent("s.sqlite"),
                key: EncryptionKey.generate()
            )
            let store = ConcernStore(database: database)
            let now = Self.day + 120 * 86_400
            for index in 0..<40 {
                let created = Self.day - Int64(index % 7) * 50 * 86_400 + Int64(index) * 997
                let reference = try store.create(
                    DeskTaskAndLinkStorageTests.submission(about: nil),
                    at: created
                )
                if index % 3 == 0 {
                    try store.update(
                        reference,
                        stage: .triaged,
                        note: "reviewed with the reporter",
                        actor: "t",
                        at: created + Int64(index) * 61
                    )
                }
                if index % 4 == 1 {
                    try store.recordAccess(
                        actor: "t",
                        action: "alert_acknowledged",
                        reference: reference,
                        detail: nil,
                        at: created + 300
                    )
                }
                if index % 5 == 2 {
                    try store.update(
                        reference,
                        stage: .closed,
                        resolution: .noFurtherAction,
                        note: "no concern after review",
                        actor: "t",
                        at: created + 900
                    )
                }
            }
            let timings = try store.timings()
            for year in ["2025-26", "2026-27"] {
                let academic = try #require(AcademicYear(year))
                let bounds = TriageTimes.bounds(of: academic)
                let took = try store.triageDurations(raisedFrom: bounds.start, before: bounds.end)
                #expect(
                    TriageTimes(durations: took.durations, waiting: took.waiting, year: academic)
                        == TriageTimes(timings, year: academic)
                )
            }
            let counts = try store.openStageAges(at: now, bandStarts: StageAges.bands.map(\.fromDays))
            #expect(StageAges(counts: counts) == StageAges(timings, at: now))
            // Both figures count something, so the comparisons above compare numbers, not two empty tables.
            let thisYear = try #require(AcademicYear("2026-27"))
            #expect(StageAges(timings, at: now).total > 0)
            #expect(
                TriageTimes(timings, year: thisYear).triaged > 0 && TriageTimes(timings, year: thisYear).waiting > 0
            )
        }
    }
}
