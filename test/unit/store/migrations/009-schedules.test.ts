// Migration 009 on a fresh database: schedules made in Piket (their JSON) and iCalendar feeds (their source, the
// text last read and when), one name each whatever its case, and no row that is half one kind and half the other.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/store/migrations';
import { migration009 } from '../../../../src/store/migrations/009-schedules';

describe('migration 009-schedules', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
  });

  const local = (id: string, name: string, definition: string | null = '{"id":"x"}') =>
    db
      .prepare(
        `INSERT INTO schedules (id, name, kind, definition, time_zone, created_at, updated_at)
         VALUES (?, ?, 'local', ?, 'Europe/Amsterdam', 1, 1)`,
      )
      .run(id, name, definition);
  const feed = (
    id: string,
    name: string,
    text: string | null = 'BEGIN:VCALENDAR',
    fetchedAt: number | null = 5,
  ) =>
    db
      .prepare(
        `INSERT INTO schedules (id, name, kind, source, feed_text, fetched_at, created_at, updated_at)
         VALUES (?, ?, 'feed', 'https://example.com/oncall.ics', ?, ?, 1, 1)`,
      )
      .run(id, name, text, fetchedAt);

  it('is version 9 and keeps a schedule made in Piket and a feed without a zone', () => {
    expect(migration009.version).toBe(9);
    local('ops', 'Ops');
    feed('f1', 'Grafana');
    expect(db.prepare('SELECT id, kind, time_zone FROM schedules ORDER BY id').all()).toEqual([
      { id: 'f1', kind: 'feed', time_zone: null },
      { id: 'ops', kind: 'local', time_zone: 'Europe/Amsterdam' },
    ]);
  });

  it('keeps one schedule per name, ignoring case', () => {
    local('ops', 'Ops');
    expect(() => feed('f1', 'OPS')).toThrow(/UNIQUE constraint/);
    expect(() => local('ops2', 'ops')).toThrow(/UNIQUE constraint/);
  });

  it('refuses a blank name, an unknown kind, and a definition that is not JSON', () => {
    expect(() => local('a', '  ')).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO schedules (id, name, kind, created_at, updated_at) VALUES ('b', 'B', 'remote', 1, 1)",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    expect(() => local('c', 'C', '{broken')).toThrow(/CHECK constraint/);
  });

  it('refuses a feed without its text or "as of" time, and a local schedule without its definition', () => {
    expect(() => feed('f1', 'No text', null)).toThrow(/CHECK constraint/);
    expect(() => feed('f2', 'No time', 'BEGIN:VCALENDAR', null)).toThrow(/CHECK constraint/);
    expect(() => local('l1', 'Empty', null)).toThrow(/CHECK constraint/);
  });
});
