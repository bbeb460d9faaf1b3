/// The reports: the OfS return (table, chart), time to triage, open records by stage and age.
struct ReportsPage: Sendable {
    /// A column heading.
    struct Column: Sendable {
        let name: String
    }

    /// A number in a table cell.
    struct Cell: Sendable {
        let count: Int
    }

    /// One measure of the return.
    struct Row: Sendable {
        let label: String
        let total: Int
        let cells: [Cell]
    }

    /// One bar of the chart, with its geometry.
    struct Bar: Sendable {
        let label: String
        let total: Int
        let y: Int
        let textY: Int
        let x: Int
        let width: Int
        let valueX: Int
    }

    /// An age band's heading.
    struct Band: Sendable {
        let label: String
    }

    /// One stage's counts by age band.
    struct AgeRow: Sendable {
        let stage: String
        let counts: [Cell]
        let total: Int
    }

    let year: String
    let first: String
    let last: String
    let columns: [Column]
    let rows: [Row]
    let bars: [Bar]
    let chartHeight: Int
    let chartWidth: Int
    let summary: String
    let ageBands: [Band]
    let ageRows: [AgeRow]
    let ageTotal: Int
    let ageAt: String
    let triaged: Int
    let waiting: Int
    let median: String
    let p90: String
}

/// The content-health page: articles past review, snippets waiting.
struct ContentPage: Sendable {
    /// An article past its review date.
    struct Late: Sendable {
        let id: String
        let title: String
        let due: String
        let days: Int
    }

    /// A snippet waiting for moderation.
    struct Waiting: Sendable {
        let id: String
        let title: String
        let what: String
        let why: String
        let tags: String
        let submitted: String
    }

    let late: [Late]
    let anyLate: Bool
    let waiting: [Waiting]
    let anyWaiting: Bool
    let today: String
    let articles: Int
    let error: String?
}
