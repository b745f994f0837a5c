// Pulls every connector's pages into the store, page and cursor in one transaction, on a timer and on demand.
import type { SyncStatus } from '../api/contract';
import type { Clock, TimerHandle } from '../domain/clock';
import type { Connector } from '../connectors/connector';
import type { TicketStore } from '../store/ticket-store';

export const TICKETS_RESOURCE = 'tickets';
/** A round stops after this many pages so one busy connector cannot starve the others; the next round goes on. */
const MAX_PAGES_PER_ROUND = 200;

export interface PullSyncOptions {
  store: TicketStore;
  clock: Clock;
  connectors: () => readonly Connector[];
  intervalMs: number;
  onChanged: (ticketIds: number[]) => void;
  onStatus: (status: SyncStatus) => void;
}

export class PullSync {
  private status: SyncStatus = { state: 'idle', lastSyncAt: null, message: null };
  private running: Promise<SyncStatus> | null = null;
  private timer: TimerHandle | null = null;
  private stopped = true;

  constructor(private readonly options: PullSyncOptions) {}

  getStatus(): SyncStatus {
    return this.status;
  }

  /** Starts periodic syncing, beginning with an immediate round. */
  start(): void {
    this.stopped = false;
    void this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** Resolves once no round is under way (so a caller can change what is synced without racing it). */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /** Runs a round now, or joins the one under way. Never rejects: failures land in the status. */
  syncNow(): Promise<SyncStatus> {
    this.running ??= this.round().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = this.options.clock.setTimer(() => void this.syncNow(), this.options.intervalMs);
  }

  private async round(): Promise<SyncStatus> {
    const { store, clock, connectors, onChanged } = this.options;
    this.setStatus({ ...this.status, state: 'syncing' });
    const failures: string[] = [];
    for (const connector of connectors()) {
      try {
        let pages = 0;
        for (;;) {
          const page = await connector.pull(store.getCursor(connector.source, TICKETS_RESOURCE));
          const { changedTicketIds } = store.applyPullPage(
            connector.source,
            TICKETS_RESOURCE,
            page,
            page.cursor,
          );
          if (changedTicketIds.length > 0) onChanged(changedTicketIds);
          pages += 1;
          if (!page.hasMore || pages >= MAX_PAGES_PER_ROUND) break;
        }
      } catch (error) {
        failures.push(`${connector.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.setStatus(
      failures.length === 0
        ? { state: 'idle', lastSyncAt: clock.now(), message: null }
        : { state: 'error', lastSyncAt: this.status.lastSyncAt, message: failures.join('; ') },
    );
    return this.status;
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
