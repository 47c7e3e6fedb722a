/// Version 3 of the state database: a transfer log that stays small and the failure digest's state (O4,
/// O5). Applied in place to a version-2 database; no row of version 2 changes.
///
/// - `retry_queue` remembers what the digest mails about a failing record, taken from its log entry:
///   `rule`, `hint` (the fix), `record_name` and `counterpart_id` (the linked record on the other side).
///   `attempts` and `last_failed_at` (the last try) were there already; they now count the tries whose
///   failure is not logged again.
/// - `transfer_log.record_name`: the record's name (customers, products, projects) from now on, found
///   by `brygga log --record` ignoring ASCII case; older entries have none.
/// - `prune_authorization` and a new `transfer_log_refuses_delete`: entries stay append-only, except
///   that `brygga log prune` may delete entries older than the time in the one row it writes and
///   removes again inside its own transaction, and never an entry of a record still in the retry queue.
/// - `notified_failures`: the digest state, one row per failure or fatal cause mailed (MONEY-FLOWS §4.3),
///   member for column Notify's `NotifiedFailure`; `digests`: one row per digest sent or tried, member
///   for column `DigestDelivery`.
enum SchemaV3 {
    /// The statements that turn version 2 into version 3.
    static let sql = """
        ALTER TABLE retry_queue ADD COLUMN rule TEXT;
        ALTER TABLE retry_queue ADD COLUMN hint TEXT;
        ALTER TABLE retry_queue ADD COLUMN record_name TEXT;
        ALTER TABLE retry_queue ADD COLUMN counterpart_id TEXT;

        ALTER TABLE transfer_log ADD COLUMN record_name TEXT;
        CREATE INDEX transfer_log_by_record_name ON transfer_log (record_name COLLATE NOCASE)
            WHERE record_name IS NOT NULL;

        CREATE TABLE prune_authorization (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            before INTEGER NOT NULL
        ) STRICT;
        DROP TRIGGER transfer_log_refuses_delete;
        CREATE TRIGGER transfer_log_refuses_delete BEFORE DELETE ON transfer_log
        WHEN NOT EXISTS (SELECT 1 FROM prune_authorization WHERE OLD.time < before)
            OR EXISTS (
                SELECT 1 FROM retry_queue
                WHERE entity = OLD.entity
                    AND (source_id IN (OLD.pm_id, OLD.acct_id, OLD.natural_key) OR natural_key = OLD.natural_key))
        BEGIN
            SELECT RAISE(ABORT, 'transfer_log is append-only (O4): only brygga log prune removes old entries, never those of a record still failing');
        END;

        CREATE TABLE notified_failures (
            fingerprint TEXT PRIMARY KEY,
            entity TEXT NOT NULL,
            side TEXT,
            source_id TEXT,
            natural_key TEXT,
            rule TEXT,
            reason TEXT NOT NULL,
            first_seen_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            mailed_at INTEGER,
            resolved_at INTEGER,
            resolved_mailed_at INTEGER
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE digests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs (id),
            attempted_at INTEGER NOT NULL,
            transport TEXT NOT NULL,
            recipients TEXT NOT NULL,
            new_count INTEGER NOT NULL,
            still_count INTEGER NOT NULL,
            reminder_count INTEGER NOT NULL,
            resolved_count INTEGER NOT NULL,
            error TEXT
        ) STRICT;
        """
}
