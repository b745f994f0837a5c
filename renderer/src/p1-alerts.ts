// The rules behind the P1 alert, free of the DOM so they are tested under Node: which waiting P1s call for
// attention now (not snoozed), when the chime sounds (when a P1 appears, and every 5 minutes while it waits), and
// what the tab's title says (flashing "(!) P1: subject" while a P1 waits, the counts otherwise).
import type { TFunction } from 'i18next';
import type { Overview, WaitingP1 } from '../../src/api';

/** How often the chime sounds again while a P1 waits unsnoozed; the core reminds at the same rate. */
export const REMINDER_MS = 5 * 60_000;

export function isSnoozed(p1: WaitingP1, now: number): boolean {
  return p1.snoozedUntil !== null && p1.snoozedUntil > now;
}

/** The waiting P1s that are not snoozed at `now`, oldest first (as the overview lists them). */
export function activeP1s(overview: Overview | null, now: number): WaitingP1[] {
  return (overview?.p1Waiting ?? []).filter((p1) => !isSnoozed(p1, now));
}

/** When the first snooze still running at `now` ends (the panel comes back then), or null when none runs. */
export function nextSnoozeEnd(overview: Overview | null, now: number): number | null {
  const ends = (overview?.p1Waiting ?? []).flatMap(({ snoozedUntil }) =>
    snoozedUntil !== null && snoozedUntil > now ? [snoozedUntil] : [],
  );
  return ends.length === 0 ? null : Math.min(...ends);
}

/** When the chime last sounded for each P1 that calls for attention. */
export type ChimeLog = ReadonlyMap<number, number>;

export interface ChimeStep {
  /** P1s that call for attention and did not a moment ago: new, or back from a snooze. */
  appeared: number[];
  /** P1s still waiting a reminder period after their last chime. */
  reminded: number[];
  log: ChimeLog;
}

/**
 * What the chime does at `now`, given the P1s that call for attention: it sounds for each that appeared and for each
 * whose last chime is a reminder period ago. A P1 that stops calling (acknowledged, snoozed) leaves the log, so it
 * chimes again when it comes back.
 */
export function chimeStep(log: ChimeLog, active: readonly WaitingP1[], now: number): ChimeStep {
  const appeared: number[] = [];
  const reminded: number[] = [];
  const next = new Map<number, number>();
  for (const { id } of active) {
    const last = log.get(id);
    if (last === undefined) appeared.push(id);
    else if (now - last >= REMINDER_MS) reminded.push(id);
    next.set(id, last === undefined || now - last >= REMINDER_MS ? now : last);
  }
  return { appeared, reminded, log: next };
}

/** When the next reminder falls due, or null when no P1 calls for attention. */
export function nextReminderAt(log: ChimeLog): number | null {
  return log.size === 0 ? null : Math.min(...log.values()) + REMINDER_MS;
}

/**
 * The tab's title. While a P1 calls for attention it alternates (`flashOn`) between "(!) P1: subject — Piket" (the
 * oldest one) and the plain title; otherwise the plain title carries the counts: "Piket (2 breached, 1 due soon)".
 */
export function tabTitle(
  t: TFunction,
  overview: Overview | null,
  active: readonly WaitingP1[],
  flashOn: boolean,
): string {
  const oldest = active[0];
  if (oldest !== undefined && flashOn) {
    return t('attention.titleP1', { count: active.length, subject: oneLine(oldest.subject) });
  }
  const counts = [
    overview !== null && overview.breached > 0 ? t('attention.breached', { count: overview.breached }) : null,
    overview !== null && overview.dueSoon > 0 ? t('attention.dueSoon', { count: overview.dueSoon }) : null,
  ].filter((part) => part !== null);
  return counts.length === 0
    ? t('attention.title')
    : t('attention.titleCounts', { counts: counts.join(', ') });
}

/** Ticket text as one line of at most 80 characters (a title bar or a notification heading). */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
