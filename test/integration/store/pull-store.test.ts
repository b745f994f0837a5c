// PullStore on real SQLite: tickets that leave notes and history out keep them, additions merge into a ticket (or
// wait for it), tombstones take a ticket out of the queue without deleting server state or pending work, pages in
// any order end in the same state, and refused records are kept until accepted and re-fetched after an upgrade.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledTicket, TicketAddition, Tombstone } from '../../../src/connectors/connector';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { migrate } from '../../../src/store/migrations';
import { PullStore, type PullPageData, type RefusedRecord } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { customer, note, SOURCE, T0, ticket, useTempDirs } from './support';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const NOW = T0 + 7 * 24 * 60 * MINUTE;

let db: Database.Database;
let pulls: PullStore;
let tickets: TicketStore;

beforeEach(() => {
  db = openDatabase(`${tempDir()}/piket.db`).db;
  pulls = new PullStore(db, { now: () => NOW });
  tickets = new TicketStore(db, { now: () => NOW });
});

afterEach(() => closeDatabase(db));

/** A ticket as a connector whose ticket export carries neither notes nor history sends it. */
function bare(externalId: string, overrides: Partial<PulledTicket> = {}): PulledTicket {
  const { notes: _notes, history: _history, ...record } = ticket(externalId);
  return { ...record, ...overrides };
}

function apply(page: Partial<PullPageData>, cursor = 'c', resource = 'tickets'): number[] {
  return pulls.applyPage(SOURCE, resource, { customers: [], tickets: [], ...page }, cursor).changedTicketIds;
}

function idOf(externalId: string): number | undefined {
  return db
    .prepare<[string], number>('SELECT id FROM ticket_effective WHERE external_id = ?')
    .pluck()
    .get(externalId);
}

function detail(externalId: string) {
  return tickets.getTicket(idOf(externalId)!)!;
}

function search(text: string): number[] {
  return db
    .prepare<[string], number>('SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(text);
}

function base(externalId: string) {
  return db
    .prepare<
      [string],
      {
        subject: string;
        server_updated_at: number;
        deleted_at: number | null;
        deleted_reason: string | null;
        merged_into: string | null;
        history: string;
        first_response_at: number | null;
      }
    >(
      `SELECT subject, server_updated_at, deleted_at, deleted_reason, merged_into, history, first_response_at
       FROM ticket_base WHERE external_id = ?`,
    )
    .get(externalId);
}

function count(table: string): number {
  return db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get()!;
}

function addPendingIntent(externalId: string, state = 'pending'): void {
  db.prepare(
    `INSERT INTO outbox (mutation_id, source, external_id, op, payload, state, created_at)
     VALUES (?, ?, ?, 'status', ?, ?, ?)`,
  ).run(
    `m-${externalId}-${state}`,
    SOURCE,
    externalId,
    JSON.stringify({
      action: { kind: 'status', status: 'acknowledged' },
      me: 'Sanne',
      was: { status: 'new' },
    }),
    state,
    NOW,
  );
}

describe('tickets that leave notes and history out', () => {
  it('keep the stored notes and history (a ticket export that carries neither wipes nothing)', () => {
    const history = [{ at: T0, status: 'new' as const }];
    apply({ customers: [customer('acme')], tickets: [ticket('1', { notes: [note('n1')], history })] });
    const changed = apply({ tickets: [bare('1', { subject: 'Renamed', updatedAt: T0 + MINUTE })] });
    expect(changed).toEqual([idOf('1')]);
    expect(detail('1')).toMatchObject({
      subject: 'Renamed',
      notes: [expect.objectContaining({ body: 'note n1' })],
    });
    expect(JSON.parse(base('1')!.history)).toEqual(history);
    expect(search('n1')).toEqual([idOf('1')]);
  });

  it('keep a known first response when a record reports none, and the earliest of two known ones', () => {
    apply({ tickets: [bare('1', { firstResponseAt: T0 + 5 * MINUTE })] });
    apply({ tickets: [bare('1', { firstResponseAt: null, updatedAt: T0 + MINUTE })] });
    expect(detail('1').firstResponseAt).toBe(T0 + 5 * MINUTE);
    apply({ tickets: [bare('1', { firstResponseAt: T0 + 9 * MINUTE, updatedAt: T0 + 2 * MINUTE })] });
    expect(detail('1').firstResponseAt).toBe(T0 + 5 * MINUTE);
    apply({ tickets: [bare('1', { firstResponseAt: T0 + 2 * MINUTE, updatedAt: T0 + 3 * MINUTE })] });
    expect(detail('1').firstResponseAt).toBe(T0 + 2 * MINUTE);
  });
});

describe('additions', () => {
  it('upsert notes by id, append history without duplicates in time order, and move the first response only earlier', () => {
    apply({ customers: [customer('acme')], tickets: [bare('1', { history: [{ at: T0, status: 'new' }] })] });
    const id = idOf('1')!;
    const changed = apply({
      additions: [
        {
          externalId: '1',
          notes: [note('n1', { body: 'first look', createdAt: T0 + MINUTE })],
          history: [
            { at: T0 + 3 * MINUTE, status: 'in_progress' },
            { at: T0 + MINUTE, status: 'acknowledged' },
          ],
          firstResponseAt: T0 + 2 * MINUTE,
        },
        {
          externalId: '1',
          notes: [
            note('n1', { body: 'first look, edited', createdAt: T0 + MINUTE }),
            note('n2', { body: 'kubernetes', createdAt: T0 + 4 * MINUTE }),
          ],
          history: [{ at: T0 + MINUTE, status: 'acknowledged' }],
          firstResponseAt: T0 + 4 * MINUTE,
        },
      ],
    });
    expect(changed).toEqual([id]);
    expect(detail('1').notes.map((n) => n.body)).toEqual(['first look, edited', 'kubernetes']);
    expect(detail('1').firstResponseAt).toBe(T0 + 2 * MINUTE);
    expect(JSON.parse(base('1')!.history)).toEqual([
      { at: T0, status: 'new' },
      { at: T0 + MINUTE, status: 'acknowledged' },
      { at: T0 + 3 * MINUTE, status: 'in_progress' },
    ]);
    expect(detail('1').status).toBe('new');
    expect(search('kubernetes')).toEqual([id]);
    expect(search('edited')).toEqual([id]);
  });

  it('invariant 3: the same addition delivered again changes nothing and reports nothing', () => {
    apply({ tickets: [bare('1')] });
    const addition: TicketAddition = {
      externalId: '1',
      notes: [note('n1')],
      history: [{ at: T0 + MINUTE, priority: 'P1' }],
      firstResponseAt: T0 + MINUTE,
    };
    expect(apply({ additions: [addition] })).toEqual([idOf('1')]);
    const rows = db.prepare('SELECT * FROM ticket_effective').all();
    expect(apply({ additions: [addition] })).toEqual([]);
    expect(db.prepare('SELECT * FROM ticket_effective').all()).toEqual(rows);
    expect(count('note_base')).toBe(1);
  });

  it('wait for a ticket not stored yet — no foreign-key failure, the cursor moves — and apply when it arrives in a later page', () => {
    const addition: TicketAddition = { externalId: '2', notes: [note('n1', { body: 'early bird' })] };
    expect(apply({ additions: [addition, addition] }, 'events-1', 'events')).toEqual([]);
    expect(pulls.getCursor(SOURCE, 'events')).toBe('events-1');
    expect(count('sync_pending')).toBe(1);
    expect(count('note_base')).toBe(0);

    const changed = apply({ tickets: [bare('2')] }, 'tickets-1');
    expect(changed).toEqual([idOf('2')]);
    expect(detail('2').notes.map((n) => n.body)).toEqual(['early bird']);
    expect(search('bird')).toEqual([idOf('2')]);
    expect(count('sync_pending')).toBe(0);
  });
});

describe('tombstones', () => {
  it('invariant 6: take the ticket out of the queue and search but delete no server state; a newer record restores it', () => {
    apply({
      customers: [customer('acme')],
      tickets: [ticket('1', { subject: 'printer', notes: [note('n1')] })],
    });
    const id = idOf('1')!;
    const tombstone: Tombstone = { externalId: '1', reason: 'merged', mergedInto: '7', at: T0 + MINUTE };
    expect(apply({ tombstones: [tombstone] })).toEqual([id]);
    expect(idOf('1')).toBeUndefined();
    expect(search('printer')).toEqual([]);
    expect(tickets.getTicket(id)).toBeNull();
    expect(base('1')).toMatchObject({ deleted_at: T0 + MINUTE, deleted_reason: 'merged', merged_into: '7' });
    expect(count('note_base')).toBe(1);
    expect(apply({ tombstones: [tombstone] })).toEqual([]);

    const restored = apply({
      tickets: [bare('1', { subject: 'printer again', updatedAt: T0 + 2 * MINUTE })],
    });
    expect(restored).toEqual([idOf('1')]);
    expect(base('1')).toMatchObject({ deleted_at: null, deleted_reason: null, merged_into: null });
    expect(detail('1').notes).toHaveLength(1);
  });

  it('invariant 6: a ticket with unsent intents in the outbox is never hard-deleted and stays visible', () => {
    apply({ tickets: [ticket('1', { notes: [note('n1')] }), ticket('2')] });
    addPendingIntent('1', 'pending');
    addPendingIntent('2', 'acked');
    const id = idOf('1')!;
    apply({
      tombstones: [
        { externalId: '1', reason: 'deleted', at: T0 + MINUTE },
        { externalId: '2', reason: 'deleted', at: T0 + MINUTE },
      ],
    });
    expect(idOf('1')).toBe(id);
    expect(detail('1')).toMatchObject({ hasPending: true, notes: [expect.anything()] });
    expect(base('1')!.deleted_at).toBe(T0 + MINUTE);
    expect(idOf('2')).toBeUndefined();
    expect(count('ticket_base')).toBe(2);
  });

  it('invariant 3: an older copy of a deleted ticket delivered later does not bring it back, also when the tombstone came first', () => {
    apply({ tickets: [bare('1', { updatedAt: T0 + MINUTE })] });
    apply({ tombstones: [{ externalId: '1', reason: 'deleted', at: T0 + 2 * MINUTE }] });
    expect(apply({ tickets: [bare('1', { updatedAt: T0 + MINUTE, subject: 'stale' })] })).toEqual([]);
    expect(apply({ tickets: [bare('1', { updatedAt: T0 + 2 * MINUTE })] })).toEqual([]);
    expect(idOf('1')).toBeUndefined();

    apply({ tombstones: [{ externalId: '2', reason: 'deleted', at: T0 + 2 * MINUTE }] });
    expect(count('sync_pending')).toBe(1);
    expect(apply({ tickets: [bare('2', { updatedAt: T0 + MINUTE })] })).toEqual([]);
    expect(idOf('2')).toBeUndefined();
    expect(base('2')!.deleted_at).toBe(T0 + 2 * MINUTE);
    expect(count('sync_pending')).toBe(0);
  });
});

describe('invariant 3: pages in any order', () => {
  /** Every item of a sync of four tickets, each as its own page, in the order the server produced them. */
  const items: Partial<PullPageData>[] = [
    { customers: [customer('acme')] },
    { tickets: [bare('A', { updatedAt: T0 + MINUTE })] },
    { tickets: [bare('B', { updatedAt: T0 + MINUTE })] },
    { tickets: [bare('C', { updatedAt: T0 + MINUTE })] },
    {
      additions: [
        {
          externalId: 'A',
          notes: [note('a1', { createdAt: T0 + MINUTE })],
          history: [{ at: T0 + 2 * MINUTE, status: 'acknowledged' }],
          firstResponseAt: T0 + 2 * MINUTE,
        },
      ],
    },
    { tickets: [bare('A', { updatedAt: T0 + 2 * MINUTE, status: 'acknowledged' })] },
    { tombstones: [{ externalId: 'A', reason: 'deleted', at: T0 + 2.5 * MINUTE }] },
    { tickets: [bare('B', { updatedAt: T0 + 2 * MINUTE, subject: 'B, second' })] },
    { additions: [{ externalId: 'B', notes: [note('b1')] }] },
    { tickets: [bare('A', { updatedAt: T0 + 3 * MINUTE, status: 'in_progress', subject: 'A, restored' })] },
    {
      additions: [
        {
          externalId: 'A',
          notes: [note('a2', { createdAt: T0 + 3 * MINUTE })],
          history: [{ at: T0 + 3 * MINUTE, status: 'in_progress' }],
          firstResponseAt: T0 + 1.5 * MINUTE,
        },
      ],
    },
    { tombstones: [{ externalId: 'B', reason: 'deleted', at: T0 + 4 * MINUTE }] },
    { tombstones: [{ externalId: 'C', reason: 'merged', mergedInto: 'A', at: T0 + MINUTE }] },
    { tombstones: [{ externalId: 'D', reason: 'deleted', at: T0 + 5 * MINUTE }] },
  ];

  function finalState(order: readonly number[]): unknown {
    const memory = new Database(':memory:');
    migrate(memory);
    const store = new PullStore(memory, { now: () => NOW });
    order.forEach((index, n) =>
      store.applyPage(SOURCE, 'tickets', { customers: [], tickets: [], ...items[index] }, `c${n}`),
    );
    const state = {
      base: memory.prepare('SELECT * FROM ticket_base ORDER BY external_id').all(),
      notes: memory
        .prepare('SELECT ticket_external_id, external_id, body FROM note_base ORDER BY 1, 2')
        .all(),
      effective: memory
        .prepare(
          `SELECT external_id, subject, status, notes_text, first_response_at, updated_at, history, has_pending
           FROM ticket_effective ORDER BY external_id`,
        )
        .all(),
      waiting: memory.prepare('SELECT ticket_external_id, kind, payload FROM sync_pending').all(),
      customers: memory.prepare('SELECT * FROM customers').all(),
    };
    memory.close();
    return state;
  }

  it('end in the state the server order gives, whatever the order and duplicates', () => {
    const inOrder = finalState(items.map((_, index) => index));
    expect(inOrder).toMatchObject({
      effective: [
        {
          external_id: 'A',
          subject: 'A, restored',
          status: 'in_progress',
          notes_text: 'note a1\nnote a2',
          first_response_at: T0 + 1.5 * MINUTE,
        },
      ],
      waiting: [{ ticket_external_id: 'D', kind: 'tombstone' }],
    });
    const indexes = items.map((_, index) => index);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(indexes, { minLength: indexes.length }),
        fc.array(fc.tuple(fc.constantFrom(...indexes), fc.nat()), { maxLength: 6 }),
        (order, duplicates) => {
          const pages = [...order];
          for (const [index, at] of duplicates) pages.splice(at % (pages.length + 1), 0, index);
          expect(finalState(pages)).toEqual(inOrder);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('refused records', () => {
  const refused = (externalId: string, reason = 'priority: Invalid option'): RefusedRecord => ({
    kind: 'ticket',
    externalId,
    reason,
    excerpt: `{"externalId":"${externalId}"}`,
  });
  let now = NOW;

  beforeEach(() => {
    now = NOW;
    pulls = new PullStore(db, { now: () => now });
  });

  it('are kept with reason, excerpt, first and last sighting until a record of that kind and id is accepted', () => {
    pulls.applyPage(SOURCE, 'tickets', { customers: [], tickets: [] }, 'c1', {
      appVersion: '0.1.0',
      records: [refused('1'), refused('2'), { ...refused('1'), kind: 'tombstone' }],
    });
    now += MINUTE;
    pulls.applyPage(SOURCE, 'tickets', { customers: [], tickets: [] }, 'c2', {
      appVersion: '0.1.0',
      records: [refused('1', 'status: Invalid option')],
    });
    expect(pulls.refusals(SOURCE, 2)).toEqual({
      count: 3,
      first: [
        {
          kind: 'ticket',
          externalId: '1',
          resource: 'tickets',
          reason: 'status: Invalid option',
          excerpt: '{"externalId":"1"}',
          firstSeenAt: NOW,
          lastSeenAt: NOW + MINUTE,
          appVersion: '0.1.0',
        },
        expect.objectContaining({ kind: 'ticket', externalId: '2' }),
      ],
    });

    apply({ tickets: [bare('1')] }, 'c3');
    expect(pulls.refusals(SOURCE, 5).first.map((r) => `${r.kind} ${r.externalId}`)).toEqual([
      'ticket 2',
      'tombstone 1',
    ]);
    expect(pulls.refusals('zendesk', 5)).toEqual({ count: 0, first: [] });
  });

  it('of an addition are forgotten part by part: a note by its id, a history entry by its instant', () => {
    apply({ tickets: [bare('1')] });
    pulls.applyPage(SOURCE, 'events', { customers: [], tickets: [] }, 'e1', {
      appVersion: '0.1.0',
      records: [
        { kind: 'note', externalId: '1/n1', reason: 'createdAt: bad', excerpt: '{}' },
        { kind: 'note', externalId: '1/n2', reason: 'createdAt: bad', excerpt: '{}' },
        { kind: 'change', externalId: `1@${T0 + MINUTE}`, reason: 'status: bad', excerpt: '{}' },
      ],
    });
    apply({
      additions: [{ externalId: '1', notes: [note('n1')], history: [{ at: T0 + MINUTE, status: 'new' }] }],
    });
    expect(pulls.refusals(SOURCE, 5).first.map((r) => r.externalId)).toEqual(['1/n2']);
  });

  it('after an upgrade, re-fetch their resource from the start once; other resources keep their cursors', () => {
    apply({}, 'tickets-9', 'tickets');
    apply({}, 'events-9', 'events');
    pulls.applyPage(SOURCE, 'events', { customers: [], tickets: [] }, 'events-10', {
      appVersion: '0.1.0',
      records: [{ kind: 'note', externalId: '1/n1', reason: 'bad', excerpt: '{}' }],
    });
    expect(pulls.resetAfterUpgrade(SOURCE, '0.1.0')).toEqual([]);
    expect(pulls.getCursor(SOURCE, 'events')).toBe('events-10');

    expect(pulls.resetAfterUpgrade(SOURCE, '0.2.0')).toEqual(['events']);
    expect(pulls.getCursor(SOURCE, 'events')).toBeNull();
    expect(pulls.getCursor(SOURCE, 'tickets')).toBe('tickets-9');
    expect(pulls.refusals(SOURCE, 1)).toMatchObject({ count: 1, first: [{ appVersion: '0.2.0' }] });
    apply({}, 'events-1', 'events');
    expect(pulls.resetAfterUpgrade(SOURCE, '0.2.0')).toEqual([]);
    expect(pulls.getCursor(SOURCE, 'events')).toBe('events-1');
  });

  it('go with their source, as do additions waiting for a ticket', () => {
    pulls.applyPage(
      SOURCE,
      'tickets',
      { customers: [], tickets: [], additions: [{ externalId: '9', notes: [note('n1')] }] },
      'c1',
      {
        appVersion: '0.1.0',
        records: [refused('1')],
      },
    );
    tickets.removeSource(SOURCE);
    expect(count('sync_rejects')).toBe(0);
    expect(count('sync_pending')).toBe(0);
  });
});
