// Piket in the test's own process against the loopback Zendesk, for the fault tests that need no kill: the whole
// service (openPiketService) on a real data folder and a fake clock that the server's clock follows (a given
// offset apart, for a laptop clock set wrong), so a test moves time for both and never waits on the wall clock.
import { afterEach, expect } from 'vitest';
import type { SyncStatus, TicketDetail } from '../../src/api/contract';
import { openPiketService, type PiketService } from '../../src/core/piket-service';
import type { TicketAction } from '../../src/domain/action';
import { createFakeClock, type FakeClock } from './fake-clock';
import { useTempDirs } from './temp-dir';
import {
  appliedMarkers,
  closeAccount,
  localView,
  prepareFolder,
  serverView,
  startAccount,
  TOKEN,
  TOKEN_ENV,
  type Account,
} from './zendesk-account';

export const NOW = Date.UTC(2026, 10, 20, 12);
const MINUTE = 60_000;

export interface PiketOnZendesk {
  account: Account;
  /** The laptop's clock; the server's runs `laptopAheadMs` behind it (until `setLaptopClock`). */
  clock: FakeClock;
  dataDir: string;
  service: PiketService;
  /** The user acts on a ticket by its Zendesk number; the change is recorded and its sending starts. */
  act(ticket: number, action: TicketAction): Promise<TicketDetail>;
  /** Syncs now (joining the round under way) and resolves with the status once it is over. */
  sync(): Promise<SyncStatus>;
  /** Moves both clocks (firing the laptop's due timers), then syncs. */
  advance(ms: number): Promise<SyncStatus>;
  /** Sets the laptop's clock `aheadMs` ahead of the server's (negative: behind), as a correction does. */
  setLaptopClock(aheadMs: number): void;
  /** The update requests (PUT) the server received so far, answered or not. */
  updates(): number;
  /**
   * Lets the server's one-minute export lag pass and syncs until nothing is left to send or confirm, then checks
   * that the database equals the server, the outbox is empty, and each change was applied once.
   */
  expectSettled(changes: number): Promise<void>;
}

export interface PiketOptions {
  tickets: number;
  pageSize: number;
  /** How far the laptop's clock runs ahead of the server's (negative: behind); 0 by default. */
  laptopAheadMs?: number;
}

/** Opens Piket on a fresh folder connected to a fresh seeded account; both are closed after each test. */
export function usePiketOnZendesk(): (options: PiketOptions) => Promise<PiketOnZendesk> {
  const tempDir = useTempDirs('piket-sync-faults-');
  const open: Array<{ service: PiketService; account: Account }> = [];
  afterEach(async () => {
    for (const { service, account } of open.splice(0)) {
      service.close();
      await closeAccount(account);
    }
  });

  return async ({ tickets, pageSize, laptopAheadMs = 0 }) => {
    const clock = createFakeClock(NOW + laptopAheadMs);
    let ahead = laptopAheadMs;
    const account = await startAccount({ tickets, now: () => clock.now() - ahead });
    const dataDir = tempDir();
    prepareFolder(dataDir, account.url, pageSize, clock.now());
    const service = openPiketService({
      dataDir,
      version: 'fault-tests',
      role: 'app',
      clock,
      env: { [TOKEN_ENV]: TOKEN },
    });
    open.push({ service, account });
    const sync = async (): Promise<SyncStatus> => service.handlers.syncNow({});
    return {
      account,
      clock,
      dataDir,
      service,
      act: async (ticket, action) => {
        const { id } = await service.handlers.findTicket({ ref: String(ticket) });
        return service.handlers.actOnTicket({ id, action });
      },
      sync,
      advance: (ms) => {
        clock.advance(ms);
        return sync();
      },
      setLaptopClock: (aheadMs) => {
        const serverNow = clock.now() - ahead;
        ahead = aheadMs;
        clock.jumpTo(serverNow + aheadMs);
      },
      updates: () => account.server.requests.filter((request) => request.method === 'PUT').length,
      expectSettled: async (changes) => {
        let status = await sync();
        for (let round = 0; round < 5 && (round === 0 || localView(dataDir).outbox > 0); round++) {
          clock.advance(2 * MINUTE);
          status = await sync();
        }
        expect(status.connections[0]).toMatchObject({ state: 'idle', waiting: 0, problems: 0 });
        expect(localView(dataDir)).toEqual({ tickets: serverView(account.state), outbox: 0 });
        const markers = appliedMarkers(account.state);
        expect(markers).toHaveLength(changes);
        expect(new Set(markers).size).toBe(changes);
      },
    };
  };
}
