// Schema 2: ticket history for the SLA clocks, the queue ordered by nearest deadline, and the log of raised alerts.
import type { Migration } from './migration';

const SCHEMA = `
ALTER TABLE ticket_base ADD COLUMN history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history));
ALTER TABLE ticket_effective ADD COLUMN history TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history));
-- Earliest deadline of a running SLA clock (UTC ms), or Number.MAX_SAFE_INTEGER for none: the queue's
-- first sort key.
ALTER TABLE ticket_effective ADD COLUMN due_sort INTEGER NOT NULL DEFAULT 9007199254740991;

DROP INDEX ticket_effective_open_queue;
DROP INDEX ticket_effective_all_queue;
-- The queue: nearest deadline first (a breached clock's deadline is in the past, so it comes first), then
-- priority, oldest, id. The filter columns ride along as in schema 1.
CREATE INDEX ticket_effective_open_queue
  ON ticket_effective (due_sort, priority, created_at, id, status, customer_id, assignee)
  WHERE is_open = 1;
CREATE INDEX ticket_effective_all_queue
  ON ticket_effective (due_sort, priority, created_at, id, is_open, status, customer_id, assignee);

-- Every alert key the scheduler has raised, so a restart never raises it again.
CREATE TABLE alerts_fired (
  key TEXT PRIMARY KEY,
  fired_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

export const migration002: Migration = {
  version: 2,
  name: 'sla',
  up(db) {
    db.exec(SCHEMA);
  },
};
