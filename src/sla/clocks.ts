// The SLA clocks of one ticket at an instant: a pure function of the ticket's history, its resolved
// policy and `now` (DESIGN.md §3, clock-types.ts for the fields).
//
// Rules:
// - Every clock starts at createdAt. What meets each one:
//   response: firstResponseAt (the first public agent reply);
//   resolution: the status becoming workaround_provided, resolved or closed;
//   securityPlan: the first plan_sent milestone (policy security.planMetBy "planSent", the default) or
//     firstResponseAt ("firstPublicReply", the fallback for systems that report no milestones);
//   securityPatch: the first patch_released milestone (security.patchMetBy "patchReleased", the default) or the
//     status becoming resolved or closed ("resolved", the fallback; a workaround is not a patch).
// - resolution pauses while the status is one of the policy's pauseStatuses; the other clocks never pause.
// - A clock met by a reply or a milestone stops unmet when the ticket is solved (resolved or closed) first, as
//   Zendesk's reply-time target stops being measured on a solve: state 'stopped', stoppedAt the solve, dueAt the
//   deadline it had then, no breach after it; a breach before it stays in breachedAt. A reply or milestone while
//   solved meets the clock then.
// - A change back to another status (a reopen) resumes a stopped or met-by-status clock: the stopped stretch
//   counts like a pause and metAt/stoppedAt is cleared until the next stop.
// - response and resolution take the budget and calendar of the priority in force at the clock's end
//   (metAt or stoppedAt, else now): a priority change rebases from createdAt, a change after the end does not
//   touch the clock. Security clocks use policy.security whatever the priority.
// - Working time W(t) is the calendar's working time in [createdAt, t) outside pauses and stopped stretches.
//   dueAt is the first instant W reaches the budget, counting as if the clock ran on from its end (now while
//   paused: the projection as if it resumed now; metAt or stoppedAt: the deadline it had then).
// - breachedAt is evaluated per priority period [from, to): with that period's budget and calendar the
//   due instant is computed from createdAt; the first period whose due lies before its end (at or before
//   now for the period running now) gives breachedAt = max(due, from). It stays set after a downgrade:
//   `state` describes now, `breachedAt` the history.
// - Events after `now` (changes, milestones, firstResponseAt) are not seen yet; those before createdAt count at
//   createdAt. A ticket created after `now` is evaluated at its createdAt.
// - Every clock of a ticket whose history was rebuilt from its timestamps (SlaTicket.approximate) is approximate.
// Instants are UTC milliseconds; working time is kept in whole milliseconds inside.
import type { Priority, TicketChange, TicketMilestone, TicketStatus } from '../domain/ticket';
import type { ClockSegment, ClockState, SlaClock, SlaTarget, SlaTicket } from './clock-types';
import type { BusinessCalendar } from './calendar';
import { STOP_STATUSES } from './contracts';
import type { ResolvedPolicy, ResolvedTarget } from './contracts';

/** A clock's life: its segments, and the running stretches as [from, to, from, to, …] up to `end`. */
interface Life {
  segments: ClockSegment[];
  runs: number[];
  /** metAt, else stoppedAt, else the evaluation instant. */
  end: number;
  metAt: number | null;
  stoppedAt: number | null;
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
/** A solved ticket: stops the clocks met by a reply or a milestone unmet, and meets a patch clock met by "resolved". */
const SOLVED_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

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

type SegmentState = ClockSegment['state'];

/** Appends a segment, dropping empty ones and merging with an equal neighbour. */
function pushSegment(segments: ClockSegment[], from: number, to: number | null, state: SegmentState) {
  if (to === from) return;
  const last = segments[segments.length - 1];
  if (last && last.state === state && last.to === from) last.to = to;
  else segments.push({ from, to, state });
}

function stateOf(
  status: TicketStatus,
  stops: readonly TicketStatus[],
  pauses: readonly TicketStatus[],
): SegmentState {
  return stops.includes(status) ? 'stopped' : pauses.includes(status) ? 'paused' : 'running';
}

/** A clock's stretches up to `limit` as the status changes: `state` is the one in force from `from` on. */
interface Walk {
  segments: ClockSegment[];
  runs: number[];
  from: number;
  state: SegmentState;
}

function walk(
  ticket: SlaTicket,
  changes: readonly TicketChange[],
  stops: readonly TicketStatus[],
  pauses: readonly TicketStatus[],
  limit: number,
): Walk {
  const segments: ClockSegment[] = [];
  const runs: number[] = [];
  let state = stateOf(ticket.initialStatus, stops, pauses);
  let from = ticket.createdAt;
  for (const change of changes) {
    if (change.at > limit) break;
    if (change.status === undefined) continue;
    const next = stateOf(change.status, stops, pauses);
    if (next === state) continue;
    const t = Math.max(change.at, ticket.createdAt);
    pushSegment(segments, from, t, state);
    if (state === 'running' && t > from) runs.push(from, t);
    from = t;
    state = next;
  }
  return { segments, runs, from, state };
}

/** A walk that goes on at `at`: running or paused since its last change. */
function ongoing({ segments, runs, from, state }: Walk, at: number): Life {
  pushSegment(segments, from, null, state);
  if (state === 'running') runs.push(from, at);
  return { segments, runs, end: at, metAt: null, stoppedAt: null, paused: state === 'paused' };
}

/** A clock met by a stop status, paused by `pauses` (resolution; securityPatch met by "resolved"). */
function statusLife(
  ticket: SlaTicket,
  changes: readonly TicketChange[],
  stops: readonly TicketStatus[],
  pauses: readonly TicketStatus[],
  at: number,
): Life {
  const w = walk(ticket, changes, stops, pauses, at);
  if (w.state !== 'stopped') return ongoing(w, at);
  return { segments: w.segments, runs: w.runs, end: w.from, metAt: w.from, stoppedAt: null, paused: false };
}

/**
 * A clock met at `eventAt` (a reply or a milestone; ignored after `at`) that stops unmet while the ticket is
 * solved (response, securityPlan, securityPatch met by "patchReleased").
 */
function eventLife(
  ticket: SlaTicket,
  changes: readonly TicketChange[],
  eventAt: number | null,
  at: number,
): Life {
  const metAt = eventAt !== null && eventAt <= at ? Math.max(eventAt, ticket.createdAt) : null;
  const w = walk(ticket, changes, SOLVED_STATUSES, NO_PAUSES, metAt ?? at);
  const { segments, runs, from, state } = w;
  if (metAt !== null) {
    pushSegment(segments, from, metAt, state);
    if (state === 'running' && metAt > from) runs.push(from, metAt);
    return { segments, runs, end: metAt, metAt, stoppedAt: null, paused: false };
  }
  if (state !== 'stopped') return ongoing(w, at);
  return { segments, runs, end: from, metAt: null, stoppedAt: from, paused: false };
}

/** The first instant a milestone was reported (changes sorted by instant), or null. */
function milestoneAt(changes: readonly TicketChange[], milestone: TicketMilestone): number | null {
  for (const change of changes) if (change.milestone === milestone) return change.at;
  return null;
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
  const { runs, end } = life;
  const closed = life.metAt !== null || life.stoppedAt !== null;
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
    // The period running now has breached once due; one that ended, or ended when the clock was met or
    // stopped, only if due before.
    if (k === last && !closed ? due <= to : due < to) return Math.max(due, from);
  }
  return null;
}

/** Evaluates one clock against its target under the current priority. */
function evaluate(
  target: SlaTarget,
  life: Life,
  policy: ResolvedPolicy,
  ticket: SlaTicket,
  at: number,
  current: ResolvedTarget,
  periods: PriorityPeriods | null,
): SlaClock {
  const { runs, end, metAt, stoppedAt } = life;
  const closedAt = metAt ?? stoppedAt;
  const budget = Math.round(current.seconds * 1000);
  const m = measure(current.calendar, runs);
  const elapsed = m.total;
  const dueAt = instantOf(m, runs, end, budget);
  const breachedAt = firstBreach(m, life, ticket.createdAt, dueAt, periods);

  let state: ClockState;
  if (metAt !== null) state = dueAt < metAt ? 'breached' : 'met';
  else if (stoppedAt !== null) state = 'stopped';
  else if (dueAt <= at) state = 'breached';
  else state = life.paused ? 'paused' : 'running';

  const thresholdsCrossed: number[] = [];
  const thresholdInstants: SlaClock['thresholdInstants'] = [];
  for (const fraction of policy.warnings) {
    const ms = Math.round(fraction * budget);
    let instant: number | null = null;
    // A met or stopped clock reaches only the fractions of the working time it used, and only before its end.
    if (closedAt === null || ms <= elapsed) {
      instant = instantOf(m, runs, end, ms);
      if (closedAt !== null && instant >= closedAt) instant = null;
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
    stoppedAt,
    thresholdsCrossed,
    thresholdInstants,
    segments: life.segments,
    timeZone: current.timeZone,
    approximate: ticket.approximate,
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
  ticket: SlaTicket,
  at: number,
): SlaClock {
  const last = periodAt(list, life.end);
  const current = policy.targets[list.of[last]!][target];
  const periods = { list, last, targets: policy.targets, target };
  return evaluate(target, life, policy, ticket, at, current, periods);
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
    byPriority('response', eventLife(ticket, changes, firstResponseAt, at), list, policy, ticket, at),
    byPriority(
      'resolution',
      statusLife(ticket, changes, STOP_STATUSES, policy.pauseStatuses, at),
      list,
      policy,
      ticket,
      at,
    ),
  ];
  const security = policy.security;
  if (
    ticket.kind === 'security' &&
    severity !== null &&
    security.severities.includes(severity.toLowerCase())
  ) {
    const planAt = security.planMetBy === 'planSent' ? milestoneAt(changes, 'plan_sent') : firstResponseAt;
    const patchLife =
      security.patchMetBy === 'patchReleased'
        ? eventLife(ticket, changes, milestoneAt(changes, 'patch_released'), at)
        : statusLife(ticket, changes, SOLVED_STATUSES, NO_PAUSES, at);
    clocks.push(
      evaluate(
        'securityPlan',
        eventLife(ticket, changes, planAt, at),
        policy,
        ticket,
        at,
        security.plan,
        null,
      ),
      evaluate('securityPatch', patchLife, policy, ticket, at, security.patch, null),
    );
  }
  return clocks;
}
