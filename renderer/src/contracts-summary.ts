// Plain-language summaries of the contracts file for the Contracts dialog: weekly hours per calendar and the
// defaults the core applies to keys left out (kept in step with src/sla/contracts.ts, which the UI must not
// import: it pulls in zod and the holiday tables).
import type { ContractsCalendar } from '../../src/sla/contracts';
import type { TicketStatus } from '../../src/domain/ticket';

export const DEFAULT_PAUSE_STATUSES: readonly TicketStatus[] = ['waiting_on_customer'];
export const DEFAULT_WARNINGS: readonly number[] = [0.5, 0.75, 0.9];
export const DEFAULT_SECURITY = {
  plan: '24h',
  patch: '72h',
  severities: ['critical', 'high'],
  planMetBy: 'planSent',
  patchMetBy: 'patchReleased',
} as const;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Short weekday names in the UI language; 1 January 2024 was a Monday. */
function weekdayNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  return WEEKDAYS.map((_, i) => format.format(Date.UTC(2024, 0, 1 + i)));
}

export interface WeekLine {
  days: string;
  hours: string;
}

/** "Mon–Fri 09:00–17:00"; null when the calendar is open around the clock every day. */
export function weekSummary(calendar: ContractsCalendar, language: string): WeekLine[] | null {
  const texts = WEEKDAYS.map((day) =>
    (calendar.week[day] ?? []).map(([from, to]) => `${from}–${to}`).join(', '),
  );
  if (texts.every((text) => text === '00:00–24:00')) return null;
  const names = weekdayNames(language);
  const lines: WeekLine[] = [];
  let start = 0;
  for (let i = 1; i <= WEEKDAYS.length; i++) {
    if (i < WEEKDAYS.length && texts[i] === texts[start]) continue;
    const hours = texts[start] ?? '';
    if (hours !== '') {
      const days = i - 1 === start ? names[start] : `${names[start]}–${names[i - 1]}`;
      lines.push({ days: days ?? '', hours });
    }
    start = i;
  }
  return lines;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
