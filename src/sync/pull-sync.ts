// Pulls every connector's pages into the store, page and cursor in one transaction, on a timer and on demand.
import type { SyncStatus } from '../api/contract';
import type { Clock, TimerHandle } from '../domain/clock';
import type { Connector } from '../connectors/connector';
import type { TicketStore } from '../store/ticket-store';
import { checkPage } from './page-check';

export const TICKETS_RESOURCE = 'tickets';
/** A round stops after this many pages so one busy connector cannot starve the others; the next round goes on. */
const MAX_PAGES_PER_ROUND = 200;
/** How many refused records a status message names before it only counts the rest. */
const NAMED_PROBLEMS = 3;

function describeProblems(label: string, problems: readonly string[]): string {
  const named = problems.slice(0, NAMED_PROBLEMS).join('; ');
  const more = problems.length > NAMED_PROBLEMS ? ` and ${problems.length - NAMED_PROBLEMS} more` : '';
  return `${label}: skipped ${problems.length} invalid record${problems.length === 1 ? '' : 's'} (${named}${more})`;
}

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
  private started = false;
  /** Set by close(): no new round starts and a round under way ends after its current page. */
  private closed = false;

  constructor(private readonly options: PullSyncOptions) {}

  getStatus(): SyncStatus {
    return this.status;
  }

  /** Starts periodic syncing, beginning with an immediate round. */
  start(): void {
    this.started = true;
    void this.syncNow();
  }

  /** Stops for good (the store is about to close). */
  close(): void {
    this.closed = true;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** Resolves once no round is under way (so a caller can change what is synced without racing it). */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /** Runs a round now, or joins the one under way. Never rejects: failures land in the status. */
  syncNow(): Promise<SyncStatus> {
    if (this.closed) return Promise.resolve(this.status);
    this.running ??= this.round().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  private schedule(): void {
    if (!this.started || this.closed) return;
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = this.options.clock.setTimer(() => void this.syncNow(), this.options.intervalMs);
  }

  private async round(): Promise<SyncStatus> {
    const { store, clock, connectors, onChanged } = this.options;
    this.setStatus({ ...this.status, state: 'syncing' });
    const failures: string[] = [];
    const warnings: string[] = [];
    for (const connector of connectors()) {
      const problems: string[] = [];
      try {
        let pages = 0;
        while (!this.closed) {
          const page = await connector.pull(store.getCursor(connector.source, TICKETS_RESOURCE));
          if (this.closed) break;
          const checked = checkPage(connector.source, page);
          problems.push(...checked.problems);
          const { changedTicketIds } = store.applyPullPage(
            connector.source,
            TICKETS_RESOURCE,
            checked,
            page.cursor,
          );
          if (changedTicketIds.length > 0) onChanged(changedTicketIds);
          pages += 1;
          if (!page.hasMore || pages >= MAX_PAGES_PER_ROUND) break;
        }
      } catch (error) {
        failures.push(`${connector.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (problems.length > 0) warnings.push(describeProblems(connector.label, problems));
    }
    const messages = [...failures, ...warnings];
    this.setStatus({
      state: messages.length === 0 ? 'idle' : 'error',
      lastSyncAt: failures.length === 0 ? clock.now() : this.status.lastSyncAt,
      message: messages.length === 0 ? null : messages.join('; '),
    });
    return this.status;
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
