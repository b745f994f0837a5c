// Schema 4: what the pull side of the sync engine keeps besides tickets — records refused by validation (kept until
// accepted, and fetched again after an upgrade), additions and tombstones waiting for their ticket, and how a
// ticket left the ticket system (deleted or merged into another).
import type { Migration } from './migration';

const SCHEMA = `
-- One row per refused record (kind + id), kept until a record with that kind and id is accepted. app_version is the
-- Piket version that last refused it: a newer Piket re-fetches its resource once.
CREATE TABLE sync_rejects (
  source TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('customer', 'ticket', 'note', 'change', 'addition', 'tombstone')),
  external_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  reason TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  app_version TEXT NOT NULL,
  PRIMARY KEY (source, kind, external_id, resource)
) WITHOUT ROWID;

-- Additions and tombstones for a ticket not stored yet, applied in arrival order when the ticket arrives.
CREATE TABLE sync_pending (
  seq INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  ticket_external_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('addition', 'tombstone')),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  received_at INTEGER NOT NULL
);
CREATE INDEX sync_pending_ticket ON sync_pending (source, ticket_external_id, seq);

-- deleted_at (schema 1) says when the ticket left the ticket system; these say how.
ALTER TABLE ticket_base ADD COLUMN deleted_reason TEXT CHECK (deleted_reason IN ('deleted', 'merged'));
ALTER TABLE ticket_base ADD COLUMN merged_into TEXT;
`;

export const migration004: Migration = {
  version: 4,
  name: 'pull-v2',
  up(db) {
    db.exec(SCHEMA);
  },
};
