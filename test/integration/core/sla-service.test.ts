// The SLA side of PiketService on a real data folder and the demo desk: clocks in the queue and the ticket pane,
// deadline order, the contracts file, and alerts raised once, late rather than never.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlaAlert, TicketSummary } from '../../../src/api';
import { openPiketService } from '../../../src/core/piket-service';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { PullStore } from '../../../src/store/pull-store';
import { createFakeClock } from '../../support/fake-clock';
import { customerRecord, ticketRecord } from '../../support/records';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const HOUR = 3_600_000;

function open(dataDir: string, clock = createFakeClock(NOW)) {
  return openPiketService({ dataDir, version: 'test', role: 'app', clock, syncIntervalMs: 24 * HOUR });
}

async function openQueue(service: ReturnType<typeof open>): Promise<TicketSummary[]> {
  return (await service.handlers.listQueue({ scope: 'open', sort: 'deadline', limit: 1000 })).tickets;
}

describe('SLA in the product', () => {
  it('gives every open ticket its clocks and sorts the queue by nearest deadline, breached first', async () => {
    const service = open(tempDir());
    try {
      await service.handlers.syncNow({});
      const queue = await openQueue(service);
      expect(queue.length).toBeGreaterThan(20);
      for (const ticket of queue) {
        expect(ticket.sla?.clocks.map((c) => c.target)).toEqual(
          expect.arrayContaining(['response', 'resolution']),
        );
      }
      const deadlines = queue.map((t) => t.sla?.nextDueAt ?? Number.MAX_SAFE_INTEGER);
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
      const overdue = queue.filter((t) => (t.sla?.nextDueAt ?? Infinity) <= NOW);
      expect(queue.slice(0, overdue.length)).toEqual(overdue);
    } finally {
      service.close();
    }
  });

  it('shows each clock with its timeline and policy in the ticket pane', async () => {
    const service = open(tempDir());
    try {
      await service.handlers.syncNow({});
      const [first] = await openQueue(service);
      const detail = await service.handlers.getTicket({ id: first!.id });
      expect(detail.policyName).toBeTruthy();
      const resolution = detail.clocks.find((c) => c.target === 'resolution')!;
      expect(resolution.segments[0]?.from).toBe(detail.createdAt);
      expect(resolution.timeZone).toMatch(/\//);
      expect(resolution.elapsedSeconds + resolution.remainingSeconds).toBeCloseTo(
        resolution.budgetSeconds,
        3,
      );
    } finally {
      service.close();
    }
  });

  it('keeps the last valid contracts when the file is broken, and applies a valid edit at once', async () => {
    const service = open(tempDir());
    try {
      await service.handlers.syncNow({});
      const view = await service.handlers.getContracts({});
      expect(view.error).toBeNull();
      const original = readFileSync(view.file, 'utf8');

      writeFileSync(view.file, original.replace('"P1"', '"P9"'));
      const broken = await service.handlers.reloadContracts({});
      expect(broken.error).toMatch(/P9|P1/);
      expect(broken.config).toEqual(view.config);

      const config = structuredClone(view.config) as unknown as {
        policies: Record<
          string,
          {
            priorities: Record<string, { response: string; resolution: string }>;
            security?: { plan?: string; patch?: string };
          }
        >;
      };
      for (const policy of Object.values(config.policies)) {
        for (const target of Object.values(policy.priorities)) {
          target.response = '1m';
          target.resolution = '2m';
        }
        policy.security = { ...policy.security, plan: '1m', patch: '2m' };
      }
      writeFileSync(view.file, JSON.stringify(config, null, 2));
      const fixed = await service.handlers.reloadContracts({});
      expect(fixed.error).toBeNull();
      const queue = await openQueue(service);
      const live = queue.filter((t) => t.sla?.nextDueAt !== null);
      expect(live.length).toBeGreaterThan(0);
      for (const ticket of live) expect(ticket.sla!.nextDueAt!).toBeLessThanOrEqual(NOW);
    } finally {
      service.close();
    }
  });

  it('raises each warning and breach once as time passes, and never again after a restart', async () => {
    const dataDir = tempDir();
    const clock = createFakeClock(NOW);
    const first = open(dataDir, clock);
    const raised: SlaAlert[] = [];
    first.on('slaAlerts', (alerts) => raised.push(...alerts));
    await first.handlers.syncNow({});
    first.start();
    const atStart = raised.length;
    clock.advance(12 * HOUR);
    expect(raised.length).toBeGreaterThan(atStart);
    for (const alert of raised) expect(alert.at).toBeLessThanOrEqual(clock.now());
    const keys = raised.map((a) => `${a.ticketId}:${a.target}:${a.kind}:${a.fraction}:${a.priority}`);
    expect(new Set(keys).size).toBe(keys.length);
    first.close();

    const second = open(dataDir, clock);
    const again: SlaAlert[] = [];
    second.on('slaAlerts', (alerts) => again.push(...alerts));
    second.start();
    const repeated = again.filter((a) =>
      keys.includes(`${a.ticketId}:${a.target}:${a.kind}:${a.fraction}:${a.priority}`),
    );
    expect(repeated).toEqual([]);
    second.close();
  });

  it('raises what fell due during sleep when the host says the machine woke up', async () => {
    const clock = createFakeClock(NOW);
    const service = open(tempDir(), clock);
    try {
      await service.handlers.syncNow({});
      const raised: SlaAlert[] = [];
      service.on('slaAlerts', (alerts) => raised.push(...alerts));
      service.start();
      raised.length = 0;
      clock.sleepTo(NOW + 3 * 24 * HOUR);
      expect(raised).toEqual([]);
      service.checkTime();
      expect(raised.length).toBeGreaterThan(0);
      expect(raised.every((a) => a.at <= clock.now())).toBe(true);
    } finally {
      service.close();
    }
  });

  it('keeps alerts raised while no UI listens for the next one that does', async () => {
    const clock = createFakeClock(NOW);
    const service = open(tempDir(), clock);
    try {
      await service.handlers.syncNow({});
      service.start();
      clock.advance(12 * HOUR);
      const late: SlaAlert[] = [];
      service.on('slaAlerts', (alerts) => late.push(...alerts));
      expect(late.length).toBeGreaterThan(0);
      const again: SlaAlert[] = [];
      service.on('slaAlerts', (alerts) => again.push(...alerts));
      expect(again).toEqual([]);
    } finally {
      service.close();
    }
  });
});

/** Stores, as a Piket from before the instant bounds could have, an open ticket no SLA deadline can be computed for. */
function storeTicketBeyondDeadlines(dataDir: string): void {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const updatedAt = NOW - HOUR;
    new PullStore(db, createFakeClock(NOW)).applyPage(
      'legacy',
      'tickets',
      {
        customers: [customerRecord({ source: 'legacy', externalId: 'acme', name: 'Acme', updatedAt })],
        tickets: [
          ticketRecord({
            source: 'legacy',
            externalId: 'L-broken',
            customerExternalId: 'acme',
            subject: 'Imported with a broken creation date',
            priority: 'P1',
            createdAt: 8.64e15 - HOUR,
            updatedAt,
          }),
        ],
      },
      'cursor-1',
    );
  } finally {
    closeDatabase(db);
  }
}

describe('a ticket whose SLA cannot be computed', () => {
  it('starts, shows that ticket as unavailable in the queue and the pane, and keeps every other SLA', async () => {
    const dataDir = tempDir();
    storeTicketBeyondDeadlines(dataDir);
    const clock = createFakeClock(NOW);
    const service = open(dataDir, clock);
    try {
      const raised: SlaAlert[] = [];
      service.on('slaAlerts', (alerts) => raised.push(...alerts));
      await service.handlers.syncNow({});
      await service.start();

      const queue = await openQueue(service);
      expect(queue.length).toBeGreaterThan(20);
      const unavailable = queue.filter((ticket) => ticket.slaError !== null);
      expect(unavailable.map((ticket) => ticket.externalId)).toEqual(['L-broken']);
      const broken = unavailable[0]!;
      expect(broken.sla).toBeNull();
      for (const ticket of queue) if (ticket !== broken) expect(ticket.sla).not.toBeNull();
      const deadlines = queue.map((t) => t.sla?.nextDueAt ?? Number.MAX_SAFE_INTEGER);
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));

      const detail = await service.handlers.getTicket({ id: broken.id });
      expect(detail).toMatchObject({ externalId: 'L-broken', sla: null, clocks: [] });
      expect(detail.slaError).toMatch(/\S/);

      clock.advance(12 * HOUR);
      expect(raised.length).toBeGreaterThan(0);
      expect(raised.filter((alert) => alert.ticketId === broken.id)).toEqual([]);
    } finally {
      service.close();
    }
  });
});
