/// Version 1 of the state database: every table, index and trigger Brygga's state needs.
///
/// Conventions: tables are STRICT, so a value of the wrong type is refused instead of converted; times
/// are INTEGER milliseconds since 1970-01-01 UTC; snapshots and field diffs are canonical JSON text
/// (``JSONSerializer``: sorted keys, numbers with their literal digits); no column is REAL, so money
/// never passes through binary floating point. Enum values are stored as their raw values and checked
/// when read rather than by CHECK constraints, so a later version can add a case without rebuilding a
/// table.
///
/// The `secrets` table is no longer written: OAuth tokens live in a token file of their own, and an
/// older database's rows are moved there and scrubbed (``SQLiteStateStore/legacySecrets()``). The table
/// stays, empty, because a migration that dropped it would gain nothing a vacuum does not.
enum SchemaV1 {
    /// Marks the file as Brygga's (`PRAGMA application_id`, the four bytes "Bryg").
    static let applicationID: Int64 = 0x4272_7967

    /// The statements that create version 1 on an empty database.
    static let sql = """
        PRAGMA application_id = \(applicationID);

        -- One row per run; ids increase and are never reused.
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            exit_code INTEGER,
            created INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            linked INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            planned INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        -- Record pairs with both sides' canonical JSON as last synced.
        CREATE TABLE links (
            entity TEXT NOT NULL,
            pm_id TEXT NOT NULL CHECK (pm_id <> ''),
            acct_id TEXT NOT NULL CHECK (acct_id <> ''),
            natural_key TEXT NOT NULL,
            pm_snapshot TEXT NOT NULL,
            acct_snapshot TEXT NOT NULL,
            pm_version TEXT,
            synced_at INTEGER NOT NULL,
            UNIQUE (entity, pm_id),
            UNIQUE (entity, acct_id)
        ) STRICT;
        CREATE INDEX links_by_natural_key ON links (entity, natural_key);

        -- Change-feed positions, one per side and entity.
        CREATE TABLE cursors (
            side TEXT NOT NULL,
            entity TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (side, entity)
        ) STRICT, WITHOUT ROWID;

        -- Write intents: committed before a remote write, closed in the commit that records its outcome.
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs (id),
            entity TEXT NOT NULL,
            target TEXT NOT NULL,
            operation TEXT NOT NULL,
            natural_key TEXT NOT NULL,
            source_id TEXT NOT NULL,
            target_id TEXT,
            opened_at INTEGER NOT NULL,
            closed_at INTEGER
        ) STRICT;
        CREATE INDEX journal_open ON journal (id) WHERE closed_at IS NULL;

        -- Failed records, retried on later runs until they succeed.
        CREATE TABLE retry_queue (
            entity TEXT NOT NULL,
            side TEXT NOT NULL,
            source_id TEXT NOT NULL,
            natural_key TEXT,
            reason TEXT NOT NULL,
            first_failed_at INTEGER NOT NULL,
            last_failed_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL CHECK (attempts >= 1),
            PRIMARY KEY (entity, side, source_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX retry_queue_by_age ON retry_queue (entity, first_failed_at);

        -- The audit record (O4): append-only, enforced by the triggers below. time_watermark is the
        -- greatest time of this entry and all earlier ones: it never decreases along the sequence, so
        -- the entries at or after a time all lie in one sequence range, found through its index.
        CREATE TABLE transfer_log (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs (id),
            time INTEGER NOT NULL,
            time_watermark INTEGER NOT NULL,
            entity TEXT NOT NULL,
            direction TEXT,
            action TEXT NOT NULL,
            pm_id TEXT,
            acct_id TEXT,
            natural_key TEXT,
            reason TEXT,
            hint TEXT,
            rule TEXT,
            changes TEXT NOT NULL,
            conflicts TEXT NOT NULL
        ) STRICT;
        -- Each index ends in the rowid (sequence), so "newest N" walks an index backwards and stops.
        CREATE INDEX transfer_log_by_run ON transfer_log (run_id);
        CREATE INDEX transfer_log_by_entity ON transfer_log (entity);
        CREATE INDEX transfer_log_by_entity_action ON transfer_log (entity, action);
        CREATE INDEX transfer_log_by_action ON transfer_log (action);
        CREATE INDEX transfer_log_by_time_watermark ON transfer_log (time_watermark);
        CREATE INDEX transfer_log_by_pm_id ON transfer_log (pm_id) WHERE pm_id IS NOT NULL;
        CREATE INDEX transfer_log_by_acct_id ON transfer_log (acct_id) WHERE acct_id IS NOT NULL;
        CREATE INDEX transfer_log_by_natural_key ON transfer_log (natural_key) WHERE natural_key IS NOT NULL;
        -- INSERT OR REPLACE would delete an entry without firing a DELETE trigger (unless recursive_triggers).
        CREATE TRIGGER transfer_log_refuses_replace BEFORE INSERT ON transfer_log
        WHEN EXISTS (SELECT 1 FROM transfer_log WHERE sequence = NEW.sequence)
        BEGIN
            SELECT RAISE(ABORT, 'transfer_log is append-only (O4): its entries are never replaced');
        END;
        CREATE TRIGGER transfer_log_refuses_update BEFORE UPDATE ON transfer_log
        BEGIN
            SELECT RAISE(ABORT, 'transfer_log is append-only (O4): its entries are never updated');
        END;
        CREATE TRIGGER transfer_log_refuses_delete BEFORE DELETE ON transfer_log
        BEGIN
            SELECT RAISE(ABORT, 'transfer_log is append-only (O4): its entries are never deleted');
        END;

        -- OAuth tokens and other secrets; never logged, never in error messages.
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;

        -- Operator settings such as `enabled`.
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        """
}
