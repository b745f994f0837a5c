// The demo desk through the Connector interface: determinism, the first 14-day pull, paging, incremental sync, restarts, speed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectorError } from '../../../../src/connectors/connector';
import {
  DEMO_PAGE_SIZE,
  DEMO_RESOURCE,
  DEMO_WINDOW_MS,
  createDemoDesk,
  type DemoDesk,
  type DemoPage,
} from '../../../../src/connectors/demo/demo-desk';
import { DEFAULT_ME } from '../../../../src/core/settings';
import { planTicket, slotOf, ticketAt } from '../../../../src/connectors/demo/lifecycle';
import type { CustomerRecord, TicketRecord } from '../../../../src/domain/ticket';
import { PRIORITIES, TICKET_STATUSES, isOpenStatus } from '../../../../src/domain/ticket';
import { createFakeClock } from '../../../support/fake-clock';

const START = Date.UTC(2026, 2, 11, 10, 0); // a Wednesday morning
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SEED = 2026;

interface Drained {
  tickets: TicketRecord[];
  customers: CustomerRecord[];
  pageSizes: number[];
  cursor: string | null;
}

/** One pull of the desk's tickets, with a signal nobody aborts. */
function pull(desk: DemoDesk, cursor: string | null): Promise<DemoPage> {
  return desk.pull(DEMO_RESOURCE, cursor, { signal: new AbortController().signal });
}

async function drain(desk: DemoDesk, from: string | null): Promise<Drained> {
  const result: Drained = { tickets: [], customers: [], pageSizes: [], cursor: from };
  for (;;) {
    const page = await pull(desk, result.cursor);
    result.tickets.push(...page.tickets);
    result.customers.push(...page.customers);
    result.pageSizes.push(page.tickets.length);
    result.cursor = page.cursor;
    if (!page.hasMore) return result;
  }
}

function newDesk(seed = SEED, at = START) {
  const clock = createFakeClock(at);
  return { clock, desk: createDemoDesk({ seed, clock }) };
}

function byKey(a: TicketRecord, b: TicketRecord): number {
  return (
    a.updatedAt - b.updatedAt || (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0)
  );
}

/** Every ticket of the desk at `now` created since `windowStart`, by brute force over all slots. */
function enumerate(seed: number, windowStart: number, now: number): TicketRecord[] {
  const tickets: TicketRecord[] = [];
  for (let slot = slotOf(windowStart); slot <= slotOf(now); slot++) {
    const plan = planTicket(seed, slot);
    if (!plan || plan.createdAt < windowStart) continue;
    const ticket = ticketAt(plan, now, 'demo');
    if (ticket) tickets.push(ticket);
  }
  return tickets.sort(byKey);
}

function expectInvariants(ticket: TicketRecord, now: number): void {
  const chain = [ticket.createdAt, ticket.firstResponseAt, ticket.resolvedAt, ticket.updatedAt, now].filter(
    (instant): instant is number => instant !== null,
  );
  expect(chain, ticket.externalId).toEqual([...chain].sort((a, b) => a - b));
  if (isOpenStatus(ticket.status)) expect(ticket.resolvedAt, ticket.externalId).toBeNull();
  else expect(ticket.resolvedAt, ticket.externalId).not.toBeNull();
  for (const note of ticket.notes) {
    expect(note.createdAt).toBeGreaterThanOrEqual(ticket.createdAt);
    expect(note.createdAt).toBeLessThanOrEqual(ticket.updatedAt);
    expect(note.externalId.startsWith(`${ticket.externalId}-`)).toBe(true);
  }
  if (ticket.firstResponseAt !== null) {
    expect(ticket.notes.find((note) => note.public)?.createdAt).toBe(ticket.firstResponseAt);
  } else {
    expect(ticket.notes.some((note) => note.public)).toBe(false);
  }
  if (ticket.status !== 'new') expect(ticket.assignee).not.toBeNull();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('demo desk', () => {
  it('names itself and stamps every record with its source', async () => {
    const clock = createFakeClock(START);
    const desk = createDemoDesk({ seed: SEED, clock, source: 'demo-2' });
    expect(desk.label).toBe('Demo desk');
    expect(desk.source).toBe('demo-2');
    expect(newDesk().desk.source).toBe('demo');
    const page = await pull(desk, null);
    expect(page.tickets.every((ticket) => ticket.source === 'demo-2')).toBe(true);
    expect(page.customers.every((customer) => customer.source === 'demo-2')).toBe(true);
  });

  it('gives identical pulls for the same seed and time, using only the seed and the injected clock', async () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    const first = await drain(newDesk().desk, null);
    const second = await drain(newDesk().desk, null);
    expect(second).toEqual(first);
  });

  it('gives a different desk for a different seed', async () => {
    const one = await drain(newDesk(1).desk, null);
    const other = await drain(newDesk(2).desk, null);
    const ids = (drained: Drained) =>
      drained.tickets.map((ticket) => `${ticket.externalId} ${ticket.subject}`);
    expect(ids(other)).not.toEqual(ids(one));
  });

  it('serves about 300 realistic tickets of the last 14 days on the first pull', async () => {
    const { tickets, pageSizes } = await drain(newDesk().desk, null);
    expect(tickets.length).toBeGreaterThanOrEqual(200);
    expect(tickets.length).toBeLessThanOrEqual(400);
    expect(pageSizes.every((size) => size <= DEMO_PAGE_SIZE)).toBe(true);
    expect(pageSizes.length).toBeGreaterThan(1);
    expect(tickets.every((ticket) => ticket.createdAt >= START - DEMO_WINDOW_MS)).toBe(true);
    expect(new Set(tickets.map((ticket) => ticket.externalId)).size).toBe(tickets.length);
    expect(tickets.every((ticket) => /^DEMO-\d+$/.test(ticket.externalId))).toBe(true);

    expect(new Set(tickets.map((ticket) => ticket.status))).toEqual(new Set(TICKET_STATUSES));
    const share = Object.fromEntries(
      PRIORITIES.map((priority) => [
        priority,
        tickets.filter((t) => t.priority === priority).length / tickets.length,
      ]),
    );
    expect(share.P1).toBeGreaterThan(0);
    expect(share.P1).toBeLessThan(0.08);
    expect(share.P1!).toBeLessThan(share.P2!);
    expect(share.P3! + share.P4!).toBeGreaterThan(0.6);

    const old = tickets.filter((ticket) => ticket.createdAt < START - 7 * DAY);
    const recent = tickets.filter((ticket) => ticket.createdAt > START - DAY);
    expect(old.filter((ticket) => !isOpenStatus(ticket.status)).length / old.length).toBeGreaterThan(0.9);
    expect(recent.filter((ticket) => isOpenStatus(ticket.status)).length / recent.length).toBeGreaterThan(
      0.5,
    );
    expect(
      tickets.some((ticket) => ticket.assignee === 'Sanne de Vries' && isOpenStatus(ticket.status)),
    ).toBe(true);
    expect(tickets.some((ticket) => ticket.notes.some((note) => !note.public))).toBe(true);

    const security = tickets.filter((ticket) => ticket.kind === 'security');
    expect(security.length).toBeGreaterThan(0);
    for (const ticket of security) {
      expect(ticket.cveId).toMatch(/^CVE-\d{4}-\d{4,}$/);
      expect(['high', 'critical']).toContain(ticket.severity);
    }
    for (const ticket of tickets.filter((t) => t.kind !== 'security')) {
      expect([ticket.cveId, ticket.severity]).toEqual([null, null]);
    }
    const texts = tickets.map((ticket) => `${ticket.subject}\n${ticket.description}`);
    expect(texts.some((text) => text.includes('<script>') || text.includes('onerror'))).toBe(true);
    expect(texts.some((text) => text.includes('&') && text.includes('"'))).toBe(true);
  });

  it('sends the five customers with the first page only', async () => {
    const { desk } = newDesk();
    const first = await pull(desk, null);
    const second = await pull(desk, first.cursor);
    expect(second.customers).toEqual([]);
    const { customers } = first;
    expect(customers).toHaveLength(5);
    const customerIds = new Set(customers.map((customer) => customer.externalId));
    expect(first.tickets.every((ticket) => customerIds.has(ticket.customerExternalId))).toBe(true);
    expect(customers.filter((customer) => customer.timeZone === 'America/New_York')).toHaveLength(1);
    expect(customers.filter((customer) => customer.timeZone === 'Europe/Amsterdam').length).toBeGreaterThan(
      2,
    );
    for (const customer of customers) {
      expect(customer.uptimePromise).toMatch(/^\d{2}(\.\d+)?%$/);
      for (const person of [customer.tam, customer.leadEngineer]) {
        expect(person?.name).toBeTruthy();
        expect(person?.phone).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(person?.email).toMatch(/^[^@\s]+@[^@\s]+\.example$/);
      }
    }
  });

  it('pages without repeating or skipping: all pages equal one brute-force enumeration', async () => {
    const { tickets } = await drain(newDesk().desk, null);
    expect(tickets).toEqual(enumerate(SEED, START - DEMO_WINDOW_MS, START));
  });

  it('after a few hours returns only new tickets and changes, and the synced state matches the desk', async () => {
    const { clock, desk } = newDesk();
    const first = await drain(desk, null);
    const known = new Map(first.tickets.map((ticket) => [ticket.externalId, ticket]));
    const highWater = first.tickets.at(-1)!.updatedAt;

    clock.advance(5 * HOUR);
    const later = await drain(desk, first.cursor);
    expect(new Set(later.tickets.map((ticket) => ticket.externalId)).size).toBe(later.tickets.length);
    for (const ticket of later.tickets) {
      expect(ticket.updatedAt).toBeGreaterThan(highWater);
      expect(ticket.updatedAt).toBeLessThanOrEqual(clock.now());
    }
    const created = later.tickets.filter((ticket) => !known.has(ticket.externalId));
    const changed = later.tickets.filter((ticket) => known.has(ticket.externalId));
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((ticket) => ticket.createdAt > START)).toBe(true);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.some((ticket) => ticket.status !== known.get(ticket.externalId)!.status)).toBe(true);

    for (const ticket of later.tickets) known.set(ticket.externalId, ticket);
    const fresh = enumerate(SEED, START - DEMO_WINDOW_MS, clock.now());
    expect([...known.values()].sort(byKey)).toEqual(fresh);
  });

  it('returns an empty page and keeps the cursor when nothing changed', async () => {
    const { desk } = newDesk();
    const { cursor } = await drain(desk, null);
    const again = await pull(desk, cursor);
    expect(again).toEqual({ customers: [], tickets: [], cursor, hasMore: false });
  });

  it('continues exactly from a saved cursor after a restart', async () => {
    const running = newDesk();
    const firstPage = await pull(running.desk, null);
    expect(firstPage.hasMore).toBe(true);
    const rest = await drain(running.desk, firstPage.cursor);

    const restarted = newDesk();
    expect(await drain(restarted.desk, firstPage.cursor)).toEqual(rest);

    running.clock.advance(DAY);
    restarted.clock.advance(DAY);
    expect(await drain(restarted.desk, rest.cursor)).toEqual(await drain(running.desk, rest.cursor));
  });

  it('keeps the ticket invariants at every moment', async () => {
    const { clock, desk } = newDesk();
    let cursor: string | null = null;
    for (const step of [0, 37 * 60_000, 6 * HOUR, 2 * DAY, 9 * DAY]) {
      clock.advance(step);
      const drained = await drain(desk, cursor);
      cursor = drained.cursor;
      for (const ticket of drained.tickets) expectInvariants(ticket, clock.now());
    }
  });

  it('stays fast after six months without a pull', async () => {
    const { clock, desk } = newDesk();
    const { cursor } = await drain(desk, null);
    clock.advance(183 * DAY);
    const began = performance.now();
    const page = await pull(desk, cursor);
    expect(performance.now() - began).toBeLessThan(250);
    expect(page.tickets).toHaveLength(DEMO_PAGE_SIZE);
    expect(page.hasMore).toBe(true);
    const highWater = JSON.parse(cursor!) as { updatedAt: number };
    expect(page.tickets.every((ticket) => ticket.updatedAt > highWater.updatedAt)).toBe(true);
  });

  it('never serves tickets created before the window of the first pull', async () => {
    const { clock, desk } = newDesk();
    const { cursor } = await drain(desk, null);
    clock.advance(3 * DAY);
    const later = await drain(desk, cursor);
    expect(later.tickets.every((ticket) => ticket.createdAt >= START - DEMO_WINDOW_MS)).toBe(true);
  });

  it('rejects a cursor it did not write, as a protocol error', async () => {
    const { desk } = newDesk();
    await expect(pull(desk, 'not json')).rejects.toThrow(/cursor/);
    await expect(pull(desk, '{"updatedAt":1}')).rejects.toThrow(/cursor/);
    await expect(pull(desk, 'null')).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('pulls one resource, tickets, and refuses any other', async () => {
    const { desk } = newDesk();
    expect(desk.resources).toEqual(['tickets']);
    const other = desk.pull('events', null, { signal: new AbortController().signal });
    await expect(other).rejects.toBeInstanceOf(ConnectorError);
    await expect(other).rejects.toMatchObject({ kind: 'protocol', message: expect.stringMatching(/events/) });
  });

  it('answers who it acts as with the demo user, the app\'s default "me"', async () => {
    const { desk } = newDesk();
    const identity = await desk.whoAmI({ signal: new AbortController().signal });
    expect(identity).toEqual({
      userId: expect.any(String),
      name: DEFAULT_ME,
      email: null,
      role: 'agent',
      canExport: true,
    });
  });

  it('does nothing for a call whose signal is already aborted', async () => {
    const { desk } = newDesk();
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(desk.pull(DEMO_RESOURCE, null, { signal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
    await expect(desk.whoAmI({ signal: controller.signal })).rejects.toThrow('shutting down');
  });
});
