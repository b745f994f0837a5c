// Migrating a real schema-2 file that holds tickets stored without history: opening it resets the tickets cursor,
// and the re-pulled page (same server version, now with history) rewrites the stored tickets.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { LATEST_VERSION, MIGRATIONS, migrate, userVersion } from '../../../src/store/migrations';
import { PullStore } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { TICKETS_RESOURCE } from '../../../src/sync/pull-sync';
import { customer, note, SOURCE, T0, ticket, useTempDirs } from './support';

const tempDir = useTempDirs();
const HOUR = 3_600_000;

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) closeDatabase(db);
});

/**
 * A file at schema 2 holding what a schema-1 Piket stored for ticket T-1 (written as SQL, so later changes to
 * TicketStore cannot change it): the ticket with the empty history migration 002 gave it, a note and the cursor.
 */
function schema2File(): string {
  const file = `${tempDir()}/piket.db`;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS.slice(0, 2));
  db.prepare(
    `INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
       status, created_at, server_updated_at) VALUES (@source, 'T-1', 'acme', 'Ticket T-1', 'Something is broken',
       'P3', 'incident', 'acknowledged', @t0, @t0)`,
  ).run({ source: SOURCE, t0: T0 });
  db.prepare(
    `INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
     VALUES (@source, 'T-1', 'n1', 'Agent', 'note n1', 0, @t0)`,
  ).run({ source: SOURCE, t0: T0 });
  db.prepare(
    `INSERT INTO ticket_effective (source, external_id, customer_id, subject, description, notes_text, priority,
       status, kind, created_at, updated_at, is_open) VALUES (@source, 'T-1', @source || ':acme', 'Ticket T-1',
       'Something is broken', 'note n1', 'P3', 'acknowledged', 'incident', @t0, @t0, 1)`,
  ).run({ source: SOURCE, t0: T0 });
  db.prepare("INSERT INTO sync_state (source, resource, cursor, updated_at) VALUES (?, ?, 'c-old', ?)").run(
    SOURCE,
    TICKETS_RESOURCE,
    T0,
  );
  db.close();
  return file;
}

describe('opening a schema-2 database', () => {
  it('re-pulls every ticket and stores the history the server reports for it', () => {
    const { db } = openDatabase(schema2File());
    opened.push(db);
    const pulls = new PullStore(db);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(pulls.getCursor(SOURCE, TICKETS_RESOURCE)).toBeNull();
    expect(new TicketStore(db).countTickets()).toBe(1);

    const history = [
      { at: T0, status: 'new' as const },
      { at: T0 + HOUR, status: 'acknowledged' as const },
    ];
    const repulled = ticket('T-1', { status: 'acknowledged', history, notes: [note('n1')] });
    const { changedTicketIds } = pulls.applyPage(
      SOURCE,
      TICKETS_RESOURCE,
      { customers: [customer('acme')], tickets: [repulled] },
      'c-new',
    );

    expect(changedTicketIds).toHaveLength(1);
    const stored = db
      .prepare<[], { base: string; effective: string }>(
        `SELECT b.history AS base, e.history AS effective FROM ticket_base b
         JOIN ticket_effective e USING (source, external_id)`,
      )
      .get();
    expect(stored).toEqual({ base: JSON.stringify(history), effective: JSON.stringify(history) });
    expect(pulls.getCursor(SOURCE, TICKETS_RESOURCE)).toBe('c-new');
  });
});
