// Keeps the SLA side of the queue current: computes clocks with the active contracts, stores each ticket's
// nearest deadline for the queue order, feeds the deadline scheduler, and turns due events into alerts.
import type { ClockBrief, SlaAlert, SlaBrief, TicketDetail, TicketSummary } from '../api/contract';
import type { Clock } from '../domain/clock';
import { isOpenStatus } from '../domain/ticket';
import { notifiesWarnings, p1Moments } from '../alerts/policy';
import type { ScheduledEvent } from '../alerts/scheduler';
import type { SlaClock, SlaTarget, SlaTicket } from '../sla/clock-types';
import { computeClocks } from '../sla/clocks';
import {
  compileContracts,
  type CompiledContracts,
  type ContractsConfig,
  type ResolvedPolicy,
} from '../sla/contracts';
import type { CoreScheduler, ScheduleChannel } from './core-scheduler';
import {
  NO_DEADLINE,
  type SlaInput,
  type StoredDetail,
  type StoredSummary,
  type TicketStore,
} from '../store/ticket-store';

/** A moment of a ticket worth a person's attention: an SLA threshold or breach, or a P1 awaiting acknowledgement. */
type AlertEvent = ScheduledEvent &
  ({ type: 'sla'; alert: Omit<SlaAlert, 'at' | 'key'> } | { type: 'p1'; alert: Omit<P1Alert, 'at'> });
type SlaEvent = Extract<AlertEvent, { type: 'sla' }>;

/** A P1 that waits for acknowledgement: its arrival (round 0) or the n-th reminder. */
export interface P1Alert {
  key: string;
  ticketId: number;
  source: string;
  externalId: string;
  subject: string;
  round: number;
  at: number;
}

/** One ticket's SLA result, or why it could not be computed. */
type PerTicket<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Severity order within one clock: a breach outranks its warnings, a later warning an earlier one. */
function rank(alert: Omit<SlaAlert, 'at' | 'key'>): number {
  return alert.kind === 'breach' ? 2 : (alert.fraction ?? 0);
}

/** A clock that counts now: not met, stopped or paused (a breached one still counts until met). */
function isLive(clock: SlaClock): boolean {
  return clock.metAt === null && (clock.state === 'running' || clock.state === 'breached');
}

/**
 * `open`: only an open ticket has a next deadline. A solved ticket's clocks are met or stopped already; this also
 * covers a reported history that disagrees with the ticket's current status.
 */
export function briefOf(clocks: readonly SlaClock[], computedAt: number, open: boolean): SlaBrief {
  const live = open ? clocks.filter(isLive).map((clock) => clock.dueAt) : [];
  return {
    nextDueAt: live.length > 0 ? Math.min(...live) : null,
    breached: clocks.some((clock) => clock.breachedAt !== null),
    approximate: clocks.some((clock) => clock.approximate),
    clocks: clocks.map((clock): ClockBrief => ({
      target: clock.target,
      state: clock.state,
      dueAt: clock.dueAt,
      budgetSeconds: clock.budgetSeconds,
      remainingSeconds: clock.remainingSeconds,
      breachedAt: clock.breachedAt,
      computedAt,
    })),
  };
}

export interface SlaTrackerOptions {
  store: TicketStore;
  clock: Clock;
  /** The core's scheduler; the tracker takes the `ticket:` groups. */
  scheduler: CoreScheduler;
  contracts: ContractsConfig;
  onAlerts: (alerts: SlaAlert[]) => void;
  /** P1s awaiting acknowledgement (their arrival and reminders); left out where nobody is alerted. */
  onP1?: (alerts: P1Alert[]) => void;
  log: (line: string) => void;
}

export class SlaTracker {
  private compiled: CompiledContracts;
  private readonly scheduler: ScheduleChannel<AlertEvent>;
  /** source:externalId of each ticket whose SLA last failed, with the reason logged for it. */
  private readonly failures = new Map<string, string>();

  constructor(private readonly options: SlaTrackerOptions) {
    this.compiled = compileContracts(options.contracts);
    this.scheduler = options.scheduler.channel<AlertEvent>(`${TICKET_GROUP}:`, (events) =>
      this.raise(events),
    );
  }

  /** Computes every open ticket and schedules its events (the scheduler raises what is overdue once it runs). */
  start(): void {
    this.recompute('open');
  }

  /** Swaps the contracts (already validated) and recomputes every open ticket under them. */
  setContracts(contracts: ContractsConfig): void {
    this.compiled = compileContracts(contracts);
    this.recompute('open');
  }

  /** The policy of a customer under the active contracts. */
  policy(customerId: string): ResolvedPolicy {
    return this.compiled.policyFor(customerId);
  }

  private clocksOf(customerId: string, ticket: SlaTicket, now: number): SlaClock[] {
    return computeClocks(ticket, this.compiled.policyFor(customerId), now);
  }

  /**
   * Runs one ticket's SLA computation so that its failure (data no calendar can place, say) stays with that
   * ticket: the reason is logged once per ticket and reason, not on every read, and handed back.
   */
  private perTicket<T>(ticket: { source: string; externalId: string }, compute: () => T): PerTicket<T> {
    const key = `${ticket.source}:${ticket.externalId}`;
    try {
      const value = compute();
      this.failures.delete(key);
      return { ok: true, value };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.failures.get(key) !== reason) {
        this.failures.set(key, reason);
        const detail = error instanceof Error ? (error.stack ?? reason) : reason;
        this.options.log(`SLA of ticket ${key} could not be computed: ${detail}`);
      }
      return { ok: false, reason };
    }
  }

  summarize({ slaTicket, ...summary }: StoredSummary): TicketSummary {
    const now = this.options.clock.now();
    const result = this.perTicket(summary, () => {
      const clocks = this.clocksOf(summary.customerId, slaTicket, now);
      return briefOf(clocks, now, isOpenStatus(summary.status));
    });
    return result.ok
      ? { ...summary, sla: result.value, slaError: null }
      : { ...summary, sla: null, slaError: result.reason };
  }

  detail({ slaTicket, ...detail }: StoredDetail): Omit<TicketDetail, 'changes' | 'ladder'> {
    const now = this.options.clock.now();
    const policy = this.compiled.policyFor(detail.customerId);
    const result = this.perTicket(detail, () => {
      const clocks = computeClocks(slaTicket, policy, now);
      return { sla: briefOf(clocks, now, isOpenStatus(detail.status)), clocks };
    });
    return result.ok
      ? { ...detail, ...result.value, slaError: null, policyName: policy.name }
      : { ...detail, sla: null, slaError: result.reason, clocks: [], policyName: policy.name };
  }

  /** Recomputes the given tickets (or every open one): stored queue order and scheduled events. */
  recompute(ids: readonly number[] | 'open'): void {
    const now = this.options.clock.now();
    const inputs = this.options.store.slaInputs(ids);
    const dueSorts: { id: number; dueSort: number }[] = [];
    const events: AlertEvent[] = [];
    const seen = new Set<number>();
    for (const input of inputs) {
      seen.add(input.id);
      const result = this.perTicket(input, () => {
        const clocks = this.clocksOf(input.customerId, input.slaTicket, now);
        const brief = briefOf(clocks, now, input.isOpen);
        return {
          dueSort: brief.nextDueAt ?? NO_DEADLINE,
          events: input.isOpen ? [...eventsOf(input, clocks), ...p1EventsOf(input, now)] : [],
        };
      });
      // A ticket whose SLA cannot be computed has no known deadline and raises no alerts.
      const { dueSort, events: ticketEvents } = result.ok
        ? result.value
        : { dueSort: NO_DEADLINE, events: p1EventsOf(input, now) };
      dueSorts.push({ id: input.id, dueSort });
      if (ids === 'open') events.push(...ticketEvents);
      else this.scheduler.setGroup(groupOf(input.id), ticketEvents);
    }
    if (ids === 'open') this.scheduler.replaceAll(events);
    else for (const id of ids) if (!seen.has(id)) this.scheduler.removeGroup(groupOf(id));
    this.options.store.setDueSorts(dueSorts);
  }

  private raise(events: AlertEvent[]): void {
    // Per clock only the most severe due event is worth a word: a breach makes its warnings moot.
    const strongest = new Map<string, SlaEvent>();
    const p1: P1Alert[] = [];
    for (const event of events) {
      if (event.type === 'p1') {
        p1.push({ ...event.alert, at: event.at });
        continue;
      }
      const clockKey = `${event.group}:${event.alert.target}`;
      const current = strongest.get(clockKey);
      if (!current || rank(event.alert) > rank(current.alert)) strongest.set(clockKey, event);
    }
    const alerts = [...strongest.values()].map((event) => ({ ...event.alert, key: event.key, at: event.at }));
    if (alerts.length > 0) this.options.onAlerts(alerts);
    if (p1.length > 0) {
      // A reminder fired: schedule the next one (or none, once acknowledged).
      this.recompute([...new Set(p1.map((alert) => alert.ticketId))]);
      this.options.onP1?.(p1);
    }
  }
}

const TICKET_GROUP = 'ticket';

function groupOf(ticketId: number): string {
  return `${TICKET_GROUP}:${ticketId}`;
}

/** The arrival and next reminder of an open P1 that nobody has acknowledged (src/alerts/policy.ts). */
function p1EventsOf(input: SlaInput, now: number): AlertEvent[] {
  const ticketKey = `${input.source}:${input.externalId}`;
  return p1Moments({ ...input, priority: input.priority }, now).map(({ round, at }) => {
    const key = `${ticketKey}:p1:${round === 0 ? 'new' : `repeat:${round}`}`;
    return {
      type: 'p1',
      key,
      at,
      group: groupOf(input.id),
      alert: {
        key,
        ticketId: input.id,
        source: input.source,
        externalId: input.externalId,
        subject: input.subject,
        round,
      },
    };
  });
}

/**
 * The warning and breach events of a ticket's live clocks (warnings only for the priorities whose policy wants
 * them). Keys name the ticket as its source knows it (local ids
 * can be reused after a source is removed) and, for the targets whose budget follows the priority (response and
 * resolution), the priority: a rebase to another priority warns anew, and a breach under a new priority (after a
 * downgrade gave more time) alerts anew. The security targets do not depend on the priority, so neither do
 * their keys.
 */
function eventsOf(input: SlaInput, clocks: readonly SlaClock[]): SlaEvent[] {
  const events: SlaEvent[] = [];
  const ticketKey = `${input.source}:${input.externalId}`;
  // One object literal per alert (not a spread plus fields), so V8 gives every alert the same shape: at 10k open
  // tickets there are tens of thousands of them.
  const alertOf = (
    target: SlaTarget,
    dueAt: number,
    kind: SlaAlert['kind'],
    fraction: number | null,
  ): SlaEvent['alert'] => ({
    source: input.source,
    ticketId: input.id,
    externalId: input.externalId,
    subject: input.subject,
    priority: input.priority,
    target,
    dueAt,
    kind,
    fraction,
  });
  for (const clock of clocks) {
    if (!isLive(clock)) continue;
    const byPriority = clock.target === 'response' || clock.target === 'resolution';
    const clockKey = `${ticketKey}:${clock.target}${byPriority ? `:${input.priority}` : ''}`;
    for (const { fraction, at } of notifiesWarnings(input.priority) ? clock.thresholdInstants : []) {
      if (at === null) continue;
      events.push({
        type: 'sla',
        key: `${clockKey}:${fraction}`,
        at,
        group: groupOf(input.id),
        alert: alertOf(clock.target, clock.dueAt, 'warning', fraction),
      });
    }
    events.push({
      type: 'sla',
      key: `${clockKey}:breach`,
      at: clock.dueAt,
      group: groupOf(input.id),
      alert: alertOf(clock.target, clock.dueAt, 'breach', null),
    });
  }
  return events;
}
