// Invariant 10 on real files: when a damaged database is moved aside, the changes its outbox had not sent yet are
// copied into the fresh one (as many as can still be read), and the user is told how many, or that they are lost.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, describeOutboxRescue, openDatabase } from '../../../src/store/database';
import { PullStore } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { customer, note, SOURCE, T0, ticket, useTempDirs } from './support';

const tempDir = useTempDirs();
const clock = { now: () => Date.UTC(2026, 2, 4, 5, 6, 7) };
const STATES = ['pending', 'inflight', 'acked', 'unknown', 'rejected', 'conflict'];

interface OutboxRow {
  seq: number;
  mutation_id: string;
  external_id: string;
  state: string;
  payload: string;
}

/** A Piket database at this version holding `tickets` tickets with notes, and `intents` outbox rows. */
function writeDatabase(file: string, tickets: number, intents: (n: number) => string): void {
  const { db } = openDatabase(file);
  const page = Array.from({ length: tickets }, (_, n) =>
    ticket(`T-${n}`, { description: `ticket ${n} ${'x'.repeat(400)}`, notes: [note(`n${n}`)] }),
  );
  new PullStore(db, clock).applyPage(
    SOURCE,
    'tickets',
    { customers: [customer('acme')], tickets: page },
    'cursor',
  );
  const insert = db.prepare(
    `INSERT INTO outbox (mutation_id, source, external_id, op, payload, state, created_at)
     VALUES (?, ?, ?, 'add_internal_note', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let n = 0; n < 200; n++) {
      const state = intents(n);
      if (state)
        insert.run(
          `m-${n}`,
          SOURCE,
          `T-${n % 7}`,
          JSON.stringify({ body: `note ${n} ${'y'.repeat(300)}` }),
          state,
          T0,
        );
    }
  })();
  closeDatabase(db);
}

/** The pages of one table or index, in b-tree order, read through SQLite's dbstat table. */
function leafPages(file: string, name: string): { pageno: number; ncell: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[string], { pageno: number; ncell: number }>(
        "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
      )
      .all(name);
  } finally {
    db.close();
  }
}

/** Overwrites one page with 0xFF bytes: no valid b-tree page starts like that. */
function damagePage(file: string, pageno: number): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (pageno - 1) * pageSize);
  fs.closeSync(fd);
}

function outboxOf(db: Database.Database): OutboxRow[] {
  return db
    .prepare<[], OutboxRow>('SELECT seq, mutation_id, external_id, state, payload FROM outbox ORDER BY seq')
    .all();
}

describe('moving a damaged database aside (invariant 10)', () => {
  it('rescues every unsent intent of a file whose ticket table is damaged, in order, inflight ones as unknown', () => {
    const file = path.join(tempDir(), 'piket.db');
    writeDatabase(file, 300, (n) => (n < 12 ? STATES[n % STATES.length]! : ''));
    const before = new Database(file, { readonly: true });
    const expected = outboxOf(before).filter((row) =>
      ['pending', 'inflight', 'unknown', 'conflict', 'rejected'].includes(row.state),
    );
    before.close();
    const ticketPages = leafPages(file, 'ticket_base');
    expect(ticketPages.length).toBeGreaterThan(10);
    damagePage(file, ticketPages[5]!.pageno);

    const { db, movedAsideTo, outboxRescue } = openDatabase(file, { clock });
    try {
      expect(movedAsideTo).not.toBeNull();
      expect(outboxRescue).toEqual({ rescued: 10, problem: null });
      expect(outboxOf(db)).toEqual(
        expected.map((row) => ({ ...row, state: row.state === 'inflight' ? 'unknown' : row.state })),
      );
      expect(new TicketStore(db).countTickets()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM ticket_base').pluck().get()).toBe(0);
    } finally {
      closeDatabase(db);
    }
    expect(describeOutboxRescue(outboxRescue!)).toBe(
      'The 10 changes it held that were not sent yet were rescued and will be sent.',
    );
  });

  it('rescues the intents before a damaged outbox page and says the rest could not be read', () => {
    const file = path.join(tempDir(), 'piket.db');
    writeDatabase(file, 5, () => 'pending');
    const pages = leafPages(file, 'outbox');
    expect(pages.length).toBeGreaterThan(4);
    const damaged = 3;
    damagePage(file, pages[damaged]!.pageno);
    const readable = pages.slice(0, damaged).reduce((sum, page) => sum + page.ncell, 0);
    expect(readable).toBeGreaterThan(0);
    expect(readable).toBeLessThan(200);

    const { db, outboxRescue } = openDatabase(file, { clock });
    try {
      expect(outboxRescue).toEqual({
        rescued: readable,
        problem: expect.stringMatching(/malformed|corrupt/i),
      });
      expect(outboxOf(db).map((row) => row.mutation_id)).toEqual(
        Array.from({ length: readable }, (_, n) => `m-${n}`),
      );
    } finally {
      closeDatabase(db);
    }
    expect(describeOutboxRescue(outboxRescue!)).toMatch(
      new RegExp(
        `^Piket rescued ${readable} changes that were not sent yet, but could not read the rest \\(.+\\); those are lost\\.$`,
      ),
    );
  });

  it('says so when the moved-aside file cannot be read at all', () => {
    const file = path.join(tempDir(), 'piket.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x42));
    const { db, outboxRescue } = openDatabase(file, { clock });
    closeDatabase(db);
    expect(outboxRescue).toEqual({ rescued: 0, problem: 'the file is not a database SQLite can read' });
    expect(describeOutboxRescue(outboxRescue!)).toBe(
      'Piket could not read the changes it held that were not sent yet (the file is not a database SQLite can read); they are lost.',
    );
  });

  it('reports no rescue for a healthy file, and an empty one for a damaged file with nothing unsent', () => {
    const file = path.join(tempDir(), 'piket.db');
    writeDatabase(file, 300, (n) => (n < 3 ? 'acked' : ''));
    const healthy = openDatabase(file, { clock });
    expect(healthy.outboxRescue).toBeNull();
    closeDatabase(healthy.db);
    damagePage(file, leafPages(file, 'ticket_base')[2]!.pageno);
    const moved = openDatabase(file, { clock });
    closeDatabase(moved.db);
    expect(moved.outboxRescue).toEqual({ rescued: 0, problem: null });
    expect(describeOutboxRescue(moved.outboxRescue!)).toBe('It held no changes waiting to be sent.');
  });
});
