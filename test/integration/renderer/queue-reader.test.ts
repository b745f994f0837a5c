// The UI's live refresh against the real core (queue handlers over a real SQLite file, through dispatch and the
// API client as the preload and the browser use them): it re-reads as many rows as were loaded, past the API's
// 1,000-row limit, in the queue's current order, and stops when its answer is no longer wanted.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type PiketApi, type PiketHandlers } from '../../../src/api';
import { dispatch } from '../../../src/api/dispatch';
import { queueHandlers } from '../../../src/core/queue';
import { CoreScheduler } from '../../../src/core/core-scheduler';
import { Escalation } from '../../../src/core/escalation';
import { SlaTracker } from '../../../src/core/sla-tracker';
import type { TicketRecord } from '../../../src/domain/ticket';
import { DEFAULT_CONTRACTS } from '../../../src/sla/contracts';
import { AlertLog } from '../../../src/store/alert-log';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { OutboxStore } from '../../../src/store/outbox-store';
import { PullStore } from '../../../src/store/pull-store';
import { NO_DEADLINE, TicketStore } from '../../../src/store/ticket-store';
import { readFromStart } from '../../../renderer/src/state/queue-reader';
import { createFakeClock } from '../../support/fake-clock';
import { ticketRecord } from '../../support/records';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);
const MINUTE = 60_000;
const TICKETS = 1_500;
/** t0000…t1499, in queue order (same priority, one minute apart). */
const ROWS = Array.from({ length: TICKETS }, (_, i) => `t${String(i).padStart(4, '0')}`);

let close: () => void;
let db: Database.Database;
let store: TicketStore;
let api: PiketApi;
let calls: number;

function record(externalId: string, createdAt: number): TicketRecord {
  return ticketRecord({
    source: 'demo',
    externalId,
    customerExternalId: 'acme',
    createdAt,
    updatedAt: createdAt,
  });
}

beforeAll(() => {
  db = openDatabase(join(tempDir(), 'piket.db')).db;
  store = new TicketStore(db);
  const clock = createFakeClock(NOW);
  const tickets = ROWS.map((externalId, i) => record(externalId, NOW - (TICKETS - i) * MINUTE));
  new PullStore(db, clock).applyPage('demo', 'tickets', { customers: [], tickets }, 'c1');
  const scheduler = new CoreScheduler({ clock, fired: new AlertLog(db), log: () => undefined });
  const sla = new SlaTracker({
    store,
    clock,
    scheduler,
    contracts: DEFAULT_CONTRACTS,
    onAlerts: () => undefined,
    log: () => undefined,
  });
  // Only the queue methods are called here.
  const handlers = queueHandlers({
    tickets: store,
    outbox: new OutboxStore(db, createFakeClock(NOW)),
    sla,
    escalation: new Escalation({ sources: () => [], clock }),
    me: () => ['Sanne'],
  }) as PiketHandlers;
  api = createApiClient({
    call: (method, args) => {
      calls += 1;
      return dispatch(handlers, method, args);
    },
    subscribe: () => () => undefined,
  });
  close = () => {
    scheduler.stop();
    closeDatabase(db);
  };
});

afterAll(() => close());

async function read(wanted: () => number, current = () => true) {
  calls = 0;
  const result = await readFromStart(api.listQueue, { scope: 'open' }, wanted, current);
  if (result === null) return null;
  if (!result.ok) throw new Error(result.error.message);
  return { ids: result.value.tickets.map((t) => t.externalId), nextCursor: result.value.nextCursor };
}

function moveTo(externalId: string, dueSort: number): void {
  const id = db
    .prepare<[string], number>('SELECT id FROM ticket_effective WHERE external_id = ?')
    .pluck()
    .get(externalId)!;
  store.setDueSorts([{ id, dueSort }]);
}

describe('readFromStart', () => {
  it('re-reads all 1,400 loaded rows, past the 1,000-row limit of one call, and says more follow', async () => {
    const page = await read(() => 1_400);
    expect(page?.ids).toEqual(ROWS.slice(0, 1_400));
    expect(page?.nextCursor).toEqual(expect.any(String));
    expect(calls).toBe(2);
  });

  it('shows the current order: a row that moved to the front is in, the rows it displaced stay loaded', async () => {
    moveTo('t1450', NOW - MINUTE);
    try {
      const page = await read(() => 1_400);
      expect(page?.ids).toEqual(['t1450', ...ROWS.slice(0, 1_399)]);
      const rest = await api.listQueue({ scope: 'open', limit: 1_000, after: page!.nextCursor! });
      expect(rest.ok && rest.value.tickets.map((t) => t.externalId)).toEqual([
        ...ROWS.slice(1_399, 1_450),
        ...ROWS.slice(1_451),
      ]);
    } finally {
      moveTo('t1450', NO_DEADLINE);
    }
  });

  it('reads more when the list grew meanwhile, and stops at the end of the queue', async () => {
    let wanted = 1_000;
    const grown = await read(() => {
      const now = wanted;
      wanted = 1_200;
      return now;
    });
    expect(grown?.ids).toEqual(ROWS.slice(0, 1_200));

    expect(await read(() => 5_000)).toEqual({ ids: ROWS, nextCursor: null });
  });

  it('stops, with no answer, once the answer is no longer wanted', async () => {
    let current = true;
    const result = await read(
      () => 3_000,
      () => {
        const now = current;
        current = false;
        return now;
      },
    );
    expect(result).toBeNull();
    expect(calls).toBe(2);
  });
});
