// The demo desk accepting changes: every action comes back in the next pull and in fetchTicket, a changed old ticket
// comes back after the cursor once, preconditions (conflict, closed, unknown), receipts found again by mutation id,
// versions that always move, the signal, and tickets nobody changed staying exactly as the seed makes them.
import { describe, expect, it } from 'vitest';
import type { PushReceipt, PushRequest } from '../../../../src/connectors/connector';
import { DEMO_RESOURCE, createDemoDesk, type DemoDesk } from '../../../../src/connectors/demo/demo-desk';
import { MAX_LIFECYCLE_MS, planOf, ticketAt } from '../../../../src/connectors/demo/lifecycle';
import { ticketRecordSchema } from '../../../../src/connectors/record-schemas';
import { DEFAULT_ME } from '../../../../src/core/settings';
import type { TicketAction } from '../../../../src/domain/action';
import { isOpenStatus, type TicketRecord } from '../../../../src/domain/ticket';
import { createFakeClock } from '../../../support/fake-clock';

const START = Date.UTC(2026, 2, 11, 10, 0); // a Wednesday morning
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEED = 2026;
/** The desk's user, whom every change names. */
const ME = DEFAULT_ME;

const options = () => ({ signal: new AbortController().signal });

interface Drained {
  tickets: TicketRecord[];
  cursor: string | null;
}

async function drain(desk: DemoDesk, from: string | null): Promise<Drained> {
  const result: Drained = { tickets: [], cursor: from };
  for (;;) {
    const page = await desk.pull(DEMO_RESOURCE, result.cursor, options());
    result.tickets.push(...page.tickets);
    result.cursor = page.cursor;
    if (!page.hasMore) return result;
  }
}

function newDesk(at = START) {
  const clock = createFakeClock(at);
  return { clock, desk: createDemoDesk({ seed: SEED, clock }) };
}

function request(
  ticket: TicketRecord,
  action: TicketAction,
  mutationId: string,
  baseUpdatedAt: number | null = ticket.updatedAt,
): PushRequest {
  const seen = { status: ticket.status, priority: ticket.priority, assignee: ticket.assignee };
  return { mutationId, externalId: ticket.externalId, action, baseUpdatedAt, seen };
}

/** The first ticket that fits and was not picked before; fails in words when the desk has none. */
function picker(tickets: readonly TicketRecord[]) {
  const taken = new Set<string>();
  return (what: string, fits: (ticket: TicketRecord) => boolean): TicketRecord => {
    const ticket = tickets.find((t) => !taken.has(t.externalId) && fits(t));
    if (!ticket) throw new Error(`the desk has no ${what} ticket at this moment`);
    taken.add(ticket.externalId);
    return ticket;
  };
}

const ids = (tickets: readonly TicketRecord[]) => tickets.map((ticket) => ticket.externalId);
const key = (ticket: TicketRecord) => [ticket.updatedAt, ticket.externalId] as const;

function expectStrictlyOrdered(tickets: readonly TicketRecord[]): void {
  for (let i = 1; i < tickets.length; i++) {
    const [before, after] = [key(tickets[i - 1]!), key(tickets[i]!)];
    expect(before[0] < after[0] || (before[0] === after[0] && before[1] < after[1])).toBe(true);
  }
}

/** The ticket as the seed alone makes it at `instant`. */
function planned(externalId: string, instant: number): TicketRecord {
  return ticketAt(planOf(SEED, externalId)!, instant, 'demo')!;
}

describe('the demo desk accepting changes', () => {
  it('shows each action in the next pull and in fetchTicket, as the person made it', async () => {
    const { desk } = newDesk();
    const first = await drain(desk, null);
    const pick = picker(first.tickets.filter((ticket) => isOpenStatus(ticket.status)));
    const body = (kind: string) => `${kind} from Piket <b>&</b>`;
    const note = (ticket: TicketRecord, mutationId: string, kind: 'note' | 'reply', at: number) => ({
      externalId: `${ticket.externalId}-piket-${mutationId}`,
      author: ME,
      body: body(kind),
      public: kind === 'reply',
      createdAt: at,
    });

    const cases: {
      ticket: TicketRecord;
      action: TicketAction;
      /** Whether the change carries the version it was made on (a note or reply needs none). */
      guarded: boolean;
      expected: (before: TicketRecord, at: number, mutationId: string) => TicketRecord;
    }[] = [
      {
        ticket: pick('new', (t) => t.status === 'new'),
        action: { kind: 'ack' },
        guarded: true,
        expected: (before, at) => ({
          ...before,
          status: 'acknowledged',
          assignee: ME,
          updatedAt: at,
          history: [...before.history, { at, status: 'acknowledged' }],
        }),
      },
      {
        ticket: pick('in-progress', (t) => t.status === 'in_progress' && t.assignee !== ME),
        action: { kind: 'ack' },
        guarded: true,
        expected: (before, at) => ({ ...before, assignee: ME, updatedAt: at }),
      },
      {
        ticket: pick('open', () => true),
        action: { kind: 'note', body: body('note') },
        guarded: false,
        expected: (before, at, id) => ({
          ...before,
          updatedAt: at,
          notes: [...before.notes, note(before, id, 'note', at)],
        }),
      },
      {
        ticket: pick('unanswered', (t) => t.firstResponseAt === null),
        action: { kind: 'reply', body: body('reply') },
        guarded: false,
        expected: (before, at, id) => ({
          ...before,
          firstResponseAt: at,
          updatedAt: at,
          notes: [...before.notes, note(before, id, 'reply', at)],
        }),
      },
      {
        ticket: pick('answered', (t) => t.firstResponseAt !== null),
        action: { kind: 'reply', body: body('reply') },
        guarded: false,
        expected: (before, at, id) => ({
          ...before,
          updatedAt: at,
          notes: [...before.notes, note(before, id, 'reply', at)],
        }),
      },
      {
        ticket: pick('in-progress', (t) => t.status === 'in_progress'),
        action: { kind: 'status', status: 'waiting_on_customer' },
        guarded: true,
        expected: (before, at) => ({
          ...before,
          status: 'waiting_on_customer',
          updatedAt: at,
          history: [...before.history, { at, status: 'waiting_on_customer' }],
        }),
      },
      {
        ticket: pick('non-P1', (t) => t.priority !== 'P1'),
        action: { kind: 'priority', priority: 'P1' },
        guarded: true,
        expected: (before, at) => ({
          ...before,
          priority: 'P1',
          updatedAt: at,
          history: [...before.history, { at, priority: 'P1' }],
        }),
      },
      {
        ticket: pick("someone else's", (t) => t.assignee !== null && t.assignee !== ME),
        action: { kind: 'assign' },
        guarded: true,
        expected: (before, at) => ({ ...before, assignee: ME, updatedAt: at }),
      },
      {
        ticket: pick('open', () => true),
        action: { kind: 'resolve' },
        guarded: true,
        expected: (before, at) => ({
          ...before,
          status: 'resolved',
          resolvedAt: at,
          updatedAt: at,
          history: [...before.history, { at, status: 'resolved' }],
        }),
      },
    ];

    const receipts: PushReceipt[] = [];
    for (const [index, { ticket, action, guarded }] of cases.entries()) {
      const pushed = request(ticket, action, `m-${index}`, guarded ? ticket.updatedAt : null);
      receipts.push(await desk.push(pushed, options()));
    }
    expect(new Set(receipts.map((receipt) => receipt.remoteRef)).size).toBe(cases.length);

    const next = await desk.pull(DEMO_RESOURCE, first.cursor, options());
    expect(next.hasMore).toBe(false);
    expect(new Set(ids(next.tickets))).toEqual(new Set(cases.map(({ ticket }) => ticket.externalId)));
    for (const [index, { ticket, expected }] of cases.entries()) {
      const receipt = receipts[index]!;
      expect(receipt.updatedAt).toBeGreaterThan(ticket.updatedAt);
      const want = expected(ticket, receipt.updatedAt, `m-${index}`);
      expect(next.tickets.find((t) => t.externalId === ticket.externalId)).toEqual(want);
      expect(await desk.fetchTicket(ticket.externalId, options())).toEqual(want);
      expect(ticketRecordSchema.safeParse(want).success).toBe(true);
    }
    // A note's or reply's receipt names the note as pulls report it: that is how Piket sees it arrived.
    for (const [index, { ticket, action }] of cases.entries()) {
      if (action.kind !== 'note' && action.kind !== 'reply') continue;
      const pulled = next.tickets.find((t) => t.externalId === ticket.externalId)!;
      expect(pulled.notes!.map((note) => note.externalId)).toContain(receipts[index]!.remoteRef);
    }
    expect((await desk.pull(DEMO_RESOURCE, next.cursor, options())).tickets).toEqual([]);
  });

  it('leaves a ticket someone changed to them, while a note leaves it to the simulated team', async () => {
    const { clock, desk } = newDesk();
    const first = await drain(desk, null);
    const pick = picker(first.tickets);
    const acked = pick('new', (t) => t.status === 'new');
    const noted = pick('new', (t) => t.status === 'new');
    const ack = await desk.push(request(acked, { kind: 'ack' }, 'ack'), options());
    const note = await desk.push(request(noted, { kind: 'note', body: 'Looking' }, 'note', null), options());

    clock.advance(3 * DAY);
    const later = planned(noted.externalId, clock.now());
    expect(later.updatedAt).toBeGreaterThan(START);
    expect(await desk.fetchTicket(noted.externalId, options())).toEqual({
      ...later,
      notes: [
        ...later.notes,
        {
          externalId: `${noted.externalId}-piket-note`,
          author: ME,
          body: 'Looking',
          public: false,
          createdAt: note.updatedAt,
        },
      ].sort((a, b) => a.createdAt - b.createdAt),
    });
    expect(planned(acked.externalId, clock.now()).updatedAt).toBeGreaterThan(START);
    expect(await desk.fetchTicket(acked.externalId, options())).toMatchObject({
      status: 'acknowledged',
      assignee: ME,
      updatedAt: ack.updatedAt,
      notes: acked.notes,
    });
  });

  it('brings a changed ticket created long ago back after the cursor exactly once, in page order', async () => {
    const { clock, desk } = newDesk();
    const first = await drain(desk, null);
    const old = picker(first.tickets)('open', (t) => isOpenStatus(t.status));
    await desk.push(request(old, { kind: 'assign' }, 'take'), options());

    clock.advance(60 * DAY);
    const caughtUp = await drain(desk, first.cursor);
    expect(ids(caughtUp.tickets).filter((id) => id === old.externalId)).toHaveLength(1);
    expectStrictlyOrdered(caughtUp.tickets);

    const mark = caughtUp.tickets.at(-1)!;
    expect(old.createdAt).toBeLessThan(mark.updatedAt - MAX_LIFECYCLE_MS);
    await desk.push(request(old, { kind: 'note', body: 'Still on it' }, 'late', null), options());
    clock.advance(DAY);
    const next = await drain(desk, caughtUp.cursor);
    expect(ids(next.tickets).filter((id) => id === old.externalId)).toHaveLength(1);
    expectStrictlyOrdered([mark, ...next.tickets]);
    expect(next.tickets.length).toBeGreaterThan(1);
    expect(next.tickets.find((t) => t.externalId === old.externalId)).toEqual(
      await desk.fetchTicket(old.externalId, options()),
    );
    expect((await drain(desk, next.cursor)).tickets).toEqual([]);
  });

  it('refuses a change made on a version that is no longer current, and applies nothing', async () => {
    const { clock, desk } = newDesk();
    const first = await drain(desk, null);
    const moving = picker(first.tickets)('open, soon moving', (ticket) => {
      const step = planOf(SEED, ticket.externalId)!.steps.find((s) => s.at > START);
      return (
        isOpenStatus(ticket.status) && step !== undefined && step.at < START + DAY && step.status !== 'closed'
      );
    });
    clock.advance(DAY);
    const now = await desk.fetchTicket(moving.externalId, options());
    expect(now!.updatedAt).toBeGreaterThan(moving.updatedAt);

    const stale = request(moving, { kind: 'priority', priority: 'P1' }, 'stale');
    const refused = desk.push(stale, options());
    await expect(refused).rejects.toMatchObject({
      name: 'ConnectorError',
      kind: 'conflict',
      message: expect.stringMatching(
        new RegExp(
          `^Demo desk: ${moving.externalId} changed since you saw it \\(last change at 2026-03-1[12] \\d\\d:\\d\\d UTC\\)$`,
        ),
      ),
    });
    expect(await desk.fetchTicket(moving.externalId, options())).toEqual(now);
    expect(await desk.findPushed(stale, options())).toBeNull();

    const fresh = await desk.push(request(now!, { kind: 'priority', priority: 'P1' }, 'fresh'), options());
    const again = request(now!, { kind: 'status', status: 'in_progress' }, 'again');
    await expect(desk.push(again, options())).rejects.toMatchObject({ kind: 'conflict' });
    const note = await desk.push(
      { ...again, mutationId: 'note', action: { kind: 'note', body: 'n' }, baseUpdatedAt: null },
      options(),
    );
    expect(note.updatedAt).toBeGreaterThan(fresh.updatedAt);
  });

  it('refuses every change to a closed ticket, and knows no ticket it does not have', async () => {
    const { desk } = newDesk();
    const first = await drain(desk, null);
    const closed = picker(first.tickets)('closed', (ticket) => ticket.status === 'closed');
    const actions: TicketAction[] = [
      { kind: 'ack' },
      { kind: 'note', body: 'n' },
      { kind: 'reply', body: 'r' },
      { kind: 'status', status: 'in_progress' },
      { kind: 'priority', priority: 'P1' },
      { kind: 'assign' },
      { kind: 'resolve' },
    ];
    for (const [index, action] of actions.entries()) {
      await expect(desk.push(request(closed, action, `c-${index}`), options())).rejects.toMatchObject({
        kind: 'validation',
        message: 'Demo desk: closed tickets cannot be changed',
      });
    }
    expect(await desk.fetchTicket(closed.externalId, options())).toEqual(closed);

    const open = picker(first.tickets)('open', (ticket) => isOpenStatus(ticket.status));
    await expect(
      desk.push(request(open, { kind: 'note', body: ' \n' }, 'blank', null), options()),
    ).rejects.toMatchObject({
      kind: 'validation',
      message: 'Demo desk: a note needs some text',
    });

    const number = Number(open.externalId.slice('DEMO-'.length));
    const quiet = [...Array(50).keys()]
      .map((offset) => `DEMO-${number + offset}`)
      .find((id) => planOf(SEED, id) === null)!;
    for (const unknown of [quiet, `DEMO-${number + 10_000}`, `DEMO-0${number}`, 'nonsense', '']) {
      expect(await desk.fetchTicket(unknown, options())).toBeNull();
      await expect(
        desk.push({ ...request(open, { kind: 'assign' }, `u-${unknown}`), externalId: unknown }, options()),
      ).rejects.toMatchObject({ kind: 'not_found', message: `Demo desk: there is no ticket ${unknown}` });
    }
  });

  it('finds a pushed change by its mutation id, and applies a mutation id only once', async () => {
    const { desk } = newDesk();
    const first = await drain(desk, null);
    const ticket = picker(first.tickets)('open', (t) => isOpenStatus(t.status));
    const pushed = request(ticket, { kind: 'note', body: 'Once' }, 'once', null);
    const other = { ...pushed, mutationId: 'never-sent' };
    expect(await desk.findPushed(pushed, options())).toBeNull();

    const receipt = await desk.push(pushed, options());
    expect(await desk.findPushed(pushed, options())).toEqual(receipt);
    expect(await desk.findPushed(other, options())).toBeNull();
    expect(await desk.push(pushed, options())).toEqual(receipt);
    const stored = await desk.fetchTicket(ticket.externalId, options());
    expect(stored!.notes.filter((note) => note.body === 'Once')).toHaveLength(1);
  });

  it('moves the version with every change, also two in one millisecond and one in the millisecond of a pull', async () => {
    const { clock, desk } = newDesk();
    const first = await drain(desk, null);
    const pick = picker(first.tickets.filter((ticket) => isOpenStatus(ticket.status)));
    const twice = pick('open', () => true);
    const one = await desk.push(request(twice, { kind: 'priority', priority: 'P1' }, 'one'), options());
    const two = await desk.push(
      request({ ...twice, updatedAt: one.updatedAt }, { kind: 'assign' }, 'two'),
      options(),
    );
    expect(two.updatedAt).toBeGreaterThan(one.updatedAt);
    expect(clock.now()).toBe(START);

    // A pull served in some millisecond may end on a ticket updated in it; a change made in that millisecond to a
    // ticket with a smaller id must still sort after that cursor.
    const moving = pick('open, soon moving', (ticket) =>
      planOf(SEED, ticket.externalId)!.steps.some((s) => s.at > START && s.at < START + DAY),
    );
    const stepAt = planOf(SEED, moving.externalId)!.steps.find((s) => s.at > START)!.at;
    clock.advance(stepAt - START);
    const served = await drain(desk, first.cursor);
    expect(key(served.tickets.at(-1)!)).toEqual([stepAt, moving.externalId]);
    const smaller = pick('open with a smaller id', (t) => t.externalId < moving.externalId);
    const current = await desk.fetchTicket(smaller.externalId, options());
    const receipt = await desk.push(request(current!, { kind: 'assign' }, 'same-ms'), options());
    expect(receipt.updatedAt).toBeGreaterThan(stepAt);
    const next = await desk.pull(DEMO_RESOURCE, served.cursor, options());
    expect(ids(next.tickets)).toContain(smaller.externalId);
  });

  it('serves the tickets nobody changed exactly as a desk without changes does', async () => {
    const changed = newDesk();
    const plain = newDesk();
    const first = await drain(changed.desk, null);
    const pick = picker(first.tickets.filter((ticket) => isOpenStatus(ticket.status)));
    const touched = [pick('open', () => true), pick('open', () => true), pick('open', () => true)];
    await changed.desk.push(request(touched[0]!, { kind: 'ack' }, 'a'), options());
    await changed.desk.push(request(touched[1]!, { kind: 'reply', body: 'r' }, 'b', null), options());
    await changed.desk.push(request(touched[2]!, { kind: 'resolve' }, 'c'), options());
    const untouched = (tickets: TicketRecord[]) =>
      tickets.filter((ticket) => !ids(touched).includes(ticket.externalId));

    for (const step of [HOUR, DAY, 5 * DAY]) {
      changed.clock.advance(step);
      plain.clock.advance(step);
      const [withChanges, without] = [await drain(changed.desk, null), await drain(plain.desk, null)];
      expect(untouched(withChanges.tickets)).toEqual(untouched(without.tickets));
      expect(new Set(ids(withChanges.tickets))).toEqual(new Set(ids(without.tickets)));
      const [later, laterPlain] = [
        await drain(changed.desk, first.cursor),
        await drain(plain.desk, first.cursor),
      ];
      expect(untouched(later.tickets)).toEqual(untouched(laterPlain.tickets));
    }
  });

  it('does nothing for a change or a read whose signal is already aborted', async () => {
    const { desk } = newDesk();
    const first = await drain(desk, null);
    const ticket = picker(first.tickets)('open', (t) => isOpenStatus(t.status));
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const aborted = { signal: controller.signal };
    const pushed = request(ticket, { kind: 'resolve' }, 'aborted');
    await expect(desk.push(pushed, aborted)).rejects.toThrow('shutting down');
    await expect(desk.findPushed(pushed, aborted)).rejects.toThrow('shutting down');
    await expect(desk.fetchTicket(ticket.externalId, aborted)).rejects.toThrow('shutting down');
    expect(await desk.findPushed(pushed, options())).toBeNull();
    expect(await desk.fetchTicket(ticket.externalId, options())).toEqual(ticket);
  });
});
