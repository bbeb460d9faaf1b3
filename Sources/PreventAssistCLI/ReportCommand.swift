import ArgumentParser
import AssistantCore
import AssistantService
import Foundation
import Storage

/// `prevent-assist report ofs`: the OfS welfare-case counts from the records' stage histories.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports computed from the concern records.",
        subcommands: [OfS.self]
    )

    struct OfS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ofs",
            abstract: "Welfare-case counts for the OfS Prevent accountability and data return.",
            discussion: """
                Counts cases escalated to the Prevent lead, cases where external advice was sought, and formal \
                referrals to Prevent in the academic year (1 August to 31 July), by ideology category, from each \
                record's stage history. These are generic descriptions of the return's categories, not its official \
                field names: check the current OfS guidance when you fill in the return.
                """
        )
        @OptionGroup var options: ConcernsCommand.Options
        @Option(name: .long, help: "Academic year, e.g. 2025-26.") var year: String
        @Option(name: .long, help: "table, json or csv.") var format: ConcernsCommand.Format = .table

        func run() throws {
            guard let academicYear = AcademicYear(year) else {
                throw ValidationError("--year must look like 2025-26")
            }
            let store = try ConcernStore(database: options.authorized(.report))
            try store.recordAccess(
                actor: options.actorName,
                action: "report_run",
                reference: nil,
                detail: "OfS return \(academicYear)",
                at: options.now
            )
            let report = OfSWelfareReturn(year: academicYear, histories: try store.histories())
            print(OfSReportText.render(report, format: format))
        }
    }
}

/// The OfS report as text.
enum OfSReportText {
    static let columns: [IdeologyCategory?] = IdeologyCategory.allCases.map { $0 } + [nil]

    static func name(_ ideology: IdeologyCategory?) -> String { ideology?.rawValue ?? "not_set" }

    static func render(_ report: OfSWelfareReturn, format: ConcernsCommand.Format) -> String {
        switch format {
        case .json:
            let rows = report.rows.map { row in
                var counts: [String: Int] = [:]
                for column in columns { counts[name(column)] = row.byIdeology[column] ?? 0 }
                return OfSReportJSON.Row(measure: row.measure.rawValue, total: row.total, byIdeology: counts)
            }
            return (try? ConcernOutput.json(OfSReportJSON(academicYear: report.year.description, rows: rows))) ?? "{}"
        case .csv:
            var lines = [(["measure", "total"] + columns.map(name)).joined(separator: ",")]
            for row in report.rows {
                lines.append(
                    ([row.measure.rawValue, "\(row.total)"] + columns.map { "\(row.byIdeology[$0] ?? 0)" })
                        .joined(separator: ",")
                )
            }
            return lines.joined(separator: "\n")
        case .table:
            var lines = [
                "OfS Prevent welfare cases, academic year \(report.year) (\(report.year.first) to \(report.year.last))"
            ]
            lines.append(
                "measure".padding(toLength: 28, withPad: " ", startingAt: 0) + "total "
                    + columns.map { name($0) }.joined(separator: " ")
            )
            for row in report.rows {
                var line = row.measure.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0)
                line += "\(row.total)".padding(toLength: 6, withPad: " ", startingAt: 0)
                line += columns.map {
                    "\(row.byIdeology[$0] ?? 0)".padding(toLength: name($0).count, withPad: " ", startingAt: 0)
                }
                .joined(separator: " ")
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// `report ofs --format json`: the academic year and one row per measure, with its counts by ideology.
struct OfSReportJSON: Encodable {
    /// One measure's counts.
    struct Row: Encodable {
        let measure: String
        let total: Int
        let byIdeology: [String: Int]

        enum CodingKeys: String, CodingKey {
            case measure, total
            case byIdeology = "by_ideology"
        }
    }

    let academicYear: String
    let rows: [Row]

    enum CodingKeys: String, CodingKey {
        case academicYear = "academic_year"
        case rows
    }
}
