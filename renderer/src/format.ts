// Locale-aware formatting of instants (UTC milliseconds) with Intl, in the UI's active language.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 hours ago" / "3 uur geleden": the largest unit that fits, never finer than a minute. */
export function formatAge(instant: number, now: number, language: string): string {
  const elapsed = Math.max(0, now - instant);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  if (elapsed < MINUTE) return format.format(0, 'second');
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 60 * DAY) return format.format(-Math.floor(elapsed / DAY), 'day');
  return format.format(-Math.floor(elapsed / (30 * DAY)), 'month');
}

export function formatDateTime(instant: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(instant);
}
