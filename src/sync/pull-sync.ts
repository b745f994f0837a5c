// Syncs every connection: first sends the user's changes (push-sync.ts), then pulls its resources into the store,
// each page with its cursor in one transaction; and decides when each connection syncs next: on start, every
// interval, at once after a round cut short by the page limit, on "sync now", on wake or reconnect, right after the
// user changed one of its tickets, and after a failure as its class says (wait as a rate limit asks; back off
// exponentially with full jitter; stop on a refused token until the user syncs again).
import type { ConnectionSyncState, ConnectionSyncStatus, SyncStatus } from '../api/contract';
import { ConnectorError, type ConnectionIdentity, type Connector } from '../connectors/connector';
import type { Clock, TimerHandle } from '../domain/clock';
import type { OutboxStore } from '../store/outbox-store';
import type { PullStore, RefusalSummary } from '../store/pull-store';
import { withDeadline } from './deadline';
import { checkPage } from './page-check';
import { PushSync } from './push-sync';

/** The resource tickets come from, for a connector that has one resource. */
export const TICKETS_RESOURCE = 'tickets';
/** Pages of one resource per round, so one busy connection cannot starve the others; the next round goes on at once. */
export const MAX_PAGES_PER_ROUND = 200;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Full-jitter exponential backoff: the n-th failure in a row waits a random share of min(cap, base·2^(n-1)). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** How many refused records a status message names before it only counts the rest. */
const NAMED_REFUSALS = 3;

export interface PullSyncOptions {
  store: PullStore;
  /** The user's changes, sent before each connection pulls. */
  outbox: OutboxStore;
  clock: Clock;
  connectors: () => readonly Connector[];
  /** Between two syncs of a healthy connection; asked at the end of each round. */
  intervalMs: () => number;
  /** Recorded with refused records; a different version re-fetches them (PullStore.resetAfterUpgrade). */
  appVersion: string;
  /** How long one call may take; default 60 s. */
  requestTimeoutMs?: number;
  /** A number in [0, 1) for the backoff's jitter; default Math.random. */
  random?: () => number;
  onChanged: (ticketIds: number[]) => void;
  onStatus: (status: SyncStatus) => void;
  /** Whether a connection still needs asking who it acts as; it is asked (whoAmI) before it syncs. */
  needsIdentity?: (source: string) => boolean;
  onIdentity?: (source: string, identity: ConnectionIdentity) => void;
}

/** What PullSync remembers of one connection between rounds. */
interface Connection {
  state: ConnectionSyncState;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** The last failure in words, until a round succeeds. */
  failure: string | null;
  /** Failures in a row. */
  failures: number;
  /** When it pulls next; null while stopped. */
  dueAt: number | null;
  /** A rate limit's end: no trigger pulls before it. */
  notBefore: number;
}

function describeRefusals({ count, first }: RefusalSummary): string | null {
  if (count === 0) return null;
  const named = first.map(({ kind, externalId, reason }) => `${kind} ${externalId || '(no id)'}: ${reason}`);
  const more = count > named.length ? ` and ${count - named.length} more` : '';
  return `${count} record${count === 1 ? '' : 's'} refused and kept aside (${named.join('; ')}${more})`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class PullSync {
  private status: SyncStatus = { state: 'idle', lastSyncAt: null, message: null, connections: [] };
  private readonly connections = new Map<string, Connection>();
  private running: Promise<SyncStatus> | null = null;
  private timer: TimerHandle | null = null;
  private started = false;
  /** Aborted by close(): every call under way stops, no new round starts, nothing more is stored. */
  private readonly lifetime = new AbortController();

  private readonly pusher: PushSync;
  /** The latest instant the clock showed; a reading before it means the clock was set back. */
  private latest = 0;

  constructor(private readonly options: PullSyncOptions) {
    this.pusher = new PushSync({
      outbox: options.outbox,
      store: options.store,
      clock: options.clock,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      backoffMs: (failures) => this.backoffMs(failures),
      onChanged: options.onChanged,
    });
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  /** Starts periodic syncing, beginning with an immediate round. */
  start(): void {
    this.started = true;
    void this.run();
  }

  /** Stops for good (the store is about to close): aborts the calls under way. */
  close(): void {
    if (this.timer) this.options.clock.clearTimer(this.timer);
    this.timer = null;
    this.lifetime.abort(new Error('Piket is shutting down'));
  }

  /** Resolves once no round is under way (so a caller can change what is synced without racing it). */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /**
   * The user asked (or a connection's settings changed): every connection syncs now, a stopped one too, with the
   * changes that wait out a backoff, except while a rate limit lasts. Joins the round under way; once started, a connection that round had already passed
   * pulls again right after it, on the timer. Never rejects: failures land in the status.
   */
  syncNow(): Promise<SyncStatus> {
    for (const connector of this.options.connectors()) this.options.outbox.retryNow(connector.source);
    this.makeDue(() => true);
    return this.run();
  }

  /**
   * The machine woke from sleep or the network came back: every connection pulls now, without waiting for its
   * backoff, except a stopped one and while a rate limit lasts.
   */
  wake(): Promise<SyncStatus> {
    this.makeDue((connection) => connection.dueAt !== null);
    return this.run();
  }

  /**
   * The user changed a ticket of `source`: that connection sends it (and pulls) now, unless it is stopped or a rate
   * limit lasts; an offline one waits for its next attempt.
   */
  changeMade(source: string): void {
    const connection = this.connections.get(source);
    if (!connection || connection.dueAt === null || connection.state === 'offline') {
      this.publish(this.options.connectors(), this.running !== null);
      return;
    }
    connection.dueAt = Math.max(this.now(), connection.notBefore);
    void this.run();
  }

  /**
   * The clock's reading. When the clock was set back (corrected) since the last reading, every wait moves back by
   * as much, so a backoff or a rate limit lasts as long as it was meant to, not a day longer (invariant 4).
   */
  private now(): number {
    const now = this.options.clock.now();
    const back = this.latest - now;
    if (back > 0) {
      for (const connection of this.connections.values()) {
        if (connection.dueAt !== null) connection.dueAt -= back;
        connection.notBefore = Math.max(0, connection.notBefore - back);
      }
      this.options.outbox.moveWaitsBack(back);
    }
    this.latest = now;
    return now;
  }

  private get closed(): boolean {
    return this.lifetime.signal.aborted;
  }

  private makeDue(which: (connection: Connection) => boolean): void {
    const now = this.now();
    for (const connection of this.connections.values()) {
      if (which(connection)) connection.dueAt = Math.max(now, connection.notBefore);
    }
  }

  private run(): Promise<SyncStatus> {
    if (this.closed) return Promise.resolve(this.status);
    this.running ??= this.rounds().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** Arms the timer for the connection due first (at once when one is already due). */
  private schedule(): void {
    if (!this.started || this.closed) return;
    const { clock } = this.options;
    if (this.timer) clock.clearTimer(this.timer);
    const now = this.now();
    const dues = [...this.connections.values()].flatMap((c) => (c.dueAt === null ? [] : [c.dueAt]));
    const next = dues.length > 0 ? Math.min(...dues) : now + this.options.intervalMs();
    this.timer = clock.setTimer(() => void this.run(), Math.max(0, next - now));
  }

  private connectionOf(connector: Connector): Connection {
    let connection = this.connections.get(connector.source);
    if (!connection) {
      connection = {
        state: 'idle',
        lastSuccessAt: null,
        lastAttemptAt: null,
        failure: null,
        failures: 0,
        dueAt: this.now(),
        notBefore: 0,
      };
      this.connections.set(connector.source, connection);
    }
    return connection;
  }

  /** Rounds until no connection was cut short by the page limit: such a one goes on at once, not an interval later. */
  private async rounds(): Promise<SyncStatus> {
    while ((await this.round()) && !this.closed);
    return this.status;
  }

  /** Pulls every connection that is due; true when one stopped at the page limit with more to pull. */
  private async round(): Promise<boolean> {
    const connectors = this.options.connectors();
    const sources = new Set(connectors.map((connector) => connector.source));
    for (const source of this.connections.keys()) if (!sources.has(source)) this.connections.delete(source);
    // A connection seen for the first time is due from the moment it is known, which must not be after `now`.
    for (const connector of connectors) this.connectionOf(connector);
    const now = this.now();
    const due = connectors.filter((connector) => {
      const { dueAt } = this.connectionOf(connector);
      return dueAt !== null && dueAt <= now;
    });
    if (due.length > 0) {
      for (const connector of due) this.connectionOf(connector).state = 'syncing';
      this.publish(connectors, true);
    }
    let cutShort = false;
    for (const connector of due) {
      if (this.closed) break;
      cutShort = (await this.pullConnection(connector)) || cutShort;
    }
    if (!this.closed) this.publish(connectors, false);
    return cutShort;
  }

  /** Pulls each resource of one connection; true when one stopped at the page limit. */
  private async pullConnection(connector: Connector): Promise<boolean> {
    const { clock, store, appVersion } = this.options;
    const connection = this.connectionOf(connector);
    connection.lastAttemptAt = this.now();
    try {
      store.resetAfterUpgrade(connector.source, appVersion);
      if (this.options.needsIdentity?.(connector.source)) {
        const identity = await withDeadline(
          {
            clock,
            timeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
            signal: this.lifetime.signal,
            callee: connector.label,
          },
          (signal) => connector.whoAmI({ signal }),
        );
        this.options.onIdentity?.(connector.source, identity);
      }
      await this.pusher.push(connector, this.lifetime.signal);
      if (this.closed) return false;
      let cutShort = false;
      for (const resource of connector.resources) {
        cutShort = (await this.pullResource(connector, resource)) || cutShort;
        if (this.closed) return false;
      }
      const now = this.now();
      Object.assign(connection, {
        state: 'idle',
        lastSuccessAt: now,
        failure: null,
        failures: 0,
        dueAt: cutShort ? now : now + this.options.intervalMs(),
      });
      return cutShort;
    } catch (error) {
      if (!this.closed) this.fail(connector, connection, error);
      return false;
    }
  }

  /** Pulls pages of one resource until it has no more, or the page limit; true when cut short by the limit. */
  private async pullResource(connector: Connector, resource: string): Promise<boolean> {
    const { store, clock, appVersion, onChanged } = this.options;
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    for (let pages = 1; ; pages++) {
      const cursor = store.getCursor(connector.source, resource);
      const page = await withDeadline(
        { clock, timeoutMs, signal: this.lifetime.signal, callee: connector.label },
        (signal) => connector.pull(resource, cursor, { signal }),
      );
      if (this.closed) return false;
      const checked = checkPage(connector.source, connector.label, page);
      if (page.hasMore && page.cursor === cursor) {
        throw new ConnectorError(
          'protocol',
          `${connector.label} said more ${resource} were ready but handed back the same cursor; ` +
            'Piket stopped pulling them so as not to loop.',
        );
      }
      const { changedTicketIds } = store.applyPage(connector.source, resource, checked.page, page.cursor, {
        appVersion,
        records: checked.refused,
      });
      if (changedTicketIds.length > 0) onChanged(changedTicketIds);
      if (!page.hasMore) return false;
      if (pages >= MAX_PAGES_PER_ROUND) return true;
    }
  }

  private fail(connector: Connector, connection: Connection, error: unknown): void {
    const now = this.now();
    const kind = error instanceof ConnectorError ? error.kind : 'transient';
    connection.failures += 1;
    connection.failure = messageOf(error);
    switch (kind) {
      case 'auth':
      case 'permission':
        connection.state = 'stopped';
        connection.dueAt = null;
        connection.failure = `${messageOf(error)} Pulling from ${connector.label} is paused until you sync again or change the connection.`;
        return;
      case 'rate_limited': {
        const retryAfterMs = error instanceof ConnectorError ? error.retryAfterMs : undefined;
        connection.state = 'error';
        connection.notBefore = now + (retryAfterMs ?? this.backoffMs(connection.failures));
        connection.dueAt = connection.notBefore;
        return;
      }
      default:
        connection.state = kind === 'network' ? 'offline' : 'error';
        connection.dueAt = now + this.backoffMs(connection.failures);
    }
  }

  private backoffMs(failures: number): number {
    const random = this.options.random ?? Math.random;
    return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1)));
  }

  private publish(connectors: readonly Connector[], syncing: boolean): void {
    const connections = connectors.map((connector): ConnectionSyncStatus => {
      const connection = this.connectionOf(connector);
      const refusals = this.options.store.refusals(connector.source, NAMED_REFUSALS);
      const messages = [connection.failure, describeRefusals(refusals)].filter((m) => m !== null);
      const retrying = connection.state === 'error' || connection.state === 'offline';
      const outbox = this.options.outbox.counts(connector.source);
      return {
        source: connector.source,
        label: connector.label,
        state: connection.state,
        lastSuccessAt: connection.lastSuccessAt,
        lastAttemptAt: connection.lastAttemptAt,
        message: messages.length > 0 ? messages.join('; ') : null,
        rejected: refusals.count,
        nextAttemptAt: retrying ? connection.dueAt : null,
        ...outbox,
      };
    });
    const successes = connections.map((connection) => connection.lastSuccessAt);
    // Changes refused or in conflict wait for the user (counted in `problems`); syncing itself went fine.
    const troubled = connections.some((c) => c.state !== 'idle' || c.rejected > 0);
    const messages = connections.flatMap((c) => (c.message === null ? [] : [`${c.label}: ${c.message}`]));
    this.status = {
      state: syncing ? 'syncing' : troubled ? 'error' : 'idle',
      lastSyncAt:
        connections.length === 0
          ? this.status.lastSyncAt
          : successes.every((at) => at !== null)
            ? Math.min(...successes)
            : null,
      message: messages.length > 0 ? messages.join('; ') : null,
      connections,
    };
    this.options.onStatus(this.status);
  }
}
