// Schema 7: what the push side of the sync keeps — per outbox row the server version that acknowledged it (the row
// leaves the outbox once a pulled version at least that new is stored) and the class of its last failure; per
// connection the identity it acts as (asked of the ticket system).
import type { Migration } from './migration';

const SCHEMA = `
ALTER TABLE outbox ADD COLUMN acked_updated_at INTEGER;
ALTER TABLE outbox ADD COLUMN error_kind TEXT;
ALTER TABLE connections ADD COLUMN identity TEXT CHECK (identity IS NULL OR json_valid(identity));
`;

export const migration007: Migration = {
  version: 7,
  name: 'push',
  up(db) {
    db.exec(SCHEMA);
  },
};
