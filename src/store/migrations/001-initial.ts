// Schema 1: customers, server state (`*_base`), the materialized rows the UI reads with their FTS5 index,
// the outbox, sync cursors and settings. Frozen once released: later changes go in new migrations.
import type { Migration } from './migration';

// The value lists in the CHECK constraints are spelled out on purpose: a migration must never change meaning
// when the domain constants change later.
const SCHEMA = `
CREATE TABLE customers (
  id TEXT PRIMARY KEY CHECK (id = source || ':' || external_id),
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  tam TEXT CHECK (tam IS NULL OR json_valid(tam)),
  lead_engineer TEXT CHECK (lead_engineer IS NULL OR json_valid(lead_engineer)),
  uptime_promise TEXT,
  time_zone TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (source, external_id)
);

CREATE TABLE ticket_base (
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  customer_external_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  kind TEXT NOT NULL CHECK (kind IN ('incident', 'request', 'security')),
  cve_id TEXT,
  severity TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'waiting_on_customer',
    'workaround_provided', 'resolved', 'closed')),
  assignee TEXT,
  created_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  server_updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  PRIMARY KEY (source, external_id)
) WITHOUT ROWID;

CREATE TABLE note_base (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  ticket_external_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  public INTEGER NOT NULL CHECK (public IN (0, 1)),
  created_at INTEGER NOT NULL,
  UNIQUE (source, ticket_external_id, external_id),
  FOREIGN KEY (source, ticket_external_id) REFERENCES ticket_base (source, external_id) ON DELETE CASCADE
);

CREATE TABLE ticket_effective (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  notes_text TEXT NOT NULL DEFAULT '',
  priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'waiting_on_customer',
    'workaround_provided', 'resolved', 'closed')),
  kind TEXT NOT NULL CHECK (kind IN ('incident', 'request', 'security')),
  cve_id TEXT,
  severity TEXT,
  assignee TEXT,
  created_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  updated_at INTEGER NOT NULL,
  is_open INTEGER NOT NULL CHECK (is_open IN (0, 1)),
  has_pending INTEGER NOT NULL DEFAULT 0 CHECK (has_pending IN (0, 1)),
  UNIQUE (source, external_id)
);

-- The queue: open tickets by priority, then oldest first, then id. The filter columns ride along so status,
-- customer and assignee filters are checked in the index; id is spelled out so ORDER BY ... id needs no sort.
CREATE INDEX ticket_effective_open_queue
  ON ticket_effective (priority, created_at, id, status, customer_id, assignee)
  WHERE is_open = 1;
-- The same order over every ticket, for the 'all' scope.
CREATE INDEX ticket_effective_all_queue
  ON ticket_effective (priority, created_at, id, is_open, status, customer_id, assignee);

CREATE VIRTUAL TABLE ticket_fts USING fts5(
  subject, description, notes_text,
  content = 'ticket_effective', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER ticket_effective_fts_insert AFTER INSERT ON ticket_effective BEGIN
  INSERT INTO ticket_fts (rowid, subject, description, notes_text)
    VALUES (new.id, new.subject, new.description, new.notes_text);
END;

CREATE TRIGGER ticket_effective_fts_delete AFTER DELETE ON ticket_effective BEGIN
  INSERT INTO ticket_fts (ticket_fts, rowid, subject, description, notes_text)
    VALUES ('delete', old.id, old.subject, old.description, old.notes_text);
END;

-- Re-syncing a ticket whose text did not change must not touch the index.
CREATE TRIGGER ticket_effective_fts_update AFTER UPDATE ON ticket_effective
  WHEN old.id IS NOT new.id
    OR old.subject IS NOT new.subject
    OR old.description IS NOT new.description
    OR old.notes_text IS NOT new.notes_text
BEGIN
  INSERT INTO ticket_fts (ticket_fts, rowid, subject, description, notes_text)
    VALUES ('delete', old.id, old.subject, old.description, old.notes_text);
  INSERT INTO ticket_fts (rowid, subject, description, notes_text)
    VALUES (new.id, new.subject, new.description, new.notes_text);
END;

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  op TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  base_updated_at INTEGER,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'inflight', 'acked', 'rejected', 'conflict', 'unknown')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  remote_ref TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL
);

-- Per-ticket FIFO: the intents of one ticket in the order they were made.
CREATE INDEX outbox_ticket ON outbox (source, external_id, seq);

CREATE TABLE sync_state (
  source TEXT NOT NULL,
  resource TEXT NOT NULL,
  cursor TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (source, resource)
) WITHOUT ROWID;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SCHEMA);
  },
};
