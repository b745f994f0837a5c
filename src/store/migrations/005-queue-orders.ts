// Schema 5: an index per new queue order (issue 12: urgency, last update, age; the deadline order has its own since
// schema 2), so every order and the needsMe scope walk an index instead of sorting. Frozen once released: later
// changes go in new migrations.
import type { Migration } from './migration';

// Each index covers every ticket and serves the open scope too: is_open rides along right after the key, so a walk
// of the open queue skips closed tickets inside the index (measured at 100k tickets: about as fast as a partial
// index, while every extra index costs ingest time). Each starts with its order's key, ending in id so
// ORDER BY ... id needs no sort; the columns after it ride along so the filters (priority, status, customer,
// assignee) and the needsMe conditions (priority, due_sort, assignee) are checked in the index.
const SCHEMA = `
-- Urgency: priority, then the nearest deadline, oldest, id.
CREATE INDEX ticket_effective_all_urgency
  ON ticket_effective (priority, due_sort, created_at, id, is_open, status, customer_id, assignee);

-- Last update (read newest first, walking the index backwards), id.
CREATE INDEX ticket_effective_all_updated
  ON ticket_effective (updated_at, id, is_open, priority, due_sort, status, customer_id, assignee);

-- Age: oldest first, id.
CREATE INDEX ticket_effective_all_age
  ON ticket_effective (created_at, id, is_open, priority, due_sort, status, customer_id, assignee);
`;

export const migration005: Migration = {
  version: 5,
  name: 'queue-orders',
  up(db) {
    db.exec(SCHEMA);
  },
};
