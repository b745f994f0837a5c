// Builders for rotation tests: a layer or schedule from the parts a test cares about, instants from ISO text, and
// entries shown on a zone's wall clock so expectations read like a calendar.
import { localTimes } from '../../../src/rotation/local-time';
import type { Interval, Layer, Member, Schedule } from '../../../src/rotation/model';

export const HOUR_MS = 3_600_000;

/** An instant (UTC ms) from ISO text with an offset. */
export const t = (text: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${text}`);
  return ms;
};

export const people = (...names: string[]): Member[] => names.map((name) => ({ name }));

export function layer(parts: Partial<Layer> & Pick<Layer, 'id' | 'members' | 'start'>): Layer {
  const handoff = parts.start.slice(11);
  return { name: parts.id, rotation: { every: 1, unit: 'weeks' }, handoff, ...parts };
}

export function schedule(timeZone: string, layers: Layer[], overrides: Schedule['overrides'] = []): Schedule {
  return { id: 'primary', name: 'Primary', timeZone, layers, overrides };
}

/** "2026-03-23T09:00+01:00 → 2026-03-30T09:00+02:00" on a zone's wall clock. */
export function span(interval: Interval, timeZone: string): string {
  const local = localTimes(interval, timeZone);
  return `${local.start}${local.startOffset} → ${local.end}${local.endOffset}`;
}

/** Entries or shifts as "who: span" lines. */
export function lines(items: ReadonlyArray<Interval & { member: Member }>, timeZone: string): string[] {
  return items.map((item) => `${item.member.name}: ${span(item, timeZone)}`);
}

export const hours = (interval: Interval): number => (interval.end - interval.start) / HOUR_MS;
