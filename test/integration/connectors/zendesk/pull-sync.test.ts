// The real PullSync with the Zendesk connector, from the loopback Zendesk into a real SQLite file: the queue holds
// every ticket with its notes, first response and reported history, and a later round brings changes and deletions.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/api';
import { closeDatabase, openDatabase } from '../../../../src/store/database';
import { OutboxStore } from '../../../../src/store/outbox-store';
import { PullStore } from '../../../../src/store/pull-store';
import { TicketStore, type StoredDetail } from '../../../../src/store/ticket-store';
import { PullSync } from '../../../../src/sync/pull-sync';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir';
import {
  build,
  expectedFirstResponse,
  expectedNotes,
  expectedStatus,
  later,
  NOW,
  SOURCE,
  startDesk,
  type Desk,
} from './support';

const tempDir = useTempDirs('piket-zendesk-sync-');
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

async function syncInto(desk: Desk, login = 'admin@helpdesk.example') {
  const { db } = openDatabase(join(tempDir(), 'piket.db'));
  closers.push(() => closeDatabase(db));
  const clock = createFakeClock(NOW);
  const { connector } = build({ url: desk.server.url, login, options: { pageSize: 20 } }, undefined, clock);
  const statuses: SyncStatus[] = [];
  const sync = new PullSync({
    store: new PullStore(db, clock),
    outbox: new OutboxStore(db, clock),
    clock,
    connectors: () => [connector],
    intervalMs: () => 30_000,
    appVersion: '0.0.0-test',
    onChanged: () => undefined,
    onStatus: (status) => statuses.push(status),
  });
  closers.unshift(() => sync.close());
  const tickets = new TicketStore(db, clock);
  const ids = db.prepare<[string], { id: number }>('SELECT id FROM ticket_effective WHERE source = ?');
  /** What the UI reads of each ticket of the connection, by its Zendesk number. */
  const queue = (): Map<string, StoredDetail> =>
    new Map(
      ids.all(SOURCE).map(({ id }) => {
        const detail = tickets.getTicket(id)!;
        return [detail.externalId, detail];
      }),
    );
  return { sync, queue, statuses };
}

describe('PullSync with the Zendesk connector into SQLite', () => {
  it('an admin round fills the queue with every ticket, its notes, first response and exact history', async () => {
    const desk = await startDesk({ tickets: 50 });
    const { sync, queue } = await syncInto(desk);

    const status = await sync.syncNow();

    expect(status.connections[0]).toMatchObject({
      source: SOURCE,
      state: 'idle',
      message: null,
      rejected: 0,
    });
    const stored = queue();
    expect([...stored.keys()].sort()).toEqual([...desk.state.tickets.keys()].map(String).sort());
    for (const ticket of desk.state.tickets.values()) {
      const detail = stored.get(String(ticket.id))!;
      expect(detail.status).toBe(expectedStatus(ticket.status));
      expect(detail.slaTicket.approximate).toBe(false);
      const audits = desk.state.auditsOf(ticket.id);
      expect(detail.notes.map((note) => note.public)).toEqual(
        expectedNotes(audits).map((note) => note.public),
      );
      expect(detail.firstResponseAt).toBe(expectedFirstResponse(desk, audits));
      expect(detail.customer.name).toBe(
        ticket.organizationId === null
          ? 'No organization'
          : desk.state.organizations.get(ticket.organizationId)!.name,
      );
    }
  });

  it('the next round brings a status change with its note and takes a deleted ticket out of the queue', async () => {
    const desk = await startDesk({ tickets: 20 });
    const { sync, queue } = await syncInto(desk);
    await sync.syncNow();
    const [changed, deleted] = [...desk.state.tickets.values()].filter((t) => t.status === 'open');

    later(desk, () => {
      desk.state.updateTicket(
        changed!.id,
        { status: 'pending', comment: { body: 'Which browser do you use?', public: true } },
        { by: desk.account.agent.id },
      );
      desk.state.deleteTicket(deleted!.id, { by: desk.account.admin.id });
    });
    const status = await sync.syncNow();

    expect(status.connections[0]).toMatchObject({ state: 'idle', message: null });
    const stored = queue();
    expect(stored.has(String(deleted!.id))).toBe(false);
    const detail = stored.get(String(changed!.id))!;
    expect(detail.status).toBe('waiting_on_customer');
    expect(detail.slaTicket.changes.at(-1)).toEqual({
      at: desk.now() - 2 * 60_000,
      status: 'waiting_on_customer',
    });
    expect(detail.notes.at(-1)).toMatchObject({
      author: desk.account.agent.name,
      body: 'Which browser do you use?',
      public: true,
    });
  });

  it('an agent round (search export) fills the same queue', async () => {
    const desk = await startDesk({ tickets: 25 });
    const { sync, queue } = await syncInto(desk, 'agent@helpdesk.example');

    const status = await sync.syncNow();

    expect(status.connections[0]).toMatchObject({ state: 'idle', message: null, rejected: 0 });
    const stored = queue();
    expect(stored.size).toBe(25);
    for (const detail of stored.values()) expect(detail.slaTicket.approximate).toBe(false);
  });
});
