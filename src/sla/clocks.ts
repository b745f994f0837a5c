// The SLA clocks of one ticket at an instant: a pure function of the ticket's history, its resolved
// policy and `now` (DESIGN.md §3, clock-types.ts for the fields).
//
// Rules:
// - Every clock starts at createdAt. response and securityPlan stop at firstResponseAt and never pause.
//   resolution stops when the status becomes workaround_provided, resolved or closed and pauses while
//   the status is one of the policy's pauseStatuses; securityPatch stops like resolution, never pauses.
//   A change back to another status (a reopen) resumes the clock: the stopped stretch counts like a
//   pause and metAt is cleared until the next stop.
// - response and resolution take the budget and calendar of the priority in force at the clock's end
//   (metAt, else now): a priority change rebases from createdAt, a change after metAt does not touch
//   the met clock. Security clocks use policy.security whatever the priority.
// - Working time W(t) is the calendar's working time in [createdAt, t) outside pauses and stopped
//   stretches. dueAt is the first instant W reaches the budget, counting as if the clock ran on from
//   its end (now while paused: the projection as if it resumed now; metAt: the deadline it had then).
// - breachedAt is evaluated per priority period [from, to): with that period's budget and calendar the
//   due instant is computed from createdAt; the first period whose due lies before its end (at or before
//   now for the period running now) gives breachedAt = max(due, from). It stays set after a downgrade:
//   `state` describes now, `breachedAt` the history.
// - Events after `now` (changes, firstResponseAt) are not seen yet; those before createdAt count at
//   createdAt. A ticket created after `now` is evaluated at its createdAt.
// Instants are UTC milliseconds; working time is kept in whole milliseconds inside.
import type { Priority, TicketStatus } from '../domain/ticket';
import type { ClockSegment, ClockState, SlaClock, SlaTarget, SlaTicket, TicketChange } from './clock-types';
import type { BusinessCalendar } from './calendar';
import { STOP_STATUSES } from './contracts';
import type { ResolvedPolicy, ResolvedTarget } from './contracts';

/** A clock's life: its segments, and the running stretches as [from, to, from, to, …] up to `end`. */
interface Life {
  segments: ClockSegment[];
  runs: number[];
  /** metAt, else the evaluation instant. */
  end: number;
  metAt: number | null;
  paused: boolean;
}

/** Priority periods up to the evaluation instant: period k starts at from[k] with priority of[k]. */
interface Priorities {
  from: number[];
  of: Priority[];
}

/** Working ms of each running stretch on one calendar, and their total. */
interface Measure {
  calendar: BusinessCalendar;
  work: number[];
  total: number;
}

const NO_PAUSES: readonly TicketStatus[] = [];

function isSorted(changes: readonly TicketChange[]): boolean {
  for (let i = 1; i < changes.length; i++) if (changes[i]!.at < changes[i - 1]!.at) return false;
  return true;
}

function priorities(ticket: SlaTicket, changes: readonly TicketChange[], at: number): Priorities {
  const from = [ticket.createdAt];
  const of = [ticket.initialPriority];
  for (const change of changes) {
    if (change.at > at) break;
    if (change.priority === undefined) continue;
    const t = Math.max(change.at, ticket.createdAt);
    const last = of.length - 1;
    if (t === from[last]) {
      // Two changes at one instant: the later wins, and no period lasts zero time.
      of[last] = change.priority;
      if (last > 0 && of[last - 1] === change.priority) {
        from.pop();
        of.pop();
      }
    } else if (change.priority !== of[last]) {
      from.push(t);
      of.push(change.priority);
    }
  }
  return { from, of };
}

/** Appends a segment, dropping empty ones and merging with an equal neighbour. */
function pushSegment(
  segments: ClockSegment[],
  from: number,
  to: number | null,
  state: ClockSegment['state'],
) {
  if (to === from) return;
  const last = segments[segments.length - 1];
  if (last && last.state === state && last.to === from) last.to = to;
  else segments.push({ from, to, state });
}

/** A clock that runs from createdAt until a reply (response, securityPlan). */
function replyLife(createdAt: number, repliedAt: number | null, at: number): Life {
  const metAt = repliedAt !== null && repliedAt <= at ? Math.max(repliedAt, createdAt) : null;
  const end = metAt ?? at;
  const segments: ClockSegment[] = [];
  pushSegment(segments, createdAt, metAt, 'running');
  return { segments, runs: [createdAt, end], end, metAt, paused: false };
}

function stateOf(status: TicketStatus, pauses: readonly TicketStatus[]): ClockSegment['state'] {
  return STOP_STATUSES.includes(status) ? 'stopped' : pauses.includes(status) ? 'paused' : 'running';
}

/** A clock that stops on the stop statuses and pauses on `pauses` (resolution, securityPatch). */
function statusLife(
  ticket: SlaTicket,
  changes: readonly TicketChange[],
  pauses: readonly TicketStatus[],
  at: number,
): Life {
  const segments: ClockSegment[] = [];
  const runs: number[] = [];
  let state = stateOf(ticket.initialStatus, pauses);
  let from = ticket.createdAt;
  for (const change of changes) {
    if (change.at > at) break;
    if (change.status === undefined) continue;
    const next = stateOf(change.status, pauses);
    if (next === state) continue;
    const t = Math.max(change.at, ticket.createdAt);
    pushSegment(segments, from, t, state);
    if (state === 'running' && t > from) runs.push(from, t);
    from = t;
    state = next;
  }
  if (state === 'stopped') return { segments, runs, end: from, metAt: from, paused: false };
  pushSegment(segments, from, null, state);
  if (state === 'running') runs.push(from, at);
  return { segments, runs, end: at, metAt: null, paused: state === 'paused' };
}

function measure(calendar: BusinessCalendar, runs: readonly number[]): Measure {
  const work: number[] = [];
  let total = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const ms = Math.round(calendar.workingTimeBetween(new Date(runs[i]!), new Date(runs[i + 1]!)) * 1000);
    work.push(ms);
    total += ms;
  }
  return { calendar, work, total };
}

/** The first instant W reaches `ms` (> 0) working ms, running on from `end` after the last stretch. */
function instantOf(m: Measure, runs: readonly number[], end: number, ms: number): number {
  let done = 0;
  for (let i = 0; i < m.work.length; i++) {
    const work = m.work[i]!;
    if (done + work >= ms)
      return m.calendar.addWorkingTime(new Date(runs[2 * i]!), (ms - done) / 1000).getTime();
    done += work;
  }
  return m.calendar.addWorkingTime(new Date(end), (ms - done) / 1000).getTime();
}

/** How the target of a response or resolution clock follows the priority periods up to period `last`. */
interface PriorityPeriods {
  list: Priorities;
  last: number;
  targets: ResolvedPolicy['targets'];
  target: 'response' | 'resolution';
}

/**
 * The first instant the clock was over budget: per priority period (one period from createdAt when
 * `periods` is null), the due instant under that period's target if it falls before the period's end.
 */
function firstBreach(
  m: Measure,
  life: Life,
  createdAt: number,
  dueAt: number,
  periods: PriorityPeriods | null,
): number | null {
  const { runs, end, metAt } = life;
  const last = periods?.last ?? 0;
  for (let k = 0; k <= last; k++) {
    const from = periods ? periods.list.from[k]! : createdAt;
    let to = end;
    let due = dueAt;
    if (periods && k < last) {
      const { list, targets, target } = periods;
      to = list.from[k + 1]!;
      if (list.of[k] !== list.of[last]) {
        const other = targets[list.of[k]!][target];
        const om = other.calendar === m.calendar ? m : measure(other.calendar, runs);
        due = instantOf(om, runs, end, Math.round(other.seconds * 1000));
      }
    }
    // The period running now has breached once due; one that ended, or ended at metAt, only if due before.
    if (k === last && metAt === null ? due <= to : due < to) return Math.max(due, from);
  }
  return null;
}

/** Evaluates one clock against its target under the current priority. */
function evaluate(
  target: SlaTarget,
  life: Life,
  policy: ResolvedPolicy,
  createdAt: number,
  at: number,
  current: ResolvedTarget,
  periods: PriorityPeriods | null,
): SlaClock {
  const { runs, end, metAt } = life;
  const budget = Math.round(current.seconds * 1000);
  const m = measure(current.calendar, runs);
  const elapsed = m.total;
  const dueAt = instantOf(m, runs, end, budget);
  const breachedAt = firstBreach(m, life, createdAt, dueAt, periods);

  let state: ClockState;
  if (metAt !== null) state = dueAt < metAt ? 'breached' : 'met';
  else if (dueAt <= at) state = 'breached';
  else state = life.paused ? 'paused' : 'running';

  const thresholdsCrossed: number[] = [];
  const thresholdInstants: SlaClock['thresholdInstants'] = [];
  for (const fraction of policy.warnings) {
    const ms = Math.round(fraction * budget);
    let instant: number | null = null;
    // A met clock reaches only the fractions of the working time it used, and only before it stopped.
    if (metAt === null || ms <= elapsed) {
      instant = instantOf(m, runs, end, ms);
      if (metAt !== null && instant >= metAt) instant = null;
    }
    if (instant !== null && instant <= at) thresholdsCrossed.push(fraction);
    thresholdInstants.push({ fraction, at: instant });
  }

  return {
    target,
    state,
    budgetSeconds: budget / 1000,
    elapsedSeconds: elapsed / 1000,
    remainingSeconds: (budget - elapsed) / 1000,
    dueAt,
    breachedAt,
    metAt,
    thresholdsCrossed,
    thresholdInstants,
    segments: life.segments,
    timeZone: current.timeZone,
  };
}

/** Index of the priority period in force at `instant` (the last one starting at or before it). */
function periodAt(list: Priorities, instant: number): number {
  let k = list.from.length - 1;
  while (k > 0 && list.from[k]! > instant) k--;
  return k;
}

function byInstant(a: TicketChange, b: TicketChange): number {
  return a.at - b.at;
}

/** A response or resolution clock: its target follows the priority in force at its end. */
function byPriority(
  target: 'response' | 'resolution',
  life: Life,
  list: Priorities,
  policy: ResolvedPolicy,
  createdAt: number,
  at: number,
): SlaClock {
  const last = periodAt(list, life.end);
  const current = policy.targets[list.of[last]!][target];
  const periods = { list, last, targets: policy.targets, target };
  return evaluate(target, life, policy, createdAt, at, current, periods);
}

/**
 * The ticket's clocks at `now`: response and resolution, then securityPlan and securityPatch for a
 * security ticket whose severity is one of the policy's security severities.
 */
export function computeClocks(ticket: SlaTicket, policy: ResolvedPolicy, now: number): SlaClock[] {
  const { createdAt, firstResponseAt, severity } = ticket;
  const at = Math.max(now, createdAt);
  const changes = isSorted(ticket.changes) ? ticket.changes : [...ticket.changes].sort(byInstant);
  const list = priorities(ticket, changes, at);
  const clocks = [
    byPriority('response', replyLife(createdAt, firstResponseAt, at), list, policy, createdAt, at),
    byPriority(
      'resolution',
      statusLife(ticket, changes, policy.pauseStatuses, at),
      list,
      policy,
      createdAt,
      at,
    ),
  ];
  if (
    ticket.kind === 'security' &&
    severity !== null &&
    policy.security.severities.includes(severity.toLowerCase())
  ) {
    const { plan, patch } = policy.security;
    const planLife = replyLife(createdAt, firstResponseAt, at);
    const patchLife = statusLife(ticket, changes, NO_PAUSES, at);
    clocks.push(
      evaluate('securityPlan', planLife, policy, createdAt, at, plan, null),
      evaluate('securityPatch', patchLife, policy, createdAt, at, patch, null),
    );
  }
  return clocks;
}
