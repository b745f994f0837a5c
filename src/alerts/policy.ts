// The alert policy: which moments of a ticket get a person's attention. A new P1 does, and an unacknowledged P1
// again every few minutes until someone acknowledges it (in Piket or on the server); SLA warnings count for P1 and
// P2, only breaches for P3 and P4. Settings and the rotation decide when a notice may notify: a pause and quiet
// hours hold back all but P1s, and "only while I am on call" holds back everything off call. Pure: the core
// schedules what this says and hands it to the Notifier.
import type { AlertWhen, QuietHours } from '../api/contract';
import type { Priority, TicketStatus } from '../domain/ticket';
import { Zone } from '../sla/zone';

/** An unacknowledged P1 is raised again this often. */
export const P1_REPEAT_MS = 5 * 60_000;

/** Per priority: every SLA threshold notifies, or only the breach. */
export const SLA_WARNINGS: Readonly<Record<Priority, 'every' | 'breach'>> = {
  P1: 'every',
  P2: 'every',
  P3: 'breach',
  P4: 'breach',
};

export function notifiesWarnings(priority: Priority): boolean {
  return SLA_WARNINGS[priority] === 'every';
}

/** A ticket as far as the P1 rule needs it. */
export interface P1Facts {
  priority: Priority;
  status: TicketStatus;
  isOpen: boolean;
  createdAt: number;
}

/** A P1 waits for acknowledgement while it is open and nobody has taken it up (status still new). */
export function awaitsAcknowledgement(ticket: P1Facts): boolean {
  return ticket.isOpen && ticket.priority === 'P1' && ticket.status === 'new';
}

export interface P1Moment {
  /** 0 for the arrival, n for the n-th repeat. */
  round: number;
  at: number;
}

/**
 * The P1 moments still to raise at `now`: its arrival (raised late if it fell due while Piket did not run, never
 * twice), and the next repeat after `now` — one at a time, so a laptop that slept an hour raises one reminder,
 * not twelve. Nothing for a ticket that does not await acknowledgement.
 */
export function p1Moments(ticket: P1Facts, now: number): P1Moment[] {
  if (!awaitsAcknowledgement(ticket)) return [];
  const next = Math.max(1, Math.floor((now - ticket.createdAt) / P1_REPEAT_MS) + 1);
  return [
    { round: 0, at: ticket.createdAt },
    { round: next, at: ticket.createdAt + next * P1_REPEAT_MS },
  ];
}

/** What decides whether a notice may reach the person now, besides its own urgency. */
export interface AlertGate {
  now: number;
  /** Until when alerts other than P1s are held back (pauseAlerts); null: not paused. */
  pausedUntil: number | null;
  alertWhen: AlertWhen;
  quietHours: QuietHours | null;
  /** Whether I am on call now; null when no rotation says (then I count as on call). */
  onCall: boolean | null;
}

const DAY_MS = 24 * 60 * 60_000;

/** 'HH:MM' of `at` on the wall clock of `timeZone`. */
function wallTime(at: number, timeZone: string): string {
  const ofDay = (((at + new Zone(timeZone).offsetAt(at)) % DAY_MS) + DAY_MS) % DAY_MS;
  const minutes = Math.floor(ofDay / 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Whether `at` falls within the quiet hours (from inclusive, to exclusive; a span may run past midnight). */
export function inQuietHours(hours: QuietHours, at: number): boolean {
  const time = wallTime(at, hours.timeZone);
  return hours.from < hours.to
    ? time >= hours.from && time < hours.to
    : time >= hours.from || time < hours.to;
}

/**
 * Whether a notice may notify now. A P1's (`p1`: its urgency is critical) only stays silent when I am known to be
 * off call and asked to be alerted only while on call, or when quiet hours fall while I am off call; a pause never
 * holds one back. Anything else stays silent while paused, in quiet hours, or (alertWhen onCall) off call.
 */
export function mayNotify(p1: boolean, gate: AlertGate): boolean {
  const offCall = gate.onCall === false;
  const quiet = gate.quietHours !== null && inQuietHours(gate.quietHours, gate.now);
  if (p1) return !(offCall && (gate.alertWhen === 'onCall' || quiet));
  const paused = gate.pausedUntil !== null && gate.now < gate.pausedUntil;
  return !paused && !quiet && !(offCall && gate.alertWhen === 'onCall');
}
