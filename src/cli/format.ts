// How the CLI writes things for people: aligned columns, compact spans ("1h05m") and instants in local time.
import { agoSpan, compactSpan, secondsSince, secondsUntil, type SpanWords } from '../domain/span';

/** The CLI's compact span units: "45s", "4m05s", "1h05m", "2d3h". */
export const cliSpanWords: SpanWords = (units, { d, h, m, s }) =>
  units.replace(/[dhms]/g, (unit) => `${{ d, h, m, s }[unit as 'd' | 'h' | 'm' | 's']}${unit}`);

/** "in 1h05m" for an instant ahead of `now`, "12m ago" for one behind it. */
export function relative(instant: number, now: number): string {
  return instant > now
    ? `in ${compactSpan(secondsUntil(instant, now), cliSpanWords)}`
    : `${agoSpan(secondsSince(instant, now), cliSpanWords)} ago`;
}

const LOCAL_TIME = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** An instant in this computer's time zone, e.g. "Thu 20 Nov, 14:30 CET". */
export function localTime(instant: number): string {
  return LOCAL_TIME.format(instant);
}

/** Rows of cells as lines whose columns line up, without trailing blanks. */
export function alignColumns(rows: readonly string[][]): string {
  if (rows.length === 0) return '';
  const last = rows[0]!.length - 1;
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map(
      (row) =>
        row
          .map((cell, i) => (i < last ? cell.padEnd(widths[i]!) : cell))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}
