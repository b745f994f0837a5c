// Piket killed with SIGKILL at chosen points while it syncs with the loopback Zendesk: a real child process
// (test/support/sync-child.ts) on a real data folder, held at the chosen request by a server fault, killed there,
// and started again on the same folder (as a process, or in this one where only the kill needs a process). Each test ends by comparing the folder's database with the server's state
// (every ticket's status, priority, assignee and notes; the outbox empty) and, for changes, by checking on the
// server that each one was applied exactly once (one audit per change marker, one comment per note).
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../src/api/contract';
import { openPiketService } from '../../../../src/core/piket-service';
import type { TicketAction } from '../../../../src/domain/action';
import type { Priority } from '../../../../src/domain/ticket';
import { createFakeClock } from '../../../support/fake-clock';
import { usePiketChildren, type PiketChild } from '../../../support/sync-children';
import { useTempDirs } from '../../../support/temp-dir';
import {
  actionableTickets,
  appliedMarkers,
  closeAccount,
  commentsWithBody,
  localView,
  prepareFolder,
  serverView,
  startAccount,
  TOKEN,
  TOKEN_ENV,
  type Account,
  type TicketActionRef,
} from '../../../support/zendesk-account';

const tempDir = useTempDirs('piket-sync-kill-');
const startChild = usePiketChildren();
const NOW = Date.UTC(2026, 10, 20, 12);
const MINUTE = 60_000;
/** Long enough never to end by itself: every held request ends by release or by its client dying. */
const HOLD_MS = 600_000;
const TICKET_EXPORT = '/api/v2/incremental/tickets/cursor';
const EVENT_EXPORT = '/api/v2/incremental/ticket_events';
const TICKET_UPDATE = /^\/api\/v2\/tickets\/\d+$/;
const accounts: Account[] = [];
afterEach(async () => {
  await Promise.all(accounts.splice(0).map(closeAccount));
});

interface Setup {
  account: Account;
  dataDir: string;
  /** Moves the server's clock (its exports leave out the last minute). */
  advanceServer(ms: number): void;
  start(): Promise<PiketChild>;
  /** Piket started again on the folder in this process. */
  restartHere(): Piket;
}

/** What `finish` needs of a Piket, in a child process or in this one. */
interface Piket {
  sync(): Promise<SyncStatus>;
  close(): Promise<void>;
}

async function setup(tickets: number, pageSize: number): Promise<Setup> {
  let serverNow = NOW;
  const account = await startAccount({ tickets, now: () => serverNow });
  accounts.push(account);
  const dataDir = tempDir();
  prepareFolder(dataDir, account.url, pageSize, NOW);
  return {
    account,
    dataDir,
    advanceServer: (ms) => {
      serverNow += ms;
    },
    start: () => startChild({ dataDir, now: NOW }),
    restartHere: () => {
      const service = openPiketService({
        dataDir,
        version: 'fault-tests',
        role: 'app',
        clock: createFakeClock(NOW),
        env: { [TOKEN_ENV]: TOKEN },
      });
      return {
        sync: () => Promise.resolve(service.handlers.syncNow({})),
        close: () => Promise.resolve(service.close()),
      };
    },
  };
}

/**
 * Syncs (sending what is left), lets the server's one-minute export lag pass, syncs again (pulling what was sent)
 * and ends the process cleanly.
 */
async function finish(test: Setup, piket: Piket): Promise<void> {
  await piket.sync();
  test.advanceServer(2 * MINUTE);
  const status = await piket.sync();
  expect(status.connections[0]).toMatchObject({ state: 'idle', waiting: 0, problems: 0, message: null });
  await piket.close();
}

function expectInSync(test: Setup): void {
  expect(localView(test.dataDir)).toEqual({ tickets: serverView(test.account.state), outbox: 0 });
}

function updates(test: Setup): number {
  return test.account.server.requests.filter((r) => r.method === 'PUT').length;
}

function otherPriority(priority: string | null): Priority {
  return priority === 'urgent' ? 'P4' : 'P1';
}

// Each test starts two or three processes that load the whole service: more than the default 30 s on a busy machine.
describe('SIGKILL while syncing with Zendesk', { timeout: 60_000 }, () => {
  it('invariant 3: killed mid-page (tickets, then events), a restart resumes at the last saved cursor and the database equals the server', async () => {
    const test = await setup(200, 40);
    const { server } = test.account;

    const heldTickets = server.faults.inject(
      { method: 'GET', path: TICKET_EXPORT, skip: 3 },
      { kind: 'delay', ms: HOLD_MS },
    );
    const first = await test.start();
    const firstSync = first.sync();
    await heldTickets.held;
    await first.kill();
    await expect(firstSync).rejects.toThrow(/exited \(SIGKILL\)/);
    // Three whole pages were saved with their cursor; nothing of the page under way.
    expect(localView(test.dataDir).tickets).toHaveLength(120);

    const before = server.requests.length;
    const heldEvents = server.faults.inject(
      { method: 'GET', path: EVENT_EXPORT, skip: 2 },
      { kind: 'delay', ms: HOLD_MS },
    );
    const second = await test.start();
    const secondSync = second.sync();
    await heldEvents.held;
    await second.kill();
    await expect(secondSync).rejects.toThrow(/exited \(SIGKILL\)/);
    const resumed = server.requests.slice(before).find((r) => r.path === TICKET_EXPORT)!;
    expect(resumed.query).toMatch(/[?&]cursor=/);
    expect(resumed.query).not.toMatch(/start_time=/);

    const third = await test.start();
    await finish(test, third);
    expectInSync(test);
  });

  it('invariant 7: killed after Zendesk applied a note and before Piket saved the answer, the restart finds it by its marker and sends everything else once', async () => {
    const test = await setup(30, 50);
    const [a, b, c, d, e] = actionableTickets(test.account.state, 5);
    const first = await test.start();
    await first.sync();

    const lostNote = 'Customer confirmed the workaround (answer lost)';
    const actions: TicketActionRef[] = [
      { ref: String(b!.id), action: { kind: 'status', status: 'waiting_on_customer' } },
      { ref: String(a!.id), action: { kind: 'note', body: lostNote } },
      { ref: String(c!.id), action: { kind: 'priority', priority: otherPriority(c!.priority) } },
      { ref: String(a!.id), action: { kind: 'note', body: 'Second note on the same ticket' } },
      { ref: String(d!.id), action: { kind: 'note', body: 'Note on another ticket' } },
      { ref: String(e!.id), action: { kind: 'ack' } },
    ];
    // The second update runs on the server; its answer is held until the process is gone.
    const held = test.account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE, skip: 1 },
      { kind: 'delay', ms: HOLD_MS, after: true },
    );
    await first.act(actions);
    await held.held;
    await first.kill();
    expect(commentsWithBody(test.account.state, lostNote)).toBe(1);

    await finish(test, test.restartHere());
    expect(commentsWithBody(test.account.state, lostNote)).toBe(1);
    expect(updates(test)).toBe(actions.length);
    const markers = appliedMarkers(test.account.state);
    expect(new Set(markers).size).toBe(actions.length);
    expect(markers).toHaveLength(actions.length);
    expectInSync(test);
  });

  it('invariant 7: killed mid-outbox after the 7th update was answered, each of 20 notes reaches Zendesk exactly once, in per-ticket order', async () => {
    const test = await setup(30, 50);
    const tickets = actionableTickets(test.account.state, 5);
    const first = await test.start();
    await first.sync();

    const notes = (ticket: number): string[] =>
      [1, 2, 3, 4].map((n) => `Train note ${n} on ticket ${ticket}`);
    const actions: TicketActionRef[] = [1, 2, 3, 4].flatMap((n) =>
      tickets.map((ticket) => ({
        ref: String(ticket.id),
        action: { kind: 'note', body: notes(ticket.id)[n - 1]! } satisfies TicketAction,
      })),
    );
    const commentsBefore = new Map(
      tickets.map((ticket) => [ticket.id, test.account.state.commentsOf(ticket.id).length]),
    );
    // The 8th update is held before it runs: seven are applied and answered, the 8th is on its way.
    const held = test.account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE, skip: 7 },
      { kind: 'delay', ms: HOLD_MS },
    );
    await first.act(actions);
    await held.held;
    await first.kill();
    expect(appliedMarkers(test.account.state)).toHaveLength(7);

    await finish(test, test.restartHere());
    for (const ticket of tickets) {
      const added = test.account.state
        .commentsOf(ticket.id)
        .slice(commentsBefore.get(ticket.id))
        .map((comment) => comment.body);
      expect(added).toEqual(notes(ticket.id));
    }
    const markers = appliedMarkers(test.account.state);
    expect(new Set(markers).size).toBe(20);
    expect(markers).toHaveLength(20);
    expectInSync(test);
  });
});
