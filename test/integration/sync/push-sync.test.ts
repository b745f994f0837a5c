// The push side of the sync end to end: PullSync (push before pull) and PushSync on a real SQLite file against the
// scripted desk (test/support/scripted-desk.ts) with injected faults, on the fake clock. Each test names the
// DESIGN.md §4 sync invariant it proves: exactly once across lost answers and crashes (7), per-ticket FIFO without
// self-conflicts (7), preconditions and field-level conflicts (8), backoff and rejection by failure class (9),
// tombstones (6), and what the sync status says about the outbox.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionSyncStatus } from '../../../src/api';
import type { TicketAction } from '../../../src/domain/action';
import type { Clock } from '../../../src/domain/clock';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { OutboxStore, type OutboxEntry } from '../../../src/store/outbox-store';
import { PullStore } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { PullSync } from '../../../src/sync/pull-sync';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { fault, lostAnswer, ScriptedDesk, type Fault } from '../../support/scripted-desk';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;
const TIMEOUT = 10_000;
const INTERVAL = 30_000;
const SOURCE = 'scripted';
const PRIORITY_P1: TicketAction = { kind: 'priority', priority: 'P1' };
const START: TicketAction = { kind: 'status', status: 'in_progress' };
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** Lets the promises and timers the fake clock fired run (no wall-clock waiting). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Piket {
  db: Database.Database;
  outbox: OutboxStore;
  tickets: TicketStore;
  sync: PullSync;
  /** The user acts on a ticket; returns the change's mutation id. */
  act(externalId: string, action: TicketAction): string;
  /** The change with this mutation id as the outbox has it, or undefined once it left. */
  change(mutationId: string): OutboxEntry | undefined;
  effective(externalId: string): EffectiveRow | undefined;
  connection(): ConnectionSyncStatus;
}

interface EffectiveRow {
  id: number;
  status: string;
  priority: string;
  assignee: string | null;
  notes_text: string;
  has_pending: number;
}

/** A Piket on `file` syncing `desk` (a second call on the same file is Piket after a restart). */
function openPiket(file: string, desk: ScriptedDesk, clock: Clock): Piket {
  const { db } = openDatabase(file);
  const outbox = new OutboxStore(db, clock);
  const sync = new PullSync({
    store: new PullStore(db, clock),
    outbox,
    clock,
    connectors: () => [desk],
    intervalMs: () => INTERVAL,
    appVersion: '1.0.0',
    requestTimeoutMs: TIMEOUT,
    random: () => 0.5,
    onChanged: () => undefined,
    onStatus: () => undefined,
  });
  closers.unshift(() => {
    sync.close();
    closeDatabase(db);
  });
  const entries = () => db.prepare<[], { seq: number }>('SELECT seq FROM outbox ORDER BY seq').all();
  return {
    db,
    outbox,
    tickets: new TicketStore(db, clock),
    sync,
    act(externalId, action) {
      const recorded = outbox.record(SOURCE, externalId, action, 'Ann');
      if (!recorded) throw new Error(`No ticket ${externalId}`);
      sync.changeMade(SOURCE);
      return recorded.mutationId;
    },
    change: (mutationId) =>
      entries()
        .map(({ seq }) => outbox.get(seq)!)
        .find((entry) => entry.mutationId === mutationId),
    effective: (externalId) =>
      db
        .prepare<[string, string], EffectiveRow>(
          `SELECT id, status, priority, assignee, notes_text, has_pending FROM ticket_effective
           WHERE source = ? AND external_id = ?`,
        )
        .get(SOURCE, externalId),
    connection: () => sync.getStatus().connections[0]!,
  };
}

/** A desk with tickets T-1…T-3 and a Piket that has pulled them; `act` does not sync by itself before then. */
async function setup(options: { receiptCarriesTicket?: boolean } = {}) {
  const clock = createFakeClock(NOW);
  const desk = new ScriptedDesk({ clock, start: NOW - 60 * MINUTE, ...options });
  for (const id of ['T-1', 'T-2', 'T-3']) desk.add(id);
  const file = join(tempDir(), 'piket.db');
  const piket = openPiket(file, desk, clock);
  await piket.sync.syncNow();
  expect(piket.effective('T-3')).toBeDefined();
  return { clock, desk, file, piket };
}

/** The desk's calls about one change, as "method" or "method@base" for pushes. */
function history(desk: ScriptedDesk, mutationId: string): string[] {
  return desk.calls
    .filter((call) => call.mutationId === mutationId)
    .map((call) => (call.method === 'push' ? `push@${call.baseUpdatedAt}` : call.method));
}

/** One round after the backoff of any earlier failure has run out. */
async function laterRound(piket: Piket, clock: FakeClock): Promise<void> {
  clock.advance(10 * MINUTE);
  await piket.sync.syncNow();
}

describe('invariant 7: every change reaches the ticket system exactly once', () => {
  it('invariant 7: an answer lost after the desk applied the change (500) → unknown; the next round finds it by its marker and does not send it again', async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', lostAnswer('transient', 500));
    const m = piket.act('T-1', PRIORITY_P1);
    await piket.sync.whenIdle();
    expect(piket.change(m)).toMatchObject({ state: 'unknown', errorKind: 'transient' });
    expect(desk.applied(m)).toBe(1);
    expect(piket.effective('T-1')).toMatchObject({ priority: 'P1', has_pending: 1 });
    expect(piket.connection()).toMatchObject({ state: 'error', waiting: 1, problems: 0 });

    await laterRound(piket, clock);
    const base = desk.callsOf('push', m)[0]!.baseUpdatedAt;
    expect(history(desk, m)).toEqual([`push@${base}`, 'findPushed']);
    expect(desk.applied(m)).toBe(1);
    expect(piket.change(m)).toBeUndefined();
    expect(piket.effective('T-1')).toMatchObject({ priority: 'P1', has_pending: 0 });
    expect(piket.connection()).toMatchObject({ state: 'idle', waiting: 0, problems: 0 });
  });

  it('invariant 7: a note whose answer was lost is found by its marker and shows once, from server state', async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', lostAnswer('timeout'));
    const m = piket.act('T-2', { kind: 'note', body: 'Restarted the worker.' });
    await piket.sync.whenIdle();
    expect(piket.change(m)?.state).toBe('unknown');

    await laterRound(piket, clock);
    expect(desk.applied(m)).toBe(1);
    expect(desk.ticket('T-2').notes.map((n) => n.body)).toEqual(['Restarted the worker.']);
    expect(piket.change(m)).toBeUndefined();
    expect(piket.effective('T-2')).toMatchObject({ notes_text: 'Restarted the worker.', has_pending: 0 });
  });

  it('invariant 7: a request that timed out unanswered is checked, found missing, and then sent once', async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', { hang: true });
    const m = piket.act('T-1', PRIORITY_P1);
    await settle();
    clock.advance(TIMEOUT);
    await piket.sync.whenIdle();
    expect(piket.change(m)).toMatchObject({ state: 'unknown', errorKind: 'timeout' });
    expect(desk.applied(m)).toBe(0);

    await laterRound(piket, clock);
    const base = desk.callsOf('push', m)[0]!.baseUpdatedAt;
    expect(history(desk, m)).toEqual([`push@${base}`, 'findPushed', `push@${base}`]);
    expect(desk.applied(m)).toBe(1);
    expect(piket.change(m)).toBeUndefined();
  });

  it.each([
    ['after the desk applied it', { applyThenHang: true } as Fault, ['push', 'findPushed']],
    ['before the desk applied it', { hang: true } as Fault, ['push', 'findPushed', 'push']],
  ])(
    'invariant 7: a change inflight when Piket crashed (%s) is checked on the server before any resend',
    async (_when, crashPoint, calls) => {
      const { desk, file, piket } = await setup();
      desk.script('push', crashPoint);
      // The crashed Piket runs on a clock of its own that never moves: its request never ends.
      const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
      const crashed = openPiket(file, desk, createFakeClock(NOW));
      void crashed.sync.syncNow();
      await settle();
      expect(crashed.change(m)?.state).toBe('inflight');
      closeDatabase(crashed.db);

      const restarted = openPiket(file, desk, createFakeClock(NOW + MINUTE));
      expect(restarted.change(m)?.state).toBe('inflight');
      await restarted.sync.syncNow();
      expect(desk.calls.filter((call) => call.mutationId === m).map((call) => call.method)).toEqual(calls);
      expect(desk.applied(m)).toBe(1);
      expect(restarted.change(m)).toBeUndefined();
      expect(restarted.effective('T-1')).toMatchObject({ priority: 'P1', has_pending: 0 });
    },
  );
});

describe('invariant 7: per-ticket FIFO', () => {
  it('invariant 7: two changes of one ticket go in order, the second on the version the first produced (no self-conflict)', async () => {
    const { desk, piket } = await setup();
    const first = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    const second = piket.outbox.record(SOURCE, 'T-1', START, 'Ann')!.mutationId;
    const base = desk.ticket('T-1').updatedAt;
    await piket.sync.syncNow();
    expect(history(desk, first)).toEqual([`push@${base}`]);
    expect(history(desk, second)).toEqual([`push@${desk.receipt(first)!.updatedAt}`]);
    expect(desk.callsOf('fetchTicket')).toEqual([]);
    expect(desk.ticket('T-1')).toMatchObject({ priority: 'P1', status: 'in_progress' });
    expect(piket.effective('T-1')).toMatchObject({ priority: 'P1', status: 'in_progress', has_pending: 0 });
  });

  it("invariant 7: a ticket's second change waits while its first is unknown; another ticket's later change goes first", async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', lostAnswer('network'));
    const a = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    const b = piket.outbox.record(SOURCE, 'T-1', START, 'Ann')!.mutationId;
    const c = piket.outbox.record(SOURCE, 'T-2', START, 'Ann')!.mutationId;
    await piket.sync.syncNow();
    expect([piket.change(a)?.state, piket.change(b)?.state, piket.change(c)?.state]).toEqual([
      'unknown',
      'pending',
      'pending',
    ]);

    await laterRound(piket, clock);
    const order = desk.calls.flatMap((call) =>
      call.mutationId === undefined
        ? []
        : [`${{ [a]: 'a', [b]: 'b', [c]: 'c' }[call.mutationId]}:${call.method}`],
    );
    expect(order).toEqual(['a:push', 'a:findPushed', 'c:push', 'b:push']);
    expect([a, b, c].map((m) => desk.applied(m))).toEqual([1, 1, 1]);
  });
});

describe('invariant 9: each failure class has its own way back', () => {
  it('invariant 9: a rate limit waits retryAfterMs: nothing is sent before it, the change goes right after', async () => {
    const { clock, desk, piket } = await setup();
    desk.script(
      'push',
      fault('rate_limited', 'Too many requests.', { status: 429, retryAfterMs: 2 * MINUTE }),
    );
    const m = piket.act('T-1', PRIORITY_P1);
    await piket.sync.whenIdle();
    expect(piket.change(m)).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: NOW + 2 * MINUTE });
    expect(piket.connection()).toMatchObject({ state: 'error', nextAttemptAt: NOW + 2 * MINUTE, waiting: 1 });

    clock.advance(2 * MINUTE - 1);
    await piket.sync.syncNow();
    piket.act('T-2', START);
    await piket.sync.whenIdle();
    expect(desk.callsOf('push')).toHaveLength(1);

    clock.advance(1);
    await piket.sync.syncNow();
    expect(desk.callsOf('push', m)).toHaveLength(2);
    expect(desk.applied(m)).toBe(1);
    expect(piket.connection()).toMatchObject({ state: 'idle', waiting: 0 });
  });

  it('invariant 9: a 503 says the change was not applied: it stays pending and is sent again without a check', async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', fault('transient', 'Service unavailable.', { status: 503 }));
    const m = piket.act('T-1', PRIORITY_P1);
    await piket.sync.whenIdle();
    expect(piket.change(m)).toMatchObject({ state: 'pending', attempts: 1, errorKind: 'transient' });

    await laterRound(piket, clock);
    expect(history(desk, m).map((call) => call.split('@')[0])).toEqual(['push', 'push']);
    expect(desk.applied(m)).toBe(1);
  });

  it.each([
    ['a 500', fault('transient', 'Internal server error.', { status: 500 })],
    ['a network error', fault('network', 'Connection reset.')],
    ['a garbled answer', fault('protocol', 'Truncated JSON.')],
  ])(
    'invariant 7/9: %s leaves the change unknown; the next round checks it before sending it again',
    async (_what, failure) => {
      const { clock, desk, piket } = await setup();
      desk.script('push', failure);
      const m = piket.act('T-1', PRIORITY_P1);
      await piket.sync.whenIdle();
      expect(piket.change(m)?.state).toBe('unknown');
      expect(piket.connection().state).toBe(failure.fail.kind === 'network' ? 'offline' : 'error');

      await laterRound(piket, clock);
      expect(history(desk, m).map((call) => call.split('@')[0])).toEqual(['push', 'findPushed', 'push']);
      expect(desk.applied(m)).toBe(1);
    },
  );

  it('invariant 9: a refused token stops the connection, changes stay pending (and are not sent on a new change), until the user syncs again', async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', fault('auth', 'Scripted desk refused the token.', { status: 401 }));
    const m = piket.act('T-1', PRIORITY_P1);
    await piket.sync.whenIdle();
    expect(piket.change(m)).toMatchObject({ state: 'pending', attempts: 0, errorKind: 'auth' });
    expect(piket.connection()).toMatchObject({ state: 'stopped', waiting: 1, problems: 0 });

    const other = piket.act('T-2', START);
    await piket.sync.whenIdle();
    expect(desk.callsOf('push')).toHaveLength(1);
    expect(piket.connection()).toMatchObject({ state: 'stopped', waiting: 2 });

    await laterRound(piket, clock);
    expect([desk.applied(m), desk.applied(other)]).toEqual([1, 1]);
    expect(piket.connection()).toMatchObject({ state: 'idle', waiting: 0, problems: 0 });
  });

  it('invariant 9: a refused change (validation) is rejected with the server’s words, and every other change goes on', async () => {
    const { desk, piket } = await setup();
    desk.script(
      'push',
      fault('validation', 'Scripted desk: status in_progress is not allowed here.', { status: 422 }),
    );
    const refused = piket.outbox.record(SOURCE, 'T-1', START, 'Ann')!.mutationId;
    const sameTicket = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    const otherTicket = piket.outbox.record(SOURCE, 'T-2', START, 'Ann')!.mutationId;
    await piket.sync.syncNow();

    expect(piket.change(refused)).toMatchObject({
      state: 'rejected',
      errorKind: 'validation',
      lastError: 'Scripted desk: status in_progress is not allowed here.',
    });
    expect([desk.applied(refused), desk.applied(sameTicket), desk.applied(otherTicket)]).toEqual([0, 1, 1]);
    // The refused status is not shown; the priority that went through is.
    expect(piket.effective('T-1')).toMatchObject({ status: 'new', priority: 'P1', has_pending: 1 });
    expect(piket.connection()).toMatchObject({ state: 'idle', waiting: 0, problems: 1 });
    // Syncing went fine: the refusal waits for the user, counted, not reported as a sync failure.
    expect(piket.connection().message).toBeNull();
    expect(piket.sync.getStatus().state).toBe('idle');
    expect(piket.outbox.countUnsent(SOURCE)).toBe(1);
  });

  it('a change of a healthy connection is sent as soon as it is made (changeMade)', async () => {
    const { desk, piket } = await setup();
    const m = piket.act('T-3', { kind: 'ack' });
    expect(piket.connection().state).toBe('syncing');
    await piket.sync.whenIdle();
    expect(desk.applied(m)).toBe(1);
    expect(desk.ticket('T-3')).toMatchObject({ status: 'acknowledged', assignee: 'Ann' });
    expect(piket.effective('T-3')).toMatchObject({ status: 'acknowledged', assignee: 'Ann', has_pending: 0 });
  });
});

describe("the ticket a change's answer carries", () => {
  it('is stored as fresh server state only when it passes the record checks a pulled ticket must pass', async () => {
    const { desk, piket } = await setup({ receiptCarriesTicket: true });
    const subject = (id: string) =>
      piket.db
        .prepare<[string], string>('SELECT subject FROM ticket_base WHERE external_id = ?')
        .pluck()
        .get(id);
    // Pulls fail this round, so only the answers can store anything.
    desk.script('pull', fault('transient'), fault('transient'));
    desk.edit('T-1', { subject: 'Printer on fire' });
    desk.edit('T-2', { subject: 'x'.repeat(5_000) });
    const good = piket.act('T-1', { kind: 'note', body: 'Looking' });
    const bad = piket.act('T-2', { kind: 'note', body: 'Looking too' });
    await piket.sync.whenIdle();
    // The good answer's ticket holds the note: the change is confirmed at once. The bad one waits for a pull.
    expect(piket.change(good)).toBeUndefined();
    expect(piket.change(bad)).toMatchObject({ state: 'acked' });
    expect(subject('T-1')).toBe('Printer on fire');
    expect(subject('T-2')).not.toHaveLength(5_000);
  });
});

describe('invariant 8: preconditions first; conflicts field by field', () => {
  it('invariant 8: a 409 where someone changed only another field → sent again on the fresh version, and it lands', async () => {
    const { desk, piket } = await setup();
    const base = desk.ticket('T-1').updatedAt;
    const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    const theirs = desk.edit('T-1', { status: 'in_progress', assignee: 'Bob' });
    await piket.sync.syncNow();
    expect(history(desk, m)).toEqual([`push@${base}`, `push@${theirs}`]);
    expect(desk.callsOf('fetchTicket')).toHaveLength(1);
    expect(desk.applied(m)).toBe(1);
    expect(desk.ticket('T-1')).toMatchObject({ priority: 'P1', status: 'in_progress', assignee: 'Bob' });
    expect(piket.change(m)).toBeUndefined();
    expect(piket.effective('T-1')).toMatchObject({
      priority: 'P1',
      status: 'in_progress',
      assignee: 'Bob',
      has_pending: 0,
    });
  });

  it('invariant 8: someone changed the same field → conflict; the server value shows, the message names the field; retry sends it knowingly', async () => {
    const { desk, piket } = await setup();
    const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    const theirs = desk.edit('T-1', { priority: 'P2' });
    await piket.sync.syncNow();
    const change = piket.change(m)!;
    expect(change).toMatchObject({ state: 'conflict', errorKind: 'conflict' });
    expect(change.lastError).toBe(
      'Someone changed this ticket in Scripted desk since you made this change: the priority is now P2. ' +
        'Their change stands; "priority → P1" was not sent.',
    );
    expect(desk.applied(m)).toBe(0);
    expect(piket.effective('T-1')).toMatchObject({ priority: 'P2', has_pending: 1 });
    expect(piket.connection()).toMatchObject({ waiting: 0, problems: 1 });

    piket.outbox.replace(change.seq, PRIORITY_P1, 'Ann');
    expect(piket.effective('T-1')?.priority).toBe('P1');
    await piket.sync.syncNow();
    expect(history(desk, m).at(-1)).toBe(`push@${theirs}`);
    expect(desk.applied(m)).toBe(1);
    expect(desk.ticket('T-1').priority).toBe('P1');
    expect(piket.change(m)).toBeUndefined();
    expect(piket.effective('T-1')).toMatchObject({ priority: 'P1', has_pending: 0 });
  });

  it("invariant 8: discarding a conflict leaves the server's value and nothing to send", async () => {
    const { desk, piket } = await setup();
    const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    desk.edit('T-1', { priority: 'P2' });
    await piket.sync.syncNow();
    const id = piket.effective('T-1')!.id;
    expect(piket.outbox.discard(piket.change(m)!.seq)).toBe(id);
    expect(piket.effective('T-1')).toMatchObject({ priority: 'P2', has_pending: 0 });
    await piket.sync.syncNow();
    expect(desk.applied(m)).toBe(0);
    expect(piket.outbox.countUnsent()).toBe(0);
  });

  it('invariant 8: a change refused on every fresh version is sent at most four times in a round, then is a conflict', async () => {
    const { desk, piket } = await setup();
    const refused = fault('conflict', 'Changed since.', { status: 409 });
    desk.script('push', refused, refused, refused, refused, refused);
    const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    await piket.sync.syncNow();
    expect(desk.callsOf('push', m)).toHaveLength(4);
    expect(piket.change(m)).toMatchObject({
      state: 'conflict',
      lastError:
        'Scripted desk kept refusing "priority → P1" because the ticket kept changing; it was not sent.',
    });
    expect(piket.connection()).toMatchObject({ state: 'idle', problems: 1 });
  });

  it('invariant 8: a ticket gone between the 409 and the re-read → rejected, in words', async () => {
    const { desk, piket } = await setup();
    desk.script('push', fault('conflict', 'Changed since.', { status: 409 }));
    const m = piket.act('T-1', PRIORITY_P1);
    desk.remove('T-1');
    await piket.sync.whenIdle();
    expect(piket.change(m)).toMatchObject({
      state: 'rejected',
      errorKind: 'not_found',
      lastError: 'The ticket no longer exists in Scripted desk; the change could not be made.',
    });
  });

  it('invariant 7/8: a 409 whose re-read fails leaves the change waiting to be sent, not stuck inflight', async () => {
    const { clock, desk, piket } = await setup();
    const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    desk.edit('T-1', { subject: 'Renamed by Bob' });
    desk.script('fetchTicket', fault('network', 'Connection reset.'));
    await piket.sync.syncNow();
    expect(piket.connection().state).toBe('offline');
    expect(piket.change(m)?.state).not.toBe('inflight');

    await laterRound(piket, clock);
    expect(desk.applied(m)).toBe(1);
    expect(piket.change(m)).toBeUndefined();
  });

  it('invariant 8: a change that failed three times on 5xx is still sent again on the fresh version after a 409 on another field', async () => {
    const { clock, desk, piket } = await setup();
    const error500 = fault('transient', 'Internal server error.', { status: 500 });
    desk.script('push', error500, error500, error500);
    const m = piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann')!.mutationId;
    for (let round = 0; round < 3; round++) await laterRound(piket, clock);
    expect(piket.change(m)).toMatchObject({ state: 'unknown', attempts: 3 });

    desk.edit('T-1', { subject: 'Renamed by Bob' });
    await laterRound(piket, clock);
    expect(piket.change(m)?.lastError ?? null).toBeNull();
    expect(desk.applied(m)).toBe(1);
    expect(desk.ticket('T-1')).toMatchObject({ priority: 'P1', subject: 'Renamed by Bob' });
  });
});

describe('invariant 6: a deleted ticket with changes stays until they are settled', () => {
  it('invariant 6: the push meets not_found → rejected; the tombstone keeps the ticket visible; discarding removes it from the queue', async () => {
    const { desk, piket } = await setup();
    const m = piket.outbox.record(SOURCE, 'T-1', START, 'Ann')!.mutationId;
    const id = piket.effective('T-1')!.id;
    desk.remove('T-1');
    await piket.sync.syncNow();
    expect(piket.change(m)).toMatchObject({
      state: 'rejected',
      errorKind: 'not_found',
      lastError: 'Ticket T-1 does not exist in Scripted desk. The change could not be made.',
    });
    expect(piket.effective('T-1')).toMatchObject({ id, status: 'new', has_pending: 1 });
    expect(piket.tickets.getTicket(id)).not.toBeNull();
    expect(piket.connection()).toMatchObject({ problems: 1 });

    expect(piket.outbox.discard(piket.change(m)!.seq)).toBe(id);
    expect(piket.effective('T-1')).toBeUndefined();
    expect(piket.tickets.getTicket(id)).toBeNull();
    expect(piket.tickets.countTickets(SOURCE)).toBe(2);
  });
});

describe('the push loop and the user acting at the same time', () => {
  it('a change discarded while an earlier one is on its way is never sent', async () => {
    const { clock, desk, piket } = await setup();
    desk.script('push', { delayMs: 5_000 });
    piket.outbox.record(SOURCE, 'T-1', PRIORITY_P1, 'Ann');
    const discarded = piket.outbox.record(SOURCE, 'T-2', START, 'Ann')!.mutationId;
    const round = piket.sync.syncNow();
    await settle();
    expect(desk.callsOf('push')).toHaveLength(1);
    expect(piket.outbox.discard(piket.change(discarded)!.seq)).toBeDefined();

    clock.advance(5_000);
    await round;
    expect(desk.callsOf('push', discarded)).toEqual([]);
    expect(desk.ticket('T-2').status).toBe('new');
  });

  it.each([
    ['a rate limit', fault('rate_limited', 'Too many requests.', { status: 429, retryAfterMs: MINUTE })],
    ['a refused token', fault('auth', 'Scripted desk refused the token.', { status: 401 })],
    ['a 503', fault('transient', 'Service unavailable.', { status: 503 })],
  ])(
    'invariant 7: an unknown change whose check meets %s stays unknown: it is checked again, never resent blindly',
    async (_what, checkFailure) => {
      const { clock, desk, piket } = await setup();
      desk.script('push', lostAnswer('transient', 500));
      desk.script('findPushed', checkFailure);
      // A note has no precondition: nothing but the check keeps it from landing twice.
      const m = piket.outbox.record(
        SOURCE,
        'T-1',
        { kind: 'note', body: 'Rebooted the router.' },
        'Ann',
      )!.mutationId;
      await piket.sync.syncNow();
      expect(piket.change(m)).toMatchObject({ state: 'unknown', attempts: 1 });

      await laterRound(piket, clock);
      expect(piket.change(m)).toMatchObject({
        state: 'unknown',
        attempts: 1,
        errorKind: checkFailure.fail.kind,
      });

      await laterRound(piket, clock);
      expect(history(desk, m)).toEqual(['push@null', 'findPushed', 'findPushed']);
      expect(desk.applied(m)).toBe(1);
      expect(desk.ticket('T-1').notes.map((n) => n.body)).toEqual(['Rebooted the router.']);
      expect(piket.change(m)).toBeUndefined();
    },
  );
});
