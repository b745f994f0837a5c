// TicketStore on a real database file, fed by PullStore: what pulled pages look like when read back (ordered by
// server time, atomic with the cursor, stable local ids), the queue with its filters, search, paging and stats,
// detail, and removing a source.
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeQueueCursor } from '../../../src/api/queue-cursor';
import {
  needsMeParts,
  QUEUE_SCOPES,
  QUEUE_SORTS,
  type QueueScope,
  type QueueSort,
} from '../../../src/api/queue-order';
import { queueQuerySchema, type ArgsIn } from '../../../src/api/schemas';
import type { TicketRecord } from '../../../src/domain/ticket';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { PullStore } from '../../../src/store/pull-store';
import {
  queueSegments,
  segmentIdsQuery,
  segmentMatchesQuery,
  segmentRowsQuery,
  type BuiltQuery,
} from '../../../src/store/queue-query';
import { TicketStore } from '../../../src/store/ticket-store';
import { customer, note, SOURCE, T0, ticket, useTempDirs } from './support';

const tempDir = useTempDirs();
const ME = 'Sanne';
const MINUTE = 60_000;

let db: Database.Database;
let store: TicketStore;
let pulls: PullStore;
const NOW = T0 + 42;

beforeEach(() => {
  db = openDatabase(`${tempDir()}/piket.db`).db;
  store = new TicketStore(db, { now: () => NOW });
  pulls = new PullStore(db, { now: () => NOW });
});

afterEach(() => {
  closeDatabase(db);
});

function apply(tickets: TicketRecord[], cursor = 'c1', customers = [customer('acme')]): number[] {
  return pulls.applyPage(SOURCE, 'tickets', { customers, tickets }, cursor).changedTicketIds;
}

function queue(query: ArgsIn<'listQueue'> = {}) {
  return store.listQueue(queueQuerySchema.parse(query), [ME]);
}

function externalIds(query: Parameters<typeof queue>[0] = {}): string[] {
  return queue(query).tickets.map((t) => t.externalId);
}

function idOf(externalId: string): number {
  return db
    .prepare<[string], number>('SELECT id FROM ticket_effective WHERE external_id = ?')
    .pluck()
    .get(externalId)!;
}

describe('pulled pages', () => {
  it('stores tickets, notes and customers, and returns the changed local ids', () => {
    const changed = apply([
      ticket('1', {
        notes: [note('n2', { createdAt: T0 + 2, body: 'second' }), note('n1', { body: 'first' })],
      }),
      ticket('2'),
    ]);
    expect(changed).toEqual([idOf('1'), idOf('2')]);
    expect(store.countTickets()).toBe(2);
    const detail = store.getTicket(idOf('1'))!;
    expect(detail).toMatchObject({
      externalId: '1',
      customerId: 'demo:acme',
      customerName: 'Customer acme',
      subject: 'Ticket 1',
      description: 'Something is broken',
      hasPending: false,
    });
    expect(detail.notes.map((n) => n.body)).toEqual(['first', 'second']);
    expect(detail.customer).toEqual({
      id: 'demo:acme',
      source: SOURCE,
      name: 'Customer acme',
      tam: { name: 'Tess Am', phone: '+31 20 555 0101', email: 'tess@example.com' },
      leadEngineer: null,
      uptimePromise: '99.9%',
      timeZone: 'Europe/Amsterdam',
    });
    expect(db.prepare('SELECT notes_text FROM ticket_effective WHERE external_id = ?').pluck().get('1')).toBe(
      'first\nsecond',
    );
  });

  it('never lets an older server version overwrite a newer one (out-of-order pages)', () => {
    apply([
      ticket('1', { status: 'in_progress', updatedAt: T0 + 10 * MINUTE, notes: [note('n1'), note('n2')] }),
    ]);
    const changed = apply([ticket('1', { status: 'new', updatedAt: T0 + 5 * MINUTE, notes: [note('n1')] })]);
    expect(changed).toEqual([]);
    const detail = store.getTicket(idOf('1'))!;
    expect(detail.status).toBe('in_progress');
    expect(detail.updatedAt).toBe(T0 + 10 * MINUTE);
    expect(detail.notes).toHaveLength(2);
    expect(
      db.prepare('SELECT server_updated_at FROM ticket_base WHERE external_id = ?').pluck().get('1'),
    ).toBe(T0 + 10 * MINUTE);
  });

  it('applies a newer version, replacing the notes and keeping the local id', () => {
    apply([ticket('1', { notes: [note('n1', { body: 'old' }), note('n2')] }), ticket('2')]);
    const id = idOf('1');
    const noteId = store.getTicket(id)!.notes[0]!.id;
    const changed = apply([
      ticket('1', {
        subject: 'Renamed',
        priority: 'P1',
        updatedAt: T0 + MINUTE,
        notes: [note('n1', { body: 'edited' }), note('n3', { createdAt: T0 + 1 })],
      }),
    ]);
    expect(changed).toEqual([id]);
    expect(idOf('1')).toBe(id);
    const detail = store.getTicket(id)!;
    expect(detail).toMatchObject({ subject: 'Renamed', priority: 'P1' });
    expect(detail.notes.map((n) => [n.id, n.body])).toEqual([
      [noteId, 'edited'],
      [expect.any(Number), 'note n3'],
    ]);
    expect(db.prepare("SELECT count(*) FROM note_base WHERE external_id = 'n2'").pluck().get()).toBe(0);
  });

  it('accepts a same-time version that differs (servers with coarse timestamps)', () => {
    apply([ticket('1')]);
    expect(apply([ticket('1', { assignee: ME })])).toEqual([idOf('1')]);
    expect(store.getTicket(idOf('1'))!.assignee).toBe(ME);
  });

  it('reports a ticket whose notes changed in ways search does not see', () => {
    apply([ticket('1', { notes: [note('n1')] })]);
    expect(apply([ticket('1', { notes: [note('n1', { public: true })] })])).toEqual([idOf('1')]);
    expect(store.getTicket(idOf('1'))!.notes[0]!.public).toBe(true);
    expect(apply([ticket('1', { notes: [note('n1', { public: true })] })])).toEqual([]);
  });

  it('keeps a newer customer over an older one', () => {
    apply([], 'c1', [customer('acme', { name: 'Acme BV', updatedAt: T0 + MINUTE })]);
    apply([], 'c2', [customer('acme', { name: 'Acme old', updatedAt: T0 })]);
    expect(store.listCustomers().map((c) => c.name)).toEqual(['Acme BV']);
  });

  it('commits the cursor with the page', () => {
    expect(pulls.getCursor(SOURCE, 'tickets')).toBeNull();
    apply([ticket('1')], 'cursor-1');
    expect(pulls.getCursor(SOURCE, 'tickets')).toBe('cursor-1');
    expect(pulls.getCursor(SOURCE, 'other')).toBeNull();
    apply([], 'cursor-2');
    expect(pulls.getCursor(SOURCE, 'tickets')).toBe('cursor-2');
    expect(db.prepare('SELECT updated_at FROM sync_state').pluck().get()).toBe(NOW);
  });

  it('rolls back the whole page, cursor included, when one record is refused', () => {
    apply([ticket('1')], 'cursor-1');
    const bad = { ...ticket('3'), priority: 'P9' } as unknown as TicketRecord;
    expect(() =>
      apply([ticket('1', { subject: 'changed', updatedAt: T0 + 1 }), ticket('2'), bad], 'cursor-2'),
    ).toThrow(/CHECK constraint/);
    expect(pulls.getCursor(SOURCE, 'tickets')).toBe('cursor-1');
    expect(store.countTickets()).toBe(1);
    expect(store.getTicket(idOf('1'))!.subject).toBe('Ticket 1');
  });

  it('refuses records of another source', () => {
    expect(() => apply([ticket('1', { source: 'zendesk' })])).toThrow(/not from demo/);
    expect(store.countTickets()).toBe(0);
  });

  it('shows the customer id when the customer has not arrived yet', () => {
    apply([ticket('1', { customerExternalId: 'later' })], 'c1', []);
    const detail = store.getTicket(idOf('1'))!;
    expect(detail.customerName).toBe('demo:later');
    expect(detail.customer).toMatchObject({ id: 'demo:later', name: 'demo:later', tam: null });
  });
});

describe('listQueue', () => {
  beforeEach(() => {
    apply(
      [
        ticket('p3-old', { priority: 'P3', createdAt: T0 }),
        ticket('p1-new', { priority: 'P1', createdAt: T0 + 2 * MINUTE, assignee: ME }),
        ticket('p1-old', { priority: 'P1', createdAt: T0 + MINUTE, customerExternalId: 'globex' }),
        ticket('p2', { priority: 'P2', status: 'waiting_on_customer', subject: 'VPN certificate expired' }),
        ticket('p4', { priority: 'P4', assignee: ME, description: 'Printer on floor 3', kind: 'request' }),
        ticket('done', { priority: 'P1', status: 'resolved', resolvedAt: T0 + MINUTE }),
        ticket('tie-b', { priority: 'P3', createdAt: T0 + 5 * MINUTE }),
        ticket('tie-a', { priority: 'P3', createdAt: T0 + 5 * MINUTE }),
        ticket('noted', {
          priority: 'P4',
          createdAt: T0 + MINUTE,
          notes: [note('n1', { body: 'Customer says the Kubernetes upgrade failed' })],
        }),
      ],
      'c1',
      [customer('acme'), customer('globex', { name: 'Globex' })],
    );
  });

  it('orders open tickets by urgency by default: priority, then (no deadlines here) oldest first, then id', () => {
    expect(externalIds()).toEqual(['p1-old', 'p1-new', 'p2', 'p3-old', 'tie-b', 'tie-a', 'p4', 'noted']);
    expect(idOf('tie-b')).toBeLessThan(idOf('tie-a'));
  });

  it('includes closed tickets in the all scope', () => {
    expect(externalIds({ scope: 'all' })).toEqual([
      'done',
      'p1-old',
      'p1-new',
      'p2',
      'p3-old',
      'tie-b',
      'tie-a',
      'p4',
      'noted',
    ]);
  });

  it('maps rows to summaries', () => {
    expect(queue({ customerIds: ['demo:globex'] }).tickets).toEqual([
      {
        id: idOf('p1-old'),
        source: SOURCE,
        externalId: 'p1-old',
        customerId: 'demo:globex',
        customerName: 'Globex',
        subject: 'Ticket p1-old',
        priority: 'P1',
        status: 'new',
        kind: 'incident',
        cveId: null,
        assignee: null,
        createdAt: T0 + MINUTE,
        updatedAt: T0,
        hasPending: false,
        slaTicket: {
          createdAt: T0 + MINUTE,
          kind: 'incident',
          severity: null,
          initialStatus: 'new',
          initialPriority: 'P1',
          changes: [],
          firstResponseAt: null,
          approximate: true,
        },
      },
    ]);
  });

  it('filters on priority, status, customer and mine, alone and together', () => {
    expect(externalIds({ priorities: ['P1', 'P4'] })).toEqual(['p1-old', 'p1-new', 'p4', 'noted']);
    expect(externalIds({ statuses: ['waiting_on_customer'] })).toEqual(['p2']);
    expect(externalIds({ statuses: ['resolved'] })).toEqual([]);
    expect(externalIds({ statuses: ['resolved'], scope: 'all' })).toEqual(['done']);
    expect(externalIds({ customerIds: ['demo:acme'] })).not.toContain('p1-old');
    expect(externalIds({ mine: true })).toEqual(['p1-new', 'p4']);
    expect(externalIds({ mine: false })).toHaveLength(8);
    expect(externalIds({ mine: true, priorities: ['P4'], customerIds: ['demo:acme'] })).toEqual(['p4']);
    expect(externalIds({ priorities: [] })).toEqual([]);
  });

  it('searches subject, description and notes by word prefix', () => {
    expect(externalIds({ search: 'vpn' })).toEqual(['p2']);
    expect(externalIds({ search: 'certif exp' })).toEqual(['p2']);
    expect(externalIds({ search: 'printer' })).toEqual(['p4']);
    expect(externalIds({ search: 'kubernetes' })).toEqual(['noted']);
    expect(externalIds({ search: 'vpn printer' })).toEqual([]);
    expect(externalIds({ search: 'VPN', priorities: ['P1'] })).toEqual([]);
    expect(externalIds({ search: '   ' })).toHaveLength(8);
    expect(externalIds({ search: '' })).toHaveLength(8);
  });

  it('survives hostile search input', () => {
    for (const search of [
      '"',
      'AND',
      '*',
      'NEAR(',
      '-',
      'vpn AND',
      'NOT vpn',
      '"vpn',
      'subject:vpn',
      '^vpn',
      '(',
      ')"*',
    ]) {
      expect(() => queue({ search })).not.toThrow();
    }
    for (const search of ['"vpn', 'vpn"', 'vpn*', '-vpn', 'NEAR( vpn"', '(vpn)']) {
      expect(externalIds({ search: search.replace('NEAR( ', '') })).toEqual(['p2']);
    }
    expect(externalIds({ search: 'vpn -certificate' })).toEqual(['p2']);
    expect(externalIds({ search: 'vpn NOT certificate' })).toEqual([]);
    expect(externalIds({ search: '*' })).toHaveLength(8);
  });

  it('pages after a cursor, and the last page has no next cursor', () => {
    const all = externalIds();
    const first = queue({ limit: 3 });
    expect(first.tickets.map((t) => t.externalId)).toEqual(all.slice(0, 3));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = queue({ limit: 3, after: first.nextCursor! });
    expect(second.tickets.map((t) => t.externalId)).toEqual(all.slice(3, 6));
    const last = queue({ limit: 3, after: second.nextCursor! });
    expect(last.tickets.map((t) => t.externalId)).toEqual(all.slice(6));
    expect(last.nextCursor).toBeNull();
    expect(queue({ limit: 8 }).nextCursor).toBeNull();
    expect(queue({ limit: 7 }).nextCursor).toEqual(expect.any(String));
  });

  it('walks every query page by page to exactly its full list, in every scope and sort, ties broken by id', () => {
    // Deadlines in both directions, and one update time shared by two tickets.
    store.setDueSorts([
      { id: idOf('p3-old'), dueSort: T0 - 60 * MINUTE },
      { id: idOf('p1-new'), dueSort: T0 + 90 * MINUTE },
      { id: idOf('tie-a'), dueSort: T0 + 10 * MINUTE },
    ]);
    apply([
      ticket('p4', {
        priority: 'P4',
        assignee: ME,
        description: 'Printer on floor 3',
        kind: 'request',
        updatedAt: T0 + 5,
      }),
      ticket('p2', {
        priority: 'P2',
        status: 'waiting_on_customer',
        subject: 'VPN certificate expired',
        updatedAt: T0 + 5,
      }),
    ]);
    let walks = 0;
    for (const scope of QUEUE_SCOPES) {
      for (const sort of QUEUE_SORTS) {
        for (const filter of [
          {},
          { priorities: ['P3' as const, 'P4' as const] },
          { mine: true },
          { search: 'ticket' },
          { search: 'ticket', priorities: ['P1' as const, 'P3' as const] },
        ]) {
          const query = { scope, sort, ...filter };
          const full = externalIds(query);
          for (const limit of [1, 2]) {
            const walked: string[] = [];
            let after: string | null = null;
            do {
              const page: ReturnType<typeof queue> = queue({
                ...query,
                limit,
                ...(after !== null && { after }),
              });
              walked.push(...page.tickets.map((t) => t.externalId));
              after = page.nextCursor;
            } while (after !== null);
            expect(walked, JSON.stringify({ ...query, limit })).toEqual(full);
            walks += full.length > 1 ? 1 : 0;
          }
        }
      }
    }
    expect(walks).toBeGreaterThan(100);
  });

  it('re-reads changes: a resolved ticket leaves the open queue', () => {
    apply([
      ticket('p2', {
        priority: 'P2',
        status: 'resolved',
        subject: 'VPN certificate expired',
        updatedAt: T0 + 1,
      }),
    ]);
    expect(externalIds()).not.toContain('p2');
    expect(externalIds({ search: 'vpn' })).toEqual([]);
    expect(externalIds({ search: 'vpn', scope: 'all' })).toEqual(['p2']);
  });

  it('counts open tickets per priority, mine, and what needs me now', () => {
    expect(store.getQueueStats([ME])).toEqual({
      open: 8,
      byPriority: { P1: 2, P2: 1, P3: 3, P4: 2 },
      mine: 2,
      needsMe: 3,
    });
    expect(store.getQueueStats(['nobody']).mine).toBe(0);
    store.setDueSorts([{ id: idOf('p4'), dueSort: NOW + 11 * 60 * MINUTE }]);
    expect(store.getQueueStats([ME]).needsMe).toBe(4);
    expect(store.getQueueStats([ME], NOW + 11 * 60 * MINUTE).needsMe).toBe(3);
  });

  it('lists customers by name', () => {
    apply([], 'c2', [customer('zeta', { name: 'aardvark' })]);
    expect(store.listCustomers().map((c) => c.name)).toEqual(['aardvark', 'Customer acme', 'Globex']);
  });
});

describe('keyset paging while the queue changes', () => {
  const PAGE = 10;
  /** Open tickets t00…t29, in this queue order: due one minute apart. */
  const ROWS = Array.from({ length: 30 }, (_, i) => `t${String(i).padStart(2, '0')}`);

  beforeEach(() => {
    apply(ROWS.map((externalId) => ticket(externalId)));
    ROWS.forEach((externalId, i) => moveTo(externalId, T0 + i * MINUTE));
  });

  function moveTo(externalId: string, dueSort: number): void {
    store.setDueSorts([{ id: idOf(externalId), dueSort }]);
  }

  function page(after: string | null) {
    const result = queue({ limit: PAGE, ...(after !== null && { after }) });
    return { ids: result.tickets.map((t) => t.externalId), nextCursor: result.nextCursor };
  }

  /** The page the OFFSET query this replaced would return now. */
  function offsetPage(offset: number): string[] {
    return db
      .prepare<[number, number], string>(
        `SELECT external_id FROM ticket_effective WHERE is_open = 1
         ORDER BY due_sort, priority, created_at, id LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(PAGE, offset);
  }

  it('skips no unseen row when a row the user has seen moves behind the cursor, and shows that row again', () => {
    const first = page(null);
    expect(first.ids).toEqual(ROWS.slice(0, 10));
    moveTo('t03', T0 + 100 * MINUTE);

    const second = page(first.nextCursor);
    expect(second.ids).toEqual(ROWS.slice(10, 20));
    expect(offsetPage(PAGE)).not.toContain('t10');

    const third = page(second.nextCursor);
    expect(third.ids).toEqual(ROWS.slice(20, 30));
    const last = page(third.nextCursor);
    expect(last).toEqual({ ids: ['t03'], nextCursor: null });
  });

  it('repeats no row when an unseen row moves before the cursor', () => {
    const first = page(null);
    moveTo('t15', T0 - MINUTE);

    const second = page(first.nextCursor);
    expect(second.ids).toEqual([...ROWS.slice(10, 15), ...ROWS.slice(16, 21)]);
    expect(offsetPage(PAGE)).toContain('t09');
    // Not on the later pages: the next read from the start shows it at its new place.
    expect(page(null).ids[0]).toBe('t15');
  });

  it('returns every row that did not move exactly once, in order, whatever moves between pages', () => {
    const move = fc.record({
      row: fc.integer({ min: 0, max: ROWS.length - 1 }),
      minute: fc.integer({ min: -5, max: 35 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(move, { maxLength: 4 }), { maxLength: 6 }), (movesAfterPage) => {
        ROWS.forEach((externalId, i) => moveTo(externalId, T0 + i * MINUTE));
        const moved = new Set<string>();
        const walked: string[] = [];
        let after: string | null = null;
        for (let index = 0; index === 0 || after !== null; index++) {
          const next = page(after);
          walked.push(...next.ids);
          after = next.nextCursor;
          for (const { row, minute } of movesAfterPage[index] ?? []) {
            moved.add(ROWS[row]!);
            moveTo(ROWS[row]!, T0 + minute * MINUTE);
          }
        }
        const unmoved = ROWS.filter((externalId) => !moved.has(externalId));
        expect(walked.filter((externalId) => !moved.has(externalId))).toEqual(unmoved);
      }),
      { numRuns: 60 },
    );
  });
});

describe('getTicket', () => {
  it('returns null for an unknown id', () => {
    expect(store.getTicket(12345)).toBeNull();
  });

  it('returns every field', () => {
    apply([
      ticket('cve', {
        kind: 'security',
        cveId: 'CVE-2026-1234',
        severity: 'high',
        firstResponseAt: T0 + MINUTE,
        notes: [note('n1', { public: true, author: 'Joris' })],
      }),
    ]);
    const detail = store.getTicket(idOf('cve'))!;
    expect(detail).toMatchObject({
      kind: 'security',
      cveId: 'CVE-2026-1234',
      severity: 'high',
      firstResponseAt: T0 + MINUTE,
      resolvedAt: null,
    });
    expect(detail.notes).toEqual([
      { id: expect.any(Number), author: 'Joris', body: 'note n1', public: true, createdAt: T0 },
    ]);
  });
});

describe('removeSource', () => {
  it('deletes the tickets, notes, customers, cursors and search entries of one source only', () => {
    apply([ticket('1', { subject: 'shared words', notes: [note('n1')] })], 'demo-cursor');
    pulls.applyPage(
      'zendesk',
      'tickets',
      {
        customers: [customer('acme', { source: 'zendesk' })],
        tickets: [ticket('1', { source: 'zendesk', subject: 'shared words' })],
      },
      'zd-cursor',
    );
    expect(store.countTickets()).toBe(2);

    store.removeSource(SOURCE);
    expect(store.countTickets()).toBe(0 + 1);
    expect(store.countTickets(SOURCE)).toBe(0);
    expect(store.countTickets('zendesk')).toBe(1);
    expect(pulls.getCursor(SOURCE, 'tickets')).toBeNull();
    expect(pulls.getCursor('zendesk', 'tickets')).toBe('zd-cursor');
    expect(store.listCustomers().map((c) => c.id)).toEqual(['zendesk:acme']);
    for (const table of ['ticket_base', 'note_base']) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE source = ?`).pluck().get(SOURCE)).toBe(0);
    }
    expect(queue({ search: 'shared' }).tickets.map((t) => t.source)).toEqual(['zendesk']);
    db.prepare("INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('refuses, and removes nothing, while the source has changes waiting to be sent', () => {
    apply([ticket('1')], 'demo-cursor');
    db.prepare(
      `INSERT INTO outbox (mutation_id, source, external_id, op, payload, created_at)
       VALUES ('m-1', ?, '1', 'ack', '{}', 0)`,
    ).run(SOURCE);
    expect(() => store.removeSource(SOURCE)).toThrow(/1 change\(s\) waiting to be sent; nothing was removed/);
    expect(store.countTickets(SOURCE)).toBe(1);
    expect(pulls.getCursor(SOURCE, 'tickets')).toBe('demo-cursor');
  });
});

describe('queue query plans', () => {
  function plan({ sql, params }: BuiltQuery): string {
    return db
      .prepare<[object], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ ...params, limit: 10, search: 'vpn', candidates: '[]' })
      .map((row) => row.detail)
      .join('\n');
  }

  const segmentsOf = (query: ArgsIn<'listQueue'>) =>
    queueSegments(queueQuerySchema.parse(query), { me: [ME], needsMeBefore: NOW });
  /** Only the deadline order has a partial index for the open scope. */
  const indexOf = (scope: QueueScope, sort: QueueSort): string =>
    sort === 'deadline'
      ? `ticket_effective_${scope === 'all' ? 'all' : 'open'}_queue`
      : `ticket_effective_all_${sort}`;
  const FIRST_COLUMN = {
    urgency: 'priority',
    deadline: 'due_sort',
    updated: 'updated_at',
    age: 'created_at',
  };

  it('serves every scope and sort, each needsMe part, filtered or not, from its order index without sorting', () => {
    for (const scope of QUEUE_SCOPES) {
      for (const sort of QUEUE_SORTS) {
        const index = indexOf(scope, sort);
        for (const filter of [
          {},
          { priorities: ['P1' as const, 'P3' as const] },
          { statuses: ['new' as const], customerIds: ['demo:acme'], mine: true },
        ]) {
          const segments = segmentsOf({ scope, sort, ...filter });
          expect(segments).toHaveLength(scope === 'needsMe' ? needsMeParts(sort) : 1);
          for (const segment of segments) {
            const text = plan(segmentRowsQuery(segment));
            expect(text, `${scope} ${sort}`).toMatch(new RegExp(`(SCAN|SEARCH) t USING INDEX ${index}\\b`));
            expect(text).not.toMatch(/TEMP B-TREE/);
            // A search's candidates come from the index alone.
            const keys = plan(segmentIdsQuery(segment));
            expect(keys).toMatch(new RegExp(`(SCAN|SEARCH) t USING COVERING INDEX ${index}\\b`));
            expect(keys).not.toMatch(/TEMP B-TREE/);
          }
        }
      }
    }
  });

  it('seeks to the cursor in the order index without sorting; the second needsMe part alone after a cursor in it', () => {
    const row = { priority: 'P2' as const, dueSort: T0, createdAt: T0, updatedAt: T0, id: 5 };
    for (const scope of QUEUE_SCOPES) {
      for (const sort of QUEUE_SORTS) {
        const index = indexOf(scope, sort);
        const first = FIRST_COLUMN[sort];
        const parts = scope === 'needsMe' ? needsMeParts(sort) : 1;
        for (let part = 0; part < parts; part++) {
          const segments = segmentsOf({ scope, sort, after: encodeQueueCursor(scope, sort, part, row) });
          expect(segments.map((segment) => segment.part)).toEqual(
            Array.from({ length: parts - part }, (_, i) => part + i),
          );
          const text = plan(segmentRowsQuery(segments[0]!));
          expect(text, `${scope} ${sort}`).toMatch(
            new RegExp(`SEARCH t USING INDEX ${index} \\(\\(?${first}\\b`),
          );
          expect(text).not.toMatch(/TEMP B-TREE/);
          expect(plan(segmentRowsQuery(segments[1] ?? segments[0]!))).not.toMatch(/TEMP B-TREE/);
        }
      }
    }
  });

  it('drives a search that matches few tickets from the full-text index, sorting only its matches', () => {
    for (const sort of QUEUE_SORTS) {
      const text = plan(segmentMatchesQuery(segmentsOf({ sort })[0]!));
      expect(text).toMatch(/SEARCH t USING INTEGER PRIMARY KEY/);
      expect(text).toMatch(/SCAN ticket_fts VIRTUAL TABLE/);
      expect(text).not.toMatch(/USING (COVERING )?INDEX/);
    }
  });
});
