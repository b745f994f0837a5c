// Schema: the ticket-system connections the user added. A connection keeps a reference to where its secret
// lives (never the secret itself); its id is the `source` of every record it syncs.
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE connections (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 40 AND id NOT GLOB '*[^a-z0-9-]*'),
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  url TEXT NOT NULL,
  login TEXT NOT NULL,
  secret_ref TEXT NOT NULL CHECK (json_valid(secret_ref)),
  options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

export const migration006: Migration = {
  version: 6,
  name: 'connections',
  up(db) {
    db.exec(SCHEMA);
  },
};
