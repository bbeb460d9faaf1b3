import AssistantCore
import Foundation
import Storage

/// The OfS return counts for an academic year (a table, an accessible SVG bar chart and a CSV download), open
/// records by stage and age, and the time from report to triage for the year.
extension DeskApp {
    /// The bar chart's geometry: labels on the left, bars up to ``chartBarWidth``, the count after each bar.
    static let chartLabelWidth = 250
    static let chartBarWidth = 330
    static let chartWidth = 640

    static let ideologyColumns: [IdeologyCategory?] = IdeologyCategory.allCases.map { $0 } + [nil]

    static func columnName(_ ideology: IdeologyCategory?) -> String {
        ideology.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "not set"
    }

    /// The academic year `text` names, or the one `time` falls in.
    static func academicYear(_ text: String?, at time: Int64) -> AcademicYear? {
        if let text, !text.isEmpty { return AcademicYear(text) }
        let today = CalendarDate(unixSeconds: time)
        return AcademicYear(startYear: today.month >= 8 ? today.year : today.year - 1)
    }

    private func report(_ request: DeskRequest, user: DeskUser) throws -> OfSWelfareReturn? {
        guard let year = Self.academicYear(request.query["year"], at: now()) else { return nil }
        try concerns.recordAccess(
            actor: user.actor,
            action: "report_run",
            reference: nil,
            detail: "OfS return \(year)",
            at: now()
        )
        return OfSWelfareReturn(
            year: year,
            histories: try concerns.historiesInOneQuery(reaching: OfSWelfareReturn.measures)
        )
    }

    /// `GET /reports?year=2025-26`.
    public func reports(_ request: DeskRequest) -> DeskResponse {
        guarded(request, .reports) { user in
            guard let report = try self.report(request, user: user) else {
                return message(400, "Which year?", "An academic year looks like 2025-26.", user: user)
            }
            let largest = max(1, report.rows.map(\.total).max() ?? 1)
            let bars = report.rows.enumerated().map { index, row in
                let width = row.total * Self.chartBarWidth / largest
                return ReportsPage.Bar(
                    label: row.measure.label,
                    total: row.total,
                    y: 10 + index * 40,
                    textY: 31 + index * 40,
                    x: Self.chartLabelWidth,
                    width: width,
                    valueX: Self.chartLabelWidth + width + 8
                )
            }
            let time = now()
            // Aggregated by SQLite: tens of numbers read, not every record.
            let ages = StageAges(
                counts: try concerns.openStageAges(at: time, bandStarts: StageAges.bands.map(\.fromDays))
            )
            let bounds = TriageTimes.bounds(of: report.year)
            let took = try concerns.triageDurations(raisedFrom: bounds.start, before: bounds.end)
            let triage = TriageTimes(durations: took.durations, waiting: took.waiting, year: report.year)
            let rows = report.rows.map { row in
                ReportsPage.Row(
                    label: row.measure.label,
                    total: row.total,
                    cells: Self.ideologyColumns.map { .init(count: row.byIdeology[$0] ?? 0) }
                )
            }
            return page(
                "reports",
                title: "OfS return \(report.year)",
                user: user,
                ReportsPage(
                    year: report.year.description,
                    first: report.year.first.description,
                    last: report.year.last.description,
                    columns: Self.ideologyColumns.map { .init(name: Self.columnName($0)) },
                    rows: rows,
                    bars: bars,
                    chartHeight: 20 + report.rows.count * 40,
                    chartWidth: Self.chartWidth,
                    summary: report.rows.map { "\($0.measure.label): \($0.total)" }.joined(separator: "; "),
                    ageBands: ages.bands.map { .init(label: $0.label) },
                    ageRows: ages.rows.map { row in
                        .init(stage: row.stage.label, counts: row.counts.map { .init(count: $0) }, total: row.total)
                    },
                    ageTotal: ages.total,
                    ageAt: Self.time(time),
                    triaged: triage.triaged,
                    waiting: triage.waiting,
                    median: triage.median.map(TriageTimes.text) ?? "none triaged yet",
                    p90: triage.ninetiethPercentile.map(TriageTimes.text) ?? "none triaged yet"
                )
            )
        }
    }

    /// `GET /reports.csv?year=2025-26`.
    public func reportsCSV(_ request: DeskRequest) -> DeskResponse {
        guarded(request, .reports) { user in
            guard let report = try self.report(request, user: user) else {
                return message(400, "Which year?", "An academic year looks like 2025-26.", user: user)
            }
            var lines = [
                (["measure", "total"] + Self.ideologyColumns.map { $0?.rawValue ?? "not_set" }).joined(separator: ",")
            ]
            for row in report.rows {
                lines.append(
                    ([row.measure.rawValue, "\(row.total)"] + Self.ideologyColumns.map { "\(row.byIdeology[$0] ?? 0)" })
                        .joined(separator: ",")
                )
            }
            return DeskResponse(
                contentType: "text/csv; charset=utf-8",
                body: lines.joined(separator: "\n") + "\n",
                fileName: "ofs-return-\(report.year).csv"
            )
        }
    }
}
