// SLA wording: compact countdowns for the queue, exact ones for the ticket pane, working-time budgets, and
// deadlines in the calendar's zone and the user's own.
import type { TFunction } from 'i18next';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (value: number): string => String(value).padStart(2, '0');

function parts(seconds: number): { d: number; h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor(seconds));
  return {
    d: Math.floor(total / DAY),
    h: Math.floor((total % DAY) / HOUR),
    m: Math.floor((total % HOUR) / MINUTE),
    s: total % MINUTE,
  };
}

/** Queue precision: seconds under an hour, minutes under a day, days and hours beyond. */
export function compactSpan(t: TFunction, seconds: number): string {
  const { d, h, m, s } = parts(seconds);
  if (seconds < MINUTE) return t('sla.span.s', { s });
  if (seconds < HOUR) return t('sla.span.ms', { m, s: pad(s) });
  if (seconds < DAY) return t('sla.span.hm', { h, m: pad(m) });
  return t('sla.span.dh', { d, h });
}

/** How long ago something happened (or how long it lasted): seconds only in the first minute, minutes until 10 h. */
export function agoSpan(t: TFunction, seconds: number): string {
  const { d, h, m, s } = parts(seconds);
  if (seconds < MINUTE) return t('sla.span.s', { s });
  if (seconds < HOUR) return t('sla.span.m', { m });
  if (seconds < 10 * HOUR) return t('sla.span.hm', { h, m: pad(m) });
  if (seconds < DAY) return t('sla.span.h', { h });
  return t('sla.span.dh', { d, h });
}

/** The ticket pane's live countdown, to the second under a day. */
export function exactSpan(t: TFunction, seconds: number): string {
  const { d, h, m, s } = parts(seconds);
  if (seconds < HOUR) return t('sla.span.ms', { m, s: pad(s) });
  if (seconds < DAY) return t('sla.span.hms', { h, m: pad(m), s: pad(s) });
  return t('sla.span.dhm', { d, h, m: pad(m) });
}

/** Working time (budgets, elapsed) in hours and minutes: "5 working days" is 40 h, not "1 d 16 h". */
export function workSpan(t: TFunction, seconds: number): string {
  const total = Math.max(0, Math.round(seconds / MINUTE));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('sla.span.m', { m });
  if (m === 0) return t('sla.span.h', { h });
  return t('sla.span.hm', { h, m: pad(m) });
}

/** Seconds from `now` until `instant` (ceil: a countdown shows 0 only at the deadline). */
export function secondsUntil(instant: number, now: number): number {
  return Math.ceil((instant - now) / 1000);
}

export function secondsSince(instant: number, now: number): number {
  return Math.floor((now - instant) / 1000);
}

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
