// SlaTracker on a real store: a ticket whose SLA cannot be computed is marked unavailable and logged once, and
// every other ticket keeps its clocks, its place in the queue and its alerts.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlaAlert } from '../../../src/api';
import { queueQuerySchema } from '../../../src/api/schemas';
import { CoreScheduler } from '../../../src/core/core-scheduler';
import { SlaTracker } from '../../../src/core/sla-tracker';
import type { Priority, TicketRecord } from '../../../src/domain/ticket';
import { DEFAULT_CONTRACTS } from '../../../src/sla/contracts';
import { AlertLog } from '../../../src/store/alert-log';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { PullStore } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { createFakeClock } from '../../support/fake-clock';
import { customerRecord, ticketRecord } from '../../support/records';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A valid Date, but no deadline after it is: the calendar arithmetic throws for this ticket. */
const BEYOND_DEADLINES = 8.64e15 - 60 * MINUTE;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function record(externalId: string, priority: Priority, createdAt: number): TicketRecord {
  return ticketRecord({
    source: 'legacy',
    externalId,
    customerExternalId: 'acme',
    priority,
    createdAt,
    updatedAt: NOW - MINUTE,
  });
}

/**
 * A store holding, as a Piket from before the instant bounds could have stored it, one ticket no deadline can be
 * computed for, between a long-breached P3 and a P1 due in 29 minutes. Without stored deadlines the queue order
 * would be by priority (P1, P2, P3); with them it is breached, due soon, no known deadline.
 */
function setup() {
  const { db } = openDatabase(join(tempDir(), 'piket.db'));
  closers.push(() => closeDatabase(db));
  const store = new TicketStore(db);
  const clock = createFakeClock(NOW);
  new PullStore(db, clock).applyPage(
    'legacy',
    'tickets',
    {
      customers: [
        customerRecord({ source: 'legacy', externalId: 'acme', name: 'Acme', updatedAt: NOW - MINUTE }),
      ],
      tickets: [
        record('L-late', 'P3', NOW - 3 * DAY),
        record('L-broken', 'P2', BEYOND_DEADLINES),
        record('L-soon', 'P1', NOW - MINUTE),
      ],
    },
    'cursor-1',
  );
  const raised: SlaAlert[] = [];
  const lines: string[] = [];
  const scheduler = new CoreScheduler({ clock, fired: new AlertLog(db), log: () => undefined });
  const tracker = new SlaTracker({
    store,
    clock,
    scheduler,
    contracts: DEFAULT_CONTRACTS,
    onAlerts: (alerts) => raised.push(...alerts),
    log: (line) => lines.push(line),
  });
  closers.unshift(() => scheduler.stop());
  const queue = () =>
    store
      .listQueue(queueQuerySchema.parse({ scope: 'open', sort: 'deadline', limit: 100 }), ['me'])
      .tickets.map((ticket) => tracker.summarize(ticket));
  const idOf = (externalId: string): number =>
    store
      .listQueue(queueQuerySchema.parse({ scope: 'all', limit: 100 }), ['me'])
      .tickets.find((ticket) => ticket.externalId === externalId)!.id;
  return { store, clock, raised, lines, tracker, scheduler, queue, idOf };
}

describe('SlaTracker with a ticket whose SLA cannot be computed', () => {
  it('starts, stores the other deadlines and raises the other alerts', () => {
    const { clock, raised, tracker, scheduler, queue, idOf } = setup();
    expect(() => {
      tracker.start();
      scheduler.start();
    }).not.toThrow();

    expect(queue().map((ticket) => ticket.externalId)).toEqual(['L-late', 'L-soon', 'L-broken']);
    const late = raised.filter((alert) => alert.ticketId === idOf('L-late'));
    expect(late).toContainEqual(expect.objectContaining({ target: 'response', kind: 'breach' }));

    expect(() => tracker.recompute([idOf('L-broken'), idOf('L-soon')])).not.toThrow();
    clock.advance(30 * MINUTE);
    const soon = raised.filter((alert) => alert.ticketId === idOf('L-soon'));
    expect(soon).toContainEqual(expect.objectContaining({ target: 'response', kind: 'breach' }));
    expect(raised.filter((alert) => alert.ticketId === idOf('L-broken'))).toEqual([]);
  });

  it('lists every ticket, marking only that one unavailable, and shows it in the ticket pane', () => {
    const { store, tracker, scheduler, queue, idOf } = setup();
    tracker.start();
    scheduler.start();
    const tickets = queue();
    expect(tickets).toHaveLength(3);
    for (const ticket of tickets) {
      if (ticket.externalId === 'L-broken') {
        expect(ticket.sla).toBeNull();
        expect(ticket.slaError).toMatch(/range of Date/);
      } else {
        expect(ticket.slaError).toBeNull();
        expect(ticket.sla?.nextDueAt).toEqual(expect.any(Number));
      }
    }

    const broken = tracker.detail(store.getTicket(idOf('L-broken'))!);
    expect(broken).toMatchObject({ sla: null, clocks: [], policyName: 'standard' });
    expect(broken.slaError).toMatch(/range of Date/);
    const soon = tracker.detail(store.getTicket(idOf('L-soon'))!);
    expect(soon.slaError).toBeNull();
    expect(soon.clocks.map((clock) => clock.target)).toEqual(['response', 'resolution']);
  });

  it('names the ticket and the error in the log once, not on every read', () => {
    const { store, tracker, scheduler, queue, idOf, lines } = setup();
    tracker.start();
    scheduler.start();
    queue();
    queue();
    tracker.detail(store.getTicket(idOf('L-broken'))!);
    tracker.recompute('open');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^SLA of ticket legacy:L-broken could not be computed: RangeError: .*range of Date/,
    );
  });
});
