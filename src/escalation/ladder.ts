// Where a ticket stands on its escalation ladder (docs/contracts.md, "Escalation ladder"): every step of
// every round with its instant and state, the current step (whom to call now), when the next one fires, and
// the scheduler events of the steps still to raise.
//
// Rules:
// - Round r's step i fires at createdAt + r × roundMs + afterMs: real elapsed time on the wall clock, 24/7,
//   never business hours; a step 15 minutes after another fires 15 real minutes later across a DST change
//   too.
// - The current step is the latest one whose instant has come (at ≤ now). A step at 0 minutes is current from
//   the ticket's creation; before the first step's instant there is none. After the last step of the last
//   round that step stays current: nobody further to call.
// - The ladder of the ticket's current priority counts from the ticket's creation, as the SLA clocks do: a
//   ticket raised to P1 after 20 minutes is at once on the P1 step of 15 minutes.
// - An acknowledgement stops the ladder, and so does closing (resolving) the ticket: the steps before the
//   stop are done, the rest are skipped; there is no current or next step.
import type { Priority, TicketChange, TicketStatus } from '../domain/ticket';
import type { EscalationLadders, Ladder, LadderStepSpec, LadderTarget } from './ladder-schema';

/** What a contact is on the ladder: on call in a schedule, the customer's lead engineer or TAM, or named. */
export type ContactRole = 'onCall' | 'leadEngineer' | 'tam' | 'person';

/** Why a target names nobody. */
export type MissingReason = 'noLeadEngineer' | 'noTam' | 'noSchedules' | 'unknownSchedule' | 'nobodyOnCall';

/** One person to call for a step's target, or the reason the target names nobody (then `name` is null). */
export interface LadderContact {
  role: ContactRole;
  /** For `onCall`: the schedule the person is on call in (for "*", the one that named them); else null. */
  schedule: string | null;
  name: string | null;
  /** As written ("+31 6 1234 5678"); the UI makes the tel: link. */
  phone: string | null;
  email: string | null;
  /** Instead of a name: { reason: 'noLeadEngineer', message: 'no lead engineer in the contract for X' }. */
  missing: { reason: MissingReason; message: string } | null;
}

/** The people a target names at an instant (targets.ts builds one from the customer and the schedules). */
export type ResolveTarget = (target: LadderTarget, at: number) => LadderContact[];

/** A ticket as far as its ladder needs it; instants are server times in UTC milliseconds. */
export interface LadderTicket {
  createdAt: number;
  /** When it was first acknowledged (acknowledgedAtOf); null while nobody has. */
  acknowledgedAt: number | null;
  priority: Priority;
  isOpen: boolean;
  /** When a ticket that is no longer open was resolved or closed; null or absent: unknown, taken as `now`. */
  closedAt?: number | null;
}

/**
 * `done`: fired before now (or before the stop); `current`: the latest fired, whom to call now; `next`: the
 * first still to fire; `later`: after it; `skipped`: will not fire, the ladder stopped before it.
 */
export type StepState = 'done' | 'current' | 'next' | 'later' | 'skipped';

export interface LadderStepView {
  /** 0 for the first run of the ladder, r for its r-th repeat. */
  round: number;
  /** The step's index in the ladder. */
  index: number;
  /** When it fires, UTC milliseconds. */
  at: number;
  /** As written in the ladder ("15m"), counted from the ticket's creation in round 0. */
  after: string;
  /** Its targets resolved: at `now` for the current step, at the step's own instant for the others. */
  targets: LadderContact[];
  state: StepState;
}

export interface LadderView {
  /** Every step of every round, in time order. */
  steps: LadderStepView[];
  current: LadderStepView | null;
  next: { at: number; step: LadderStepView } | null;
  stopped: 'acknowledged' | 'closed' | null;
  /** When it stopped (never after `now`); null while it runs. */
  stoppedAt: number | null;
  /** Whether the ladder is the default one (the contract gives this priority none). */
  isDefault: boolean;
}

interface Slot {
  round: number;
  index: number;
  at: number;
  step: LadderStepSpec;
}

function slots(ticket: LadderTicket, ladder: Ladder): Slot[] {
  const all: Slot[] = [];
  for (let round = 0; round <= ladder.repeat; round++) {
    ladder.steps.forEach((step, index) => {
      all.push({ round, index, at: ticket.createdAt + round * ladder.roundMs + step.afterMs, step });
    });
  }
  return all;
}

function stopOf(ticket: LadderTicket, now: number): { reason: 'acknowledged' | 'closed'; at: number } | null {
  if (ticket.acknowledgedAt !== null) {
    return { reason: 'acknowledged', at: Math.min(Math.max(ticket.acknowledgedAt, ticket.createdAt), now) };
  }
  if (!ticket.isOpen) return { reason: 'closed', at: Math.min(ticket.closedAt ?? now, now) };
  return null;
}

/** Index of the latest slot whose instant has come by `at`; -1 when none has. */
function lastDue(all: readonly Slot[], at: number): number {
  let found = -1;
  all.forEach((slot, i) => {
    if (slot.at <= at) found = i;
  });
  return found;
}

/** Where a ticket stands on its priority's ladder at `now`, with each step's targets resolved. */
export function ladderFor(
  ticket: LadderTicket,
  ladders: EscalationLadders,
  now: number,
  resolve: ResolveTarget,
): LadderView {
  const ladder = ladders[ticket.priority];
  const all = slots(ticket, ladder);
  const stop = stopOf(ticket, now);
  const current = stop ? -1 : lastDue(all, now);
  const stateOf = (slot: Slot, i: number): StepState => {
    if (stop) return slot.at <= stop.at ? 'done' : 'skipped';
    if (i < current) return 'done';
    if (i === current) return 'current';
    return i === current + 1 ? 'next' : 'later';
  };
  const steps = all.map((slot, i): LadderStepView => {
    const state = stateOf(slot, i);
    const at = state === 'current' ? now : slot.at;
    return {
      round: slot.round,
      index: slot.index,
      at: slot.at,
      after: slot.step.after,
      targets: slot.step.notify.flatMap((target) => resolve(target, at)),
      state,
    };
  });
  const next = stop ? undefined : steps[current + 1];
  return {
    steps,
    current: steps[current] ?? null,
    next: next ? { at: next.at, step: next } : null,
    stopped: stop?.reason ?? null,
    stoppedAt: stop?.at ?? null,
    isDefault: ladder.isDefault,
  };
}

/** A step for the scheduler; the caller adds the group (`ticket:<id>`) and raises the alert when due. */
export interface LadderEvent {
  /** `${source}:${externalId}:escalation:${round}:${index}`: stable across restarts; it fires once ever. */
  key: string;
  at: number;
  step: { round: number; index: number; notify: LadderTarget[] };
}

/**
 * The scheduler events of a running ladder at `now`: the current step (so one that fell due while Piket was
 * not running is raised late, once: its key is already fired otherwise) and every step still to come. None
 * once the ladder stopped. Steps before the current one are passed over: a laptop that slept through the
 * ladder raises the step it is on, not every step it missed.
 */
export function ladderEvents(
  ticket: LadderTicket & { source: string; externalId: string },
  ladders: EscalationLadders,
  now: number,
): LadderEvent[] {
  if (stopOf(ticket, now)) return [];
  const all = slots(ticket, ladders[ticket.priority]);
  return all.slice(Math.max(0, lastDue(all, now))).map((slot) => ({
    key: `${ticket.source}:${ticket.externalId}:escalation:${slot.round}:${slot.index}`,
    at: slot.at,
    step: { round: slot.round, index: slot.index, notify: slot.step.notify },
  }));
}

/** What acknowledgedAtOf reads of a stored ticket. */
export interface AcknowledgementFacts {
  status: TicketStatus;
  updatedAt: number;
  /** As reported: the first entry is the state at creation; empty when the system reports no history. */
  history: readonly TicketChange[];
}

/**
 * When a ticket was acknowledged: null while its status is `new` (as the P1 alert rule reads it, so a pending
 * acknowledgement in Piket counts at once); else the first reported change to another status, or, when the
 * history does not show it, `updatedAt` (the latest it can have happened).
 */
export function acknowledgedAtOf(facts: AcknowledgementFacts): number | null {
  if (facts.status === 'new') return null;
  const taken = facts.history.find((change) => change.status !== undefined && change.status !== 'new');
  return taken?.at ?? facts.updatedAt;
}
