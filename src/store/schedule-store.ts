// Rotation schedules in SQLite (table `schedules`, migration 009): schedules made in Piket, kept as their JSON,
// and iCalendar feeds, kept with their source, the text last fetched and when ("as of"). A failed refresh records
// only its error: the stored text is replaced only by a newer text that was read as a calendar.
import type Database from 'better-sqlite3';
import type { Schedule } from '../rotation/model';

interface StoredBase {
  id: string;
  name: string;
  /** The schedule's IANA zone, or the feed's own (null when a feed names none). */
  timeZone: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface StoredLocalSchedule extends StoredBase {
  kind: 'local';
  schedule: Schedule;
}

export interface StoredFeed extends StoredBase {
  kind: 'feed';
  /** The https:// (or loopback http://) URL or the absolute file path it is read from. */
  source: string;
  text: string;
  /** When `text` was read: what Piket shows is as of then. */
  fetchedAt: number;
  /** X-WR-CALNAME, when the feed has one. */
  feedName: string | null;
  /** What went wrong at the last refresh, in words; null when it worked. */
  lastError: string | null;
  lastAttemptAt: number | null;
}

export type StoredSchedule = StoredLocalSchedule | StoredFeed;

/** A feed's text as read, with what it says about itself. */
export interface FetchedFeed {
  text: string;
  fetchedAt: number;
  feedName: string | null;
  timeZone: string | null;
}

interface Row {
  id: string;
  name: string;
  kind: 'local' | 'feed';
  definition: string | null;
  source: string | null;
  feed_text: string | null;
  fetched_at: number | null;
  feed_name: string | null;
  time_zone: string | null;
  last_error: string | null;
  last_attempt_at: number | null;
  created_at: number;
  updated_at: number;
}

function toSchedule(row: Row): StoredSchedule {
  const base = {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.kind === 'local') {
    return { ...base, kind: 'local', schedule: JSON.parse(row.definition!) as Schedule };
  }
  return {
    ...base,
    kind: 'feed',
    source: row.source!,
    text: row.feed_text!,
    fetchedAt: row.fetched_at!,
    feedName: row.feed_name,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
  };
}

export class ScheduleStore {
  private readonly all: Database.Statement<[], Row>;
  private readonly byName: Database.Statement<[string], Row>;
  private readonly byId: Database.Statement<[string], Row>;
  private readonly insertFeed: Database.Statement<[Record<string, unknown>]>;
  private readonly upsertLocal: Database.Statement<[Record<string, unknown>]>;
  private readonly updateFeed: Database.Statement<[Record<string, unknown>]>;
  private readonly recordError: Database.Statement<[Record<string, unknown>]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.all = db.prepare<[], Row>('SELECT * FROM schedules ORDER BY name, id');
    this.byName = db.prepare<[string], Row>('SELECT * FROM schedules WHERE name = ?');
    this.byId = db.prepare<[string], Row>('SELECT * FROM schedules WHERE id = ?');
    this.insertFeed = db.prepare(`
      INSERT INTO schedules (id, name, kind, source, feed_text, fetched_at, feed_name, time_zone, last_attempt_at,
        created_at, updated_at)
      VALUES (@id, @name, 'feed', @source, @text, @fetchedAt, @feedName, @timeZone, @fetchedAt, @now, @now)`);
    this.upsertLocal = db.prepare(`
      INSERT INTO schedules (id, name, kind, definition, time_zone, created_at, updated_at)
      VALUES (@id, @name, 'local', @definition, @timeZone, @now, @now)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition,
        time_zone = excluded.time_zone, updated_at = excluded.updated_at
      WHERE kind = 'local'`);
    this.updateFeed = db.prepare(`
      UPDATE schedules SET feed_text = @text, fetched_at = @fetchedAt, feed_name = @feedName, time_zone = @timeZone,
        last_error = NULL, last_attempt_at = @fetchedAt, updated_at = @fetchedAt
      WHERE id = @id AND kind = 'feed'`);
    this.recordError = db.prepare(`
      UPDATE schedules SET last_error = @error, last_attempt_at = @at WHERE id = @id AND kind = 'feed'`);
    this.remove = db.prepare<[string]>('DELETE FROM schedules WHERE id = ?');
  }

  list(): StoredSchedule[] {
    return this.all.all().map(toSchedule);
  }

  /** The schedule of that name, ignoring case; null when there is none. */
  getByName(name: string): StoredSchedule | null {
    const row = this.byName.get(name.trim());
    return row ? toSchedule(row) : null;
  }

  getById(id: string): StoredSchedule | null {
    const row = this.byId.get(id);
    return row ? toSchedule(row) : null;
  }

  addFeed(feed: { id: string; name: string; source: string } & FetchedFeed, now: number): void {
    this.insertFeed.run({ ...feed, now });
  }

  /** Stores a validated schedule under its id, replacing the earlier version of it. */
  saveLocal(schedule: Schedule, now: number): void {
    this.upsertLocal.run({
      id: schedule.id,
      name: schedule.name.trim(),
      definition: JSON.stringify(schedule),
      timeZone: schedule.timeZone,
      now,
    });
  }

  /** A refresh that read a calendar: its text replaces the stored one, and the last error is cleared. */
  refreshed(id: string, feed: FetchedFeed): void {
    this.updateFeed.run({ id, ...feed });
  }

  /** A refresh that failed: the error is recorded, the stored text stays. */
  refreshFailed(id: string, error: string, at: number): void {
    this.recordError.run({ id, error, at });
  }

  delete(id: string): void {
    this.remove.run(id);
  }
}
