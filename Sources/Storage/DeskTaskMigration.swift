import GRDB

/// The desk's second migration (`v7-desk`), registered after ``DeskMigration``: tasks on records and the
/// same-person index.
///
/// - `desk_tasks`: a task on a record with its owner (a desk user name; the desk checks it is an enabled lead), its
///   due day and, once done, who completed it and when. The task's text is sealed with the store key (bound to the record and the task), like a note; the
///   chronology only says that a task was added or completed, for whom and when it is due.
/// - `desk_subject_index`: a keyed blind index of the person each record is about (``SubjectIndex``): an
///   HMAC-SHA256 of the normalised name or ID under a key derived from the store key, never the name itself.
///   Filled here from the records already stored.
///
/// `desk_events_triage` is a partial index of the events that triage a record (``ConcernStore/timings()``), so the
/// reports page finds each record's first one with one seek.
///
/// When retention purges a record, a trigger drops its index entry and its tasks' text (the tasks stay, as the
/// chronology does).
enum DeskTaskMigration {
    /// The migration's name in `grdb_migrations`; registered after v6 (``AppDatabase``).
    static let name = "v7-desk: tasks and the same-person index"

    static func run(_ db: Database, cipher: FieldCipher) throws {
        try db.execute(
            sql: """
                CREATE TABLE desk_tasks (
                    id INTEGER PRIMARY KEY,
                    concern_id INTEGER NOT NULL REFERENCES concerns(id),
                    owner TEXT NOT NULL,
                    text_sealed BLOB,
                    due_day TEXT NOT NULL,
                    due_at INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    completed_at INTEGER,
                    completed_by TEXT
                );
                CREATE INDEX desk_tasks_concern ON desk_tasks(concern_id);
                CREATE INDEX desk_tasks_open ON desk_tasks(due_at, concern_id) WHERE completed_at IS NULL;
                CREATE TABLE desk_subject_index (
                    concern_id INTEGER PRIMARY KEY REFERENCES concerns(id),
                    subject_key TEXT NOT NULL
                );
                CREATE INDEX desk_subject_index_key ON desk_subject_index(subject_key);
                CREATE INDEX desk_events_triage ON concern_events(concern_id, at)
                    WHERE action != 'created' AND (stage IS NOT NULL OR action = 'alert_acknowledged');
                CREATE TRIGGER desk_purged_record AFTER UPDATE OF purged_at ON concerns
                WHEN NEW.purged_at IS NOT NULL
                BEGIN
                    DELETE FROM desk_subject_index WHERE concern_id = NEW.id;
                    UPDATE desk_tasks SET text_sealed = NULL WHERE concern_id = NEW.id;
                END;
                """
        )
        try SubjectIndex.rebuild(db, opening: cipher, keying: cipher)
    }
}
