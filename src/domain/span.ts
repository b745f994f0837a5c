// Durations as people read them, at the precision each place needs: which units to show is decided here, once;
// the words come from the caller (the UI translates them, the CLI writes them compactly).
export type SpanUnits = 's' | 'ms' | 'm' | 'h' | 'hm' | 'hms' | 'dh' | 'dhm';

/** A type, not an interface, so that it passes as i18next interpolation values. */
export type SpanParts = {
  d: number;
  h: number;
  /** Minutes and seconds come zero-padded ("05") where a larger unit stands before them. */
  m: number | string;
  s: number | string;
};

/** Puts the parts into words, e.g. ('hm', { h: 1, m: '05' }) → "1 h 05 min". */
export type SpanWords = (units: SpanUnits, parts: SpanParts) => string;

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
export function compactSpan(seconds: number, words: SpanWords): string {
  const { d, h, m, s } = parts(seconds);
  if (seconds < MINUTE) return words('s', { d, h, m, s });
  if (seconds < HOUR) return words('ms', { d, h, m, s: pad(s) });
  if (seconds < DAY) return words('hm', { d, h, m: pad(m), s });
  return words('dh', { d, h, m, s });
}

/** How long ago something happened (or how long it lasted): seconds only in the first minute, minutes until 10 h. */
export function agoSpan(seconds: number, words: SpanWords): string {
  const { d, h, m, s } = parts(seconds);
  if (seconds < MINUTE) return words('s', { d, h, m, s });
  if (seconds < HOUR) return words('m', { d, h, m, s });
  if (seconds < 10 * HOUR) return words('hm', { d, h, m: pad(m), s });
  if (seconds < DAY) return words('h', { d, h, m, s });
  return words('dh', { d, h, m, s });
}

/** A live countdown to the second under a day. */
export function exactSpan(seconds: number, words: SpanWords): string {
  const { d, h, m, s } = parts(seconds);
  if (seconds < HOUR) return words('ms', { d, h, m, s: pad(s) });
  if (seconds < DAY) return words('hms', { d, h, m: pad(m), s: pad(s) });
  return words('dhm', { d, h, m: pad(m), s });
}

/** Working time (budgets, elapsed) in hours and minutes: "5 working days" is 40 h, not "1 d 16 h". */
export function workSpan(seconds: number, words: SpanWords): string {
  const total = Math.max(0, Math.round(seconds / MINUTE));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return words('m', { d: 0, h, m, s: 0 });
  if (m === 0) return words('h', { d: 0, h, m, s: 0 });
  return words('hm', { d: 0, h, m: pad(m), s: 0 });
}

/** Seconds from `now` until `instant` (ceil: a countdown shows 0 only at the deadline). */
export function secondsUntil(instant: number, now: number): number {
  return Math.ceil((instant - now) / 1000);
}

export function secondsSince(instant: number, now: number): number {
  return Math.floor((now - instant) / 1000);
}
