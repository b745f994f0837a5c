// SLA wording: the shared spans (src/domain/span.ts) in the UI's language, and deadlines in the calendar's zone
// and the user's own.
import type { TFunction } from 'i18next';
import * as span from '../../src/domain/span';
import type { SpanWords } from '../../src/domain/span';

/** The span units in the UI's language (the `sla.span.*` texts). */
function spanWords(t: TFunction): SpanWords {
  return (units, parts) => t(`sla.span.${units}`, parts);
}

export const compactSpan = (t: TFunction, seconds: number): string => span.compactSpan(seconds, spanWords(t));
export const agoSpan = (t: TFunction, seconds: number): string => span.agoSpan(seconds, spanWords(t));
export const exactSpan = (t: TFunction, seconds: number): string => span.exactSpan(seconds, spanWords(t));
export const workSpan = (t: TFunction, seconds: number): string => span.workSpan(seconds, spanWords(t));
export { secondsSince, secondsUntil } from '../../src/domain/span';

/** The user's own zone, as the browser or OS reports it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "America/New_York" → "New York". */
export function placeOfZone(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: string, zone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${language}|${zone}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      ...(withDate && { weekday: 'short', day: 'numeric', month: 'short' }),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    });
    formats.set(key, format);
  }
  return format;
}

/** "Fri 27 Nov 17:00" in the given zone (the user's when none is given). */
export function formatDeadline(instant: number, language: string, zone = userTimeZone()): string {
  return dateTimeFormat(language, zone, true).format(instant);
}

function localDate(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(instant);
}

/**
 * A deadline in the calendar's zone and, when the user's zone shows another wall time, there too:
 * "Fri 27 Nov 17:00 (Europe/Amsterdam) · 11:00 New York time".
 */
export function formatZonedDeadline(t: TFunction, instant: number, language: string, zone: string): string {
  const main = t('sla.inZone', { time: formatDeadline(instant, language, zone), zone });
  const mine = userTimeZone();
  const sameWallTime = formatDeadline(instant, language, mine) === formatDeadline(instant, language, zone);
  if (mine === zone || sameWallTime) return main;
  const sameDate = localDate(instant, mine) === localDate(instant, zone);
  const time = dateTimeFormat(language, mine, !sameDate).format(instant);
  return `${main} · ${t('sla.yourTime', { time, place: placeOfZone(mine) })}`;
}
