// Live SLA state between server refreshes: a running clock turns breached the second its deadline passes,
// and the share of its budget used is estimated from the budget, the deadline and now.
import type { ClockBrief, SlaBrief } from '../../src/api';
import type { ClockState } from '../../src/sla/clock-types';

/** Budget shares at which a clock is shown in warning and in critical colours. */
export const WARN_FRACTION = 0.75;
export const CRITICAL_FRACTION = 0.9;

export type WarnLevel = 'none' | 'warn' | 'critical';

/** What both a queue brief and a full clock tell about a clock. */
export interface ClockFacts {
  state: ClockState;
  dueAt: number;
  budgetSeconds: number;
  remainingSeconds: number;
  breachedAt: number | null;
}

/** The state as of `now`: a running clock whose deadline has passed is breached, without waiting for the core. */
export function liveState(clock: ClockFacts, now: number): ClockState {
  return clock.state === 'running' && clock.dueAt <= now ? 'breached' : clock.state;
}

/**
 * Working seconds left. A running clock can have no more left than the wall time until its deadline, nor
 * more than it had when computed (outside working hours it stands still); past its deadline, none. Other
 * clocks (a breach the core has computed, paused, met) keep what the core computed: how fast working time
 * runs between refreshes depends on the calendar, which the UI does not have.
 */
export function remainingNow(clock: ClockFacts, now: number): number {
  if (clock.state !== 'running') return clock.remainingSeconds;
  return Math.min(clock.remainingSeconds, Math.max(0, (clock.dueAt - now) / 1000));
}

/** The share of the budget used, 0…1 (more once breached). */
export function usedFraction(clock: ClockFacts, now: number): number {
  if (clock.budgetSeconds <= 0) return 1;
  return Math.max(0, (clock.budgetSeconds - remainingNow(clock, now)) / clock.budgetSeconds);
}

export function warnLevel(clock: ClockFacts, now: number): WarnLevel {
  const state = liveState(clock, now);
  if (state !== 'running' && state !== 'paused') return 'none';
  const used = usedFraction(clock, now);
  if (used >= CRITICAL_FRACTION) return 'critical';
  return used >= WARN_FRACTION ? 'warn' : 'none';
}

export type QueueDue =
  | { kind: 'breached'; clock: ClockBrief | null; dueAt: number }
  | { kind: 'running'; clock: ClockBrief | null; dueAt: number; level: WarnLevel }
  | { kind: 'paused'; clock: ClockBrief; level: WarnLevel };

/**
 * What the queue's Due column shows. The core's `nextDueAt` is the deadline of the nearest running, unmet
 * clock (a clock met late stays 'breached' but no longer runs): once it has passed the ticket is breached,
 * before that it counts down. Without one, a paused clock (the one with least left) shows as paused; without
 * an SLA, or with every clock met, nothing shows.
 */
export function queueDue(sla: SlaBrief | null, now: number): QueueDue | null {
  if (!sla) return null;
  const { nextDueAt } = sla;
  if (nextDueAt !== null) {
    const clock =
      sla.clocks.find(
        (candidate) =>
          candidate.dueAt === nextDueAt && (candidate.state === 'running' || candidate.state === 'breached'),
      ) ?? null;
    if (nextDueAt <= now) return { kind: 'breached', clock, dueAt: nextDueAt };
    return { kind: 'running', clock, dueAt: nextDueAt, level: clock ? warnLevel(clock, now) : 'none' };
  }
  let paused: ClockBrief | null = null;
  for (const clock of sla.clocks) {
    if (clock.state === 'paused' && (!paused || clock.remainingSeconds < paused.remainingSeconds))
      paused = clock;
  }
  return paused ? { kind: 'paused', clock: paused, level: warnLevel(paused, now) } : null;
}

/**
 * Seconds rounded up to a step that suits speech: half hours above two hours, five minutes above half an hour,
 * whole minutes below. A spoken countdown built on it changes, and so is read out, at most once a step.
 */
export function calmSeconds(seconds: number): number {
  const step = seconds > 2 * 3600 ? 1800 : seconds > 1800 ? 300 : 60;
  return Math.ceil(seconds / step) * step;
}
