// The outbox and the effective rows on a real SQLite file, against DESIGN.md §4's sync invariants: an action is one
// transaction (1); server state, pending intents and what the UI reads stay apart, with pending values replayed
// field by field on fresh server state and an acknowledged change leaving only once pulled state contains it (2, 5);
// a deleted ticket with unsent changes stays visible (6); each ticket's changes go out in order, and nothing waits
// for a refused or conflicting one (7, 9); inflight changes become unknown after a crash (7).
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledTicket } from '../../../src/connectors/connector';
import type { TicketAction } from '../../../src/domain/action';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { OutboxStore, type OutboxEntry } from '../../../src/store/outbox-store';
import { PullStore, type PullPageData } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { customer, note, SOURCE, T0, ticket, useTempDirs } from './support';

const tempDir = useTempDirs();
const SECOND = 1000;
const V1 = T0 + SECOND;
const V2 = T0 + 2 * SECOND;
const V3 = T0 + 3 * SECOND;
const PRIORITY_P1: TicketAction = { kind: 'priority', priority: 'P1' };
const START: TicketAction = { kind: 'status', status: 'in_progress' };

let db: Database.Database;
let clock: FakeClock;
let pulls: PullStore;
let outbox: OutboxStore;
let tickets: TicketStore;

beforeEach(() => {
  db = openDatabase(`${tempDir()}/piket.db`).db;
  clock = createFakeClock(T0 + 60 * SECOND);
  pulls = new PullStore(db, clock);
  outbox = new OutboxStore(db, clock);
  tickets = new TicketStore(db, clock);
  pull({ customers: [customer('acme')], tickets: [ticket('T-1'), ticket('T-2'), ticket('T-3')] });
});

afterEach(() => closeDatabase(db));

/** A ticket as an export without notes or history sends it (absent notes: keep what is stored). */
function bare(externalId: string, overrides: Partial<PulledTicket> = {}): PulledTicket {
  const { notes: _notes, history: _history, ...record } = ticket(externalId);
  return { ...record, ...overrides };
}

function pull(page: Partial<PullPageData>): number[] {
  return pulls.applyPage(SOURCE, 'tickets', { customers: [], tickets: [], ...page }, 'cursor')
    .changedTicketIds;
}

interface EffectiveRow {
  id: number;
  status: string;
  priority: string;
  assignee: string | null;
  notes_text: string;
  has_pending: number;
  updated_at: number;
}

/** What the UI reads of a ticket, or undefined when it is not in the queue. */
function effective(externalId: string): EffectiveRow | undefined {
  return db
    .prepare<[string, string], EffectiveRow>(
      `SELECT id, status, priority, assignee, notes_text, has_pending, updated_at FROM ticket_effective
       WHERE source = ? AND external_id = ?`,
    )
    .get(SOURCE, externalId);
}

function baseOf(externalId: string): { priority: string; status: string; server_updated_at: number } {
  return db
    .prepare<[string, string], { priority: string; status: string; server_updated_at: number }>(
      'SELECT priority, status, server_updated_at FROM ticket_base WHERE source = ? AND external_id = ?',
    )
    .get(SOURCE, externalId)!;
}

function outboxCount(): number {
  return db.prepare<[], number>('SELECT count(*) FROM outbox').pluck().get()!;
}

function record(externalId: string, action: TicketAction): OutboxEntry {
  const recorded = outbox.record(SOURCE, externalId, action, 'Ann');
  expect(recorded).not.toBeNull();
  return outbox.ofTicketEntries(SOURCE, externalId).find((e) => e.mutationId === recorded!.mutationId)!;
}

function state(entry: OutboxEntry): string | undefined {
  return outbox.get(entry.seq)?.state;
}

function dueTickets(): string[] {
  return outbox.due(SOURCE, 50).map((entry) => `${entry.externalId}:${entry.intent.action.kind}`);
}

describe('invariant 1: each user action is one transaction (effective row + outbox row)', () => {
  it('invariant 1: an action writes the outbox row and the effective change together, with its own mutation id', () => {
    const priority = record('T-1', PRIORITY_P1);
    const noteEntry = record('T-1', { kind: 'note', body: 'Rebooted the router.' });
    expect(priority).toMatchObject({
      state: 'pending',
      baseUpdatedAt: T0,
      attempts: 0,
      intent: { action: PRIORITY_P1, me: 'Ann', was: { priority: 'P3' } },
      createdAt: clock.now(),
    });
    expect(priority.mutationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(noteEntry.mutationId).not.toBe(priority.mutationId);
    // A note only adds: it carries no precondition.
    expect(noteEntry.baseUpdatedAt).toBeNull();
    expect(effective('T-1')).toMatchObject({
      priority: 'P1',
      notes_text: 'Rebooted the router.',
      has_pending: 1,
    });
    expect(baseOf('T-1').priority).toBe('P3');
  });

  it('invariant 1: a failure inside the action leaves neither the outbox row nor the effective change', () => {
    db.exec(`CREATE TEMP TRIGGER fail_effective BEFORE UPDATE ON ticket_effective
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')).toThrow('disk full');
    expect(outboxCount()).toBe(0);
    expect(effective('T-1')).toMatchObject({ priority: 'P3', has_pending: 0 });

    db.exec('DROP TRIGGER fail_effective');
    record('T-1', PRIORITY_P1);
    expect(outboxCount()).toBe(1);
    expect(effective('T-1')).toMatchObject({ priority: 'P1', has_pending: 1 });
  });

  it('an action on a ticket Piket does not have records nothing', () => {
    expect(outbox.record(SOURCE, 'T-404', PRIORITY_P1, 'Ann')).toBeNull();
    expect(outboxCount()).toBe(0);
  });
});

describe('invariants 2 and 5: base, pending and effective are separate; pending is replayed on fresh server state', () => {
  it('invariant 2: a pull that changes another field keeps the pending value and shows the remote one of the other field', () => {
    record('T-1', PRIORITY_P1);
    pull({ tickets: [bare('T-1', { status: 'in_progress', assignee: 'Bob', updatedAt: V1 })] });
    expect(effective('T-1')).toMatchObject({
      priority: 'P1',
      status: 'in_progress',
      assignee: 'Bob',
      has_pending: 1,
      updated_at: V1,
    });
    expect(baseOf('T-1')).toEqual({ priority: 'P3', status: 'in_progress', server_updated_at: V1 });
  });

  it('invariant 2: pending changes of one ticket replay in the order they were made, over the newest server state', () => {
    record('T-1', PRIORITY_P1);
    record('T-1', { kind: 'priority', priority: 'P2' });
    pull({ tickets: [bare('T-1', { priority: 'P4', updatedAt: V1 })] });
    expect(effective('T-1')?.priority).toBe('P2');
  });

  it('invariant 5: an acknowledged change shows until a pull brings the version that acknowledged it, then leaves', () => {
    const change = record('T-1', PRIORITY_P1);
    outbox.markInflight(change.seq);
    outbox.markAcked(change.seq, { updatedAt: V2, remoteRef: 'audit-1' });
    expect(state(change)).toBe('acked');
    expect(outbox.countUnsent(SOURCE)).toBe(0);

    // An older version (someone's edit before ours) does not contain it: it still shows, and stays.
    pull({ tickets: [bare('T-1', { status: 'in_progress', updatedAt: V1 })] });
    expect(state(change)).toBe('acked');
    expect(effective('T-1')).toMatchObject({ priority: 'P1', status: 'in_progress', has_pending: 1 });

    pull({ tickets: [bare('T-1', { status: 'in_progress', priority: 'P1', updatedAt: V2 })] });
    expect(outbox.get(change.seq)).toBeNull();
    expect(effective('T-1')).toMatchObject({ priority: 'P1', status: 'in_progress', has_pending: 0 });
  });

  it("invariant 5: a note's acknowledged row leaves only when its note (by remoteRef) is pulled", () => {
    const change = record('T-1', { kind: 'note', body: 'Customer confirmed the fix.' });
    outbox.markInflight(change.seq);
    outbox.markAcked(change.seq, { updatedAt: V1, remoteRef: 'n-9' });

    // Newer versions without the note (an export that leaves notes out, another note) do not confirm it.
    pull({ tickets: [bare('T-1', { updatedAt: V2 })] });
    pull({
      tickets: [{ ...ticket('T-1', { updatedAt: V3 }), notes: [note('n-8', { body: 'Other note' })] }],
    });
    expect(state(change)).toBe('acked');
    expect(effective('T-1')?.notes_text).toBe('Other note\nCustomer confirmed the fix.');

    // The events stream brings it: the row leaves, and the note shows once, now from server state.
    pulls.applyPage(
      SOURCE,
      'events',
      {
        customers: [],
        tickets: [],
        additions: [
          { externalId: 'T-1', notes: [note('n-9', { body: 'Customer confirmed the fix.', createdAt: V1 })] },
        ],
      },
      'e1',
    );
    expect(outbox.get(change.seq)).toBeNull();
    expect(effective('T-1')).toMatchObject({
      notes_text: 'Other note\nCustomer confirmed the fix.',
      has_pending: 0,
    });
  });

  it('invariant 2: a conflicting or rejected change is not replayed (the server value stands) but keeps the ticket marked', () => {
    const conflict = record('T-1', PRIORITY_P1);
    const rejected = record('T-2', START);
    outbox.markFailed(conflict.seq, { state: 'conflict', kind: 'conflict', message: 'priority is now P2' });
    outbox.markFailed(rejected.seq, {
      state: 'rejected',
      kind: 'validation',
      message: 'Closed tickets stay closed.',
    });
    expect(effective('T-1')).toMatchObject({ priority: 'P3', has_pending: 1 });
    expect(effective('T-2')).toMatchObject({ status: 'new', has_pending: 1 });
    expect(outbox.get(rejected.seq)).toMatchObject({
      lastError: 'Closed tickets stay closed.',
      errorKind: 'validation',
    });
  });
});

describe("the SLA follows the user's unsettled status and priority changes", () => {
  const historyOf = (externalId: string): unknown =>
    JSON.parse(
      db
        .prepare<[string, string], string>(
          'SELECT history FROM ticket_effective WHERE source = ? AND external_id = ?',
        )
        .pluck()
        .get(SOURCE, externalId)!,
    );

  it('adds them to the reported history at the time they were made, until the server settles them', () => {
    const created = [{ at: T0, status: 'new' as const, priority: 'P3' as const }];
    pull({ tickets: [ticket('T-4', { history: created, updatedAt: V1 })] });
    const priority = record('T-4', PRIORITY_P1);
    clock.advance(SECOND);
    const start = record('T-4', START);
    expect(historyOf('T-4')).toEqual([
      ...created,
      { at: priority.createdAt, priority: 'P1' },
      { at: start.createdAt, status: 'in_progress' },
    ]);
    outbox.markFailed(priority.seq, { state: 'rejected', kind: 'validation', message: 'No.' });
    expect(historyOf('T-4')).toEqual([...created, { at: start.createdAt, status: 'in_progress' }]);
  });

  it('leaves a ticket without reported history without one: its clocks are rebuilt from its fields', () => {
    record('T-1', PRIORITY_P1);
    expect(historyOf('T-1')).toEqual([]);
    expect(effective('T-1')).toMatchObject({ priority: 'P1' });
  });
});

describe('invariant 7: per-ticket FIFO, pending → inflight → acked | rejected | conflict | unknown', () => {
  it("invariant 7: a ticket's second change waits while its first is pending, inflight or unknown; other tickets go on", () => {
    const first = record('T-1', PRIORITY_P1);
    record('T-1', START);
    record('T-2', { kind: 'assign' });
    expect(dueTickets()).toEqual(['T-1:priority', 'T-2:assign']);

    outbox.markInflight(first.seq);
    expect(dueTickets()).toEqual(['T-2:assign']);

    outbox.markFailed(first.seq, {
      state: 'unknown',
      kind: 'timeout',
      message: 'no answer',
      retryAt: clock.now(),
    });
    expect(dueTickets()).toEqual(['T-1:priority', 'T-2:assign']);

    // Waiting for its retry time, it is not due, and it still holds back its ticket's next change.
    outbox.markFailed(first.seq, {
      state: 'pending',
      kind: 'transient',
      message: '503',
      retryAt: clock.now() + 5 * SECOND,
    });
    expect(dueTickets()).toEqual(['T-2:assign']);
    clock.advance(5 * SECOND);
    expect(dueTickets()).toEqual(['T-1:priority', 'T-2:assign']);
  });

  it.each(['rejected', 'conflict'] as const)(
    'invariant 9: a %s change blocks nothing, not even its own ticket',
    (failed) => {
      const first = record('T-1', PRIORITY_P1);
      record('T-1', START);
      outbox.markInflight(first.seq);
      outbox.markFailed(first.seq, { state: failed, kind: 'validation', message: 'No.' });
      expect(dueTickets()).toEqual(['T-1:status']);
    },
  );

  it("invariant 7: after the first change is acked, the second's precondition is the version the first produced", () => {
    const first = record('T-1', PRIORITY_P1);
    const second = record('T-1', START);
    const other = record('T-2', START);
    expect(second.baseUpdatedAt).toBe(T0);
    outbox.markInflight(first.seq);
    outbox.markAcked(first.seq, { updatedAt: V1, remoteRef: null });
    expect(outbox.get(second.seq)?.baseUpdatedAt).toBe(V1);
    expect(outbox.get(other.seq)?.baseUpdatedAt).toBe(T0);
  });

  it('invariant 7: after the first change is acked, a second change made on a newer pulled version keeps its own precondition', () => {
    const first = record('T-1', PRIORITY_P1);
    pull({ tickets: [bare('T-1', { assignee: 'Bob', updatedAt: V1 })] });
    const second = record('T-1', START);
    expect(second.baseUpdatedAt).toBe(V1);
    outbox.markInflight(first.seq);
    outbox.markAcked(first.seq, { updatedAt: V2, remoteRef: null });
    // The first was made on T0, not V1: the second was not made on top of what the first produced alone.
    expect(outbox.get(second.seq)?.baseUpdatedAt).toBe(V1);
  });

  it("invariant 7: after a crash, this source's inflight changes become unknown (to be checked before any resend)", () => {
    const mine = record('T-1', PRIORITY_P1);
    outbox.markInflight(mine.seq);
    pulls.applyPage(
      'other',
      'tickets',
      { customers: [], tickets: [{ ...ticket('X-1'), source: 'other' }] },
      'c',
    );
    outbox.record('other', 'X-1', PRIORITY_P1, 'Ann');
    const theirs = outbox.ofTicketEntries('other', 'X-1')[0]!;
    outbox.markInflight(theirs.seq);

    outbox.recoverInflight(SOURCE);
    expect(state(mine)).toBe('unknown');
    expect(state(theirs)).toBe('inflight');
    // Unknown still shows on the ticket: it may well have arrived.
    expect(effective('T-1')).toMatchObject({ priority: 'P1', has_pending: 1 });
  });

  it('an attempt that does not count (rate limit, lost token) leaves the attempt count as it was', () => {
    const change = record('T-1', PRIORITY_P1);
    outbox.markInflight(change.seq);
    outbox.markFailed(change.seq, {
      state: 'pending',
      kind: 'rate_limited',
      message: 'slow down',
      counts: false,
    });
    expect(outbox.get(change.seq)?.attempts).toBe(0);
    outbox.markInflight(change.seq);
    outbox.markFailed(change.seq, { state: 'unknown', kind: 'transient', message: '500' });
    expect(outbox.get(change.seq)?.attempts).toBe(1);
  });
});

describe("the user's answer to a refused or conflicting change: replace or discard", () => {
  it('replace sends the change again over the server value the user now sees, from a clean slate', () => {
    const change = record('T-1', PRIORITY_P1);
    outbox.markInflight(change.seq);
    pull({ tickets: [bare('T-1', { priority: 'P2', updatedAt: V1 })] });
    outbox.markFailed(change.seq, { state: 'conflict', kind: 'conflict', message: 'priority is now P2' });
    expect(effective('T-1')?.priority).toBe('P2');

    outbox.replace(change.seq, PRIORITY_P1, 'Ann');
    expect(outbox.get(change.seq)).toMatchObject({
      state: 'pending',
      attempts: 0,
      baseUpdatedAt: V1,
      lastError: null,
      errorKind: null,
      intent: { action: PRIORITY_P1, was: { priority: 'P2' } },
    });
    expect(effective('T-1')?.priority).toBe('P1');
  });

  it('replace answers only a refused or conflicting change', () => {
    const change = record('T-1', PRIORITY_P1);
    expect(outbox.replace(change.seq, { kind: 'priority', priority: 'P2' }, 'Ann')).toBeUndefined();
    expect(outbox.get(change.seq)?.intent.action).toEqual(PRIORITY_P1);
  });

  it('discard drops a change, and the ticket shows the server state again', () => {
    const change = record('T-1', PRIORITY_P1);
    const id = effective('T-1')!.id;
    expect(outbox.discard(change.seq)).toBe(id);
    expect(outboxCount()).toBe(0);
    expect(effective('T-1')).toMatchObject({ priority: 'P3', has_pending: 0 });
  });

  it('discard refuses a change on its way or already acknowledged', () => {
    const inflight = record('T-1', PRIORITY_P1);
    const acked = record('T-2', PRIORITY_P1);
    outbox.markInflight(inflight.seq);
    outbox.markInflight(acked.seq);
    outbox.markAcked(acked.seq, { updatedAt: V1, remoteRef: null });
    expect(outbox.discard(inflight.seq)).toBeUndefined();
    expect(outbox.discard(acked.seq)).toBeUndefined();
    expect(outboxCount()).toBe(2);
  });
});

describe('invariant 6: deletes become tombstones; a ticket with pending intents is never hard-deleted', () => {
  it('invariant 6: a deleted ticket with a pending change stays visible; discarding the change removes it from the queue', () => {
    const change = record('T-1', PRIORITY_P1);
    const id = effective('T-1')!.id;
    pull({ tombstones: [{ externalId: 'T-1', reason: 'deleted', at: V1 }] });
    expect(effective('T-1')).toMatchObject({ id, priority: 'P1', has_pending: 1 });
    expect(tickets.getTicket(id)).not.toBeNull();

    outbox.markInflight(change.seq);
    outbox.markFailed(change.seq, { state: 'rejected', kind: 'not_found', message: 'Ticket T-1 is gone.' });
    expect(effective('T-1')).toMatchObject({ id, priority: 'P3', has_pending: 1 });

    expect(outbox.discard(change.seq)).toBe(id);
    expect(effective('T-1')).toBeUndefined();
    expect(tickets.getTicket(id)).toBeNull();
  });

  it("invariant 6: a deleted ticket's acknowledged changes are settled with it: it leaves the queue", () => {
    const change = record('T-1', PRIORITY_P1);
    outbox.markInflight(change.seq);
    outbox.markAcked(change.seq, { updatedAt: V1, remoteRef: null });
    pull({ tombstones: [{ externalId: 'T-1', reason: 'deleted', at: V2 }] });
    expect(outbox.get(change.seq)).toBeNull();
    expect(effective('T-1')).toBeUndefined();
  });
});

describe('counting the outbox', () => {
  it('countUnsent counts what the server has not got, counts(source) splits waiting from problems', () => {
    const states = {
      pending: record('T-1', PRIORITY_P1),
      inflight: record('T-2', PRIORITY_P1),
      unknown: record('T-3', PRIORITY_P1),
      rejected: record('T-1', START),
      conflict: record('T-2', START),
      acked: record('T-3', START),
    };
    outbox.markInflight(states.inflight.seq);
    outbox.markFailed(states.unknown.seq, { state: 'unknown', kind: 'timeout', message: 'no answer' });
    outbox.markFailed(states.rejected.seq, { state: 'rejected', kind: 'validation', message: 'no' });
    outbox.markFailed(states.conflict.seq, { state: 'conflict', kind: 'conflict', message: 'no' });
    outbox.markAcked(states.acked.seq, { updatedAt: V1, remoteRef: null });
    pulls.applyPage(
      'other',
      'tickets',
      { customers: [], tickets: [{ ...ticket('X-1'), source: 'other' }] },
      'c',
    );
    outbox.record('other', 'X-1', PRIORITY_P1, 'Ann');

    expect(outbox.countUnsent(SOURCE)).toBe(5);
    expect(outbox.countUnsent()).toBe(6);
    expect(outbox.counts(SOURCE)).toEqual({ waiting: 3, problems: 2 });
    expect(outbox.counts('other')).toEqual({ waiting: 1, problems: 0 });
    expect(outbox.counts('nobody')).toEqual({ waiting: 0, problems: 0 });

    outbox.discardSource(SOURCE);
    expect(outbox.countUnsent()).toBe(1);
  });
});
