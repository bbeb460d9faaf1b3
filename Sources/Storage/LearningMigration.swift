import GRDB

/// Migration v6-learning: the review queue of questions the assistant could not answer well (``LearningStore``).
/// Kept questions are de-identified before they arrive and sealed all the same; no user or conversation is stored.
enum LearningMigration {
    static let name = "v6-learning: kept questions, unkept-miss counters, review decisions"

    static func run(_ db: Database) throws {
        try db.execute(sql: schema)
    }

    private static let schema = """
        -- One de-identified question the assistant declined, clarified, answered weakly, or was told did not help.
        -- AUTOINCREMENT: a number is never reused after a purge, so decisions and cluster ids stay unambiguous.
        CREATE TABLE learning_questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kept_at INTEGER NOT NULL,
            day TEXT NOT NULL,
            platform TEXT NOT NULL,
            reason TEXT NOT NULL,
            route TEXT NOT NULL,
            question_sealed BLOB NOT NULL,
            candidates TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'ignored'))
        );
        CREATE INDEX learning_questions_kept_at ON learning_questions (kept_at);

        -- Misses counted, never kept (they read like an individual case): how many, per day, platform kind, why.
        CREATE TABLE learning_counters (
            day TEXT NOT NULL,
            platform TEXT NOT NULL,
            why TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (day, platform, why)
        );

        -- Every review decision: who, when, which cluster and questions, what was done.
        CREATE TABLE learning_decisions (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            cluster TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('accepted', 'ignored')),
            intent TEXT,
            question_ids TEXT NOT NULL
        );
        CREATE TRIGGER learning_decisions_no_update BEFORE UPDATE ON learning_decisions
        BEGIN SELECT RAISE(ABORT, 'learning_decisions is append-only'); END;
        """
}
