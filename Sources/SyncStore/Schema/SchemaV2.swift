/// Version 2 of the state database: what the money flows need (R4–R6). Applied in place to a version-1
/// database; nothing of version 1 changes.
///
/// - `invoice_transfers`: one row per Severa invoice and transfer generation (a resend after a credit is
///   generation 2): what was made in Fortnox, the stage (`created` → `moved`), and how the paid state was
///   settled (R6). At most one row per Fortnox invoice.
/// - `invoice_attachments`: per Severa invoice file, so a resumed run neither uploads nor attaches twice
///   (R4.3).
/// - `logged_notes`: decisions logged once and not again (a fee for a project only in Fortnox, R5.1;
///   a fee row held back, R5.4).
/// - `journal.payload`: what a lookup of an interrupted write needs beyond the natural key (a fee's
///   project number).
enum SchemaV2 {
    /// The statements that turn version 1 into version 2.
    static let sql = """
        CREATE TABLE invoice_transfers (
            severa_guid TEXT NOT NULL,
            generation INTEGER NOT NULL CHECK (generation >= 1),
            severa_number TEXT,
            kind TEXT NOT NULL,
            fortnox_number TEXT,
            credited_number TEXT,
            stage TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            moved_at INTEGER,
            paid_outcome TEXT,
            paid_at INTEGER,
            superseded_at INTEGER,
            PRIMARY KEY (severa_guid, generation)
        ) STRICT;
        CREATE UNIQUE INDEX invoice_transfers_by_fortnox_number ON invoice_transfers (fortnox_number)
            WHERE fortnox_number IS NOT NULL;
        CREATE INDEX invoice_transfers_awaiting_move ON invoice_transfers (created_at)
            WHERE stage = 'created' AND superseded_at IS NULL;

        CREATE TABLE invoice_attachments (
            severa_guid TEXT NOT NULL,
            generation INTEGER NOT NULL,
            severa_file_guid TEXT NOT NULL,
            fortnox_file_id TEXT,
            attachment_id TEXT,
            skip_reason TEXT,
            PRIMARY KEY (severa_guid, generation, severa_file_guid)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE logged_notes (
            entity TEXT NOT NULL,
            source_id TEXT NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (entity, note, source_id)
        ) STRICT, WITHOUT ROWID;

        ALTER TABLE journal ADD COLUMN payload TEXT;
        """
}
