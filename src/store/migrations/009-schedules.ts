// Schema 9: rotation schedules. A schedule is either made in Piket ('local': the Schedule JSON of
// src/rotation/model.ts) or an iCalendar feed Piket reads from a file or a URL ('feed'). A feed keeps the text it
// last fetched, so Piket answers who is on call offline, and when that was ("as of"); a failed refresh only records
// its error and never touches the stored text.
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE schedules (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 200),
  kind TEXT NOT NULL CHECK (kind IN ('local', 'feed')),
  -- local: the schedule as JSON (validated by parseSchedule before it is stored).
  definition TEXT CHECK (definition IS NULL OR json_valid(definition)),
  -- feed: the URL or absolute file path it is read from, its last fetched text, and when that was.
  source TEXT,
  feed_text TEXT,
  fetched_at INTEGER,
  -- feed: its own name (X-WR-CALNAME) and zone (X-WR-TIMEZONE or its only VTIMEZONE), when it names them.
  feed_name TEXT,
  -- The schedule's IANA zone (local), or the feed's own; NULL when a feed names none.
  time_zone TEXT,
  -- feed: what went wrong at the last refresh, in words (NULL when it worked), and when that was tried.
  last_error TEXT,
  last_attempt_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (
    (kind = 'local' AND definition IS NOT NULL AND time_zone IS NOT NULL AND source IS NULL AND feed_text IS NULL)
    OR (kind = 'feed' AND definition IS NULL AND source IS NOT NULL AND feed_text IS NOT NULL
        AND fetched_at IS NOT NULL)
  )
) WITHOUT ROWID;
`;

export const migration009: Migration = {
  version: 9,
  name: 'schedules',
  up(db) {
    db.exec(SCHEMA);
  },
};
