import AssistantCore
import Storage

/// `concerns list --format json`: one record's listing, no content. A record without an ideology has `null` there.
struct ConcernSummaryJSON: Encodable {
    let summary: ConcernSummary

    enum CodingKeys: String, CodingKey {
        case reference
        case createdAt = "created_at"
        case urgent, stage, ideology, purged
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary.reference, forKey: .reference)
        try container.encode(ConcernOutput.isoTime(summary.createdAt), forKey: .createdAt)
        try container.encode(summary.urgent, forKey: .urgent)
        try container.encode(summary.stage.rawValue, forKey: .stage)
        try container.encode(summary.ideology?.rawValue, forKey: .ideology)
        try container.encode(summary.purged, forKey: .purged)
    }
}

/// `concerns export --format json` (and `show`): one whole record, its fields by slot and its stage history. A
/// missing reporter or ideology is `null`.
struct ConcernRecordJSON: Encodable {
    /// One change of stage.
    struct Change: Encodable {
        let change: StageChange

        enum CodingKeys: String, CodingKey { case stage, on, ideology }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(change.stage.rawValue, forKey: .stage)
            try container.encode(change.on.description, forKey: .on)
            try container.encode(change.ideology?.rawValue, forKey: .ideology)
        }
    }

    let record: ConcernRecord

    enum CodingKeys: String, CodingKey {
        case reference
        case createdAt = "created_at"
        case urgent, stage, reporter, purged, fields, history
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.reference, forKey: .reference)
        try container.encode(ConcernOutput.isoTime(record.createdAt), forKey: .createdAt)
        try container.encode(record.urgent, forKey: .urgent)
        try container.encode(record.stage.rawValue, forKey: .stage)
        try container.encode(record.reporter, forKey: .reporter)
        try container.encode(record.purged, forKey: .purged)
        let fields = Dictionary(record.fields.map { ($0.slot, $0.value) }, uniquingKeysWith: { first, _ in first })
        try container.encode(fields, forKey: .fields)
        try container.encode(record.history.changes.map(Change.init), forKey: .history)
    }
}
