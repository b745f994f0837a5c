// SlaTracker on a real store: what the queue, the ticket pane and the alerts say about tickets stored without
// history, tickets solved without a reply, and a breach under a new priority after a downgrade.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlaAlert } from '../../../src/api';
import { queueQuerySchema } from '../../../src/api/schemas';
import { CoreScheduler } from '../../../src/core/core-scheduler';
import { SlaTracker } from '../../../src/core/sla-tracker';
import type { TicketRecord } from '../../../src/domain/ticket';
import { DEFAULT_CONTRACTS } from '../../../src/sla/contracts';
import { AlertLog } from '../../../src/store/alert-log';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { PullStore } from '../../../src/store/pull-store';
import { TicketStore } from '../../../src/store/ticket-store';
import { createFakeClock } from '../../support/fake-clock';
import { customerRecord, ticketRecord } from '../../support/records';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9); // Thursday 10:00 in Amsterdam
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A ticket created and last changed at NOW unless `extra` says otherwise. */
function record(externalId: string, extra: Partial<TicketRecord>): TicketRecord {
  return ticketRecord({
    source: 'demo',
    externalId,
    customerExternalId: 'acme',
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  });
}

function setup() {
  const { db } = openDatabase(join(tempDir(), 'piket.db'));
  closers.push(() => closeDatabase(db));
  const store = new TicketStore(db);
  const clock = createFakeClock(NOW);
  const pulls = new PullStore(db, clock);
  const raised: SlaAlert[] = [];
  const scheduler = new CoreScheduler({ clock, fired: new AlertLog(db), log: () => undefined });
  const tracker = new SlaTracker({
    store,
    clock,
    scheduler,
    contracts: DEFAULT_CONTRACTS,
    onAlerts: (alerts) => raised.push(...alerts),
    log: () => undefined,
  });
  closers.unshift(() => scheduler.stop());
  let pages = 0;
  /** Stores tickets as a sync round would, and recomputes what changed. */
  const pull = (tickets: TicketRecord[]): void => {
    const customer = customerRecord({ source: 'demo', externalId: 'acme', name: 'Acme', updatedAt: NOW });
    const page = { customers: [customer], tickets };
    const { changedTicketIds } = pulls.applyPage('demo', 'tickets', page, `cursor-${++pages}`);
    tracker.recompute(changedTicketIds);
  };
  const all = () => store.listQueue(queueQuerySchema.parse({ scope: 'all', limit: 100 }), ['me']).tickets;
  const idOf = (externalId: string): number => all().find((ticket) => ticket.externalId === externalId)!.id;
  const detail = (externalId: string) => tracker.detail(store.getTicket(idOf(externalId))!);
  return { clock, raised, tracker, scheduler, pull, all, detail, idOf };
}

describe('a ticket stored without history', () => {
  it('shows its resolution at resolvedAt, approximate, in the pane and the queue', () => {
    const { tracker, scheduler, pull, all, detail } = setup();
    const createdAt = NOW - 2 * DAY;
    pull([
      record('no-history', {
        priority: 'P1',
        status: 'closed',
        createdAt,
        firstResponseAt: createdAt + 10 * MINUTE,
        resolvedAt: createdAt + 3 * HOUR,
        updatedAt: createdAt + DAY,
      }),
      record('with-history', { history: [{ at: NOW, status: 'new', priority: 'P3' }] }),
    ]);
    tracker.start();
    scheduler.start();

    const pane = detail('no-history');
    expect(pane.clocks.find((clock) => clock.target === 'resolution')).toMatchObject({
      state: 'met',
      metAt: createdAt + 3 * HOUR,
      elapsedSeconds: 3 * 3600,
      approximate: true,
    });
    expect(pane.clocks.every((clock) => clock.approximate)).toBe(true);
    expect(pane.sla).toMatchObject({ approximate: true, breached: false });
    expect(detail('with-history').sla?.approximate).toBe(false);

    const queue = Object.fromEntries(
      all().map((ticket) => [ticket.externalId, tracker.summarize(ticket).sla?.approximate]),
    );
    expect(queue).toEqual({ 'no-history': true, 'with-history': false });
  });
});

describe('a ticket closed without a public reply', () => {
  it('keeps its response breach on record but no longer runs or counts as due', () => {
    const { tracker, scheduler, pull, detail } = setup();
    const createdAt = NOW - 2 * DAY; // Tuesday 10:00: P2 responds within 2 working hours
    const resolvedAt = createdAt + DAY;
    pull([
      record('unanswered', {
        priority: 'P2',
        status: 'closed',
        createdAt,
        resolvedAt,
        updatedAt: resolvedAt + HOUR,
        history: [
          { at: createdAt, status: 'new', priority: 'P2' },
          { at: resolvedAt, status: 'resolved' },
          { at: resolvedAt + HOUR, status: 'closed' },
        ],
      }),
    ]);
    tracker.start();
    scheduler.start();
    const pane = detail('unanswered');
    expect(pane.clocks.find((clock) => clock.target === 'response')).toMatchObject({
      state: 'stopped',
      metAt: null,
      stoppedAt: resolvedAt,
      breachedAt: createdAt + 2 * HOUR,
    });
    expect(pane.sla).toMatchObject({ nextDueAt: null, breached: true });
  });
});

describe('breach alerts after a priority change', () => {
  it('alert a breach under the new priority after a downgrade, though the old one already alerted', () => {
    const { clock, raised, tracker, scheduler, pull, idOf } = setup();
    const p1 = record('downgraded', {
      priority: 'P1',
      history: [{ at: NOW, status: 'new', priority: 'P1' }],
    });
    pull([p1]);
    tracker.start();
    scheduler.start();
    const responseBreaches = () =>
      raised.filter((alert) => alert.target === 'response' && alert.kind === 'breach');

    clock.advance(31 * MINUTE);
    expect(responseBreaches()).toEqual([
      expect.objectContaining({ ticketId: idOf('downgraded'), priority: 'P1', at: NOW + 30 * MINUTE }),
    ]);

    clock.advance(9 * MINUTE);
    const downgradedAt = clock.now();
    pull([
      {
        ...p1,
        priority: 'P3',
        updatedAt: downgradedAt,
        history: [...p1.history, { at: downgradedAt, priority: 'P3' }],
      },
    ]);
    // P3 responds within 4 working hours of the creation: 14:00 in Amsterdam.
    clock.advance(4 * HOUR - 40 * MINUTE + MINUTE);
    expect(responseBreaches()).toEqual([
      expect.objectContaining({ priority: 'P1', at: NOW + 30 * MINUTE }),
      expect.objectContaining({ priority: 'P3', at: NOW + 4 * HOUR }),
    ]);
  });
});
