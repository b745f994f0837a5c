// `piket oncall [--schedule NAME] [--at ISO] [--json]`: who is on call at an instant (default now), per schedule
// and layer, with each time on the schedule's wall clock (and on mine, where that differs). `--json` prints the
// API's OnCallReport, which keeps a feed entry's summary, attendees and the person shown.
import type { InstantView, OnCallReport, OnCallSlotView, ScheduleOnCall } from '../api';
import { UsageError } from '../platform/command-line';
import { formatLocal } from '../rotation/local-time';
import { alignColumns } from './format';
import { call, type Session } from './session';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
const AT_HELP =
  '--at takes an instant in ISO 8601 with an offset or Z, e.g. 2026-03-29T09:00+02:00 or 2026-03-29T07:00Z';

/** An ISO 8601 instant with an offset or Z as UTC milliseconds; a UsageError saying what is wrong otherwise. */
function parseAt(text: string): number {
  const match = ISO_INSTANT.exec(text.trim());
  if (!match) throw new UsageError(`${AT_HELP}; not "${text}".`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetMinutes =
    match[8] !== undefined ? 0 : (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    Math.abs(offsetMinutes) <= 18 * 60 &&
    Number(match[11] ?? 0) <= 59;
  if (!valid) throw new UsageError(`${AT_HELP}; "${text}" is not a real date and time.`);
  const ms = Number((match[7] ?? '0').padEnd(3, '0'));
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  if (instant < Date.UTC(2000, 0, 1) || instant >= Date.UTC(2100, 0, 1)) {
    throw new UsageError(`--at must lie in the years 2000 to 2099, not "${text}".`);
  }
  return instant;
}

/** '2026-03-29T09:00+02:00' → '2026-03-29 09:00 +02:00'. */
function wall(text: string): string {
  return text.replace('T', ' ').replace(/([+-]\d{2}:\d{2})$/, ' $1');
}

/** An instant on a zone's wall clock: '2026-03-29 09:00 +02:00'. */
export function wallAt(instant: number, zone: string): string {
  const { local, offset } = formatLocal(instant, zone);
  return `${local.replace('T', ' ')} ${offset}`;
}

/** A time on the schedule's clock, with mine after it when my zone differs. */
function shown(view: InstantView | null, mineDiffers: boolean): string {
  if (view === null) return 'beyond 400 days';
  return mineDiffers ? `${wall(view.local)} (yours ${wall(view.mine)})` : wall(view.local);
}

function slotRow(label: string, slot: OnCallSlotView, mineDiffers: boolean): string[] {
  const member = slot.member;
  const who =
    member === null
      ? 'nobody'
      : `${member.name}${member.email ? ` <${member.email}>` : ''}${member.phone ? ` ${member.phone}` : ''}`;
  return [
    `  ${label}`,
    `${who}${slot.source === 'override' ? ' (override)' : ''}`,
    `since ${shown(slot.since, mineDiffers)}`,
    `until ${shown(slot.until, mineDiffers)}`,
  ];
}

function formatSchedule(schedule: ScheduleOnCall, myZone: string): string {
  const mineDiffers = schedule.timeZone !== myZone;
  const what = schedule.kind === 'feed' ? `feed as of ${wallAt(schedule.asOf, myZone)}` : 'made in Piket';
  const lines = [`${schedule.name} (${schedule.timeZone}, ${what})\n`];
  if (schedule.lastError !== null) lines.push(`  the last refresh failed: ${schedule.lastError}\n`);
  if (schedule.kind === 'local') {
    const rows = [slotRow('on call', schedule.final!, mineDiffers)];
    for (const layer of schedule.layers) rows.push(slotRow(layer.layerName, layer, mineDiffers));
    lines.push(alignColumns(rows));
  } else if (schedule.entries.length === 0) {
    lines.push('  nobody\n');
  } else {
    const rows = schedule.entries.map((entry) => [
      '  on call',
      entry.person || entry.summary,
      `from ${shown(entry.start, mineDiffers)}`,
      `until ${shown(entry.end, mineDiffers)}`,
    ]);
    lines.push(alignColumns(rows));
  }
  return lines.join('');
}

function formatOnCall(report: OnCallReport): string {
  const at = `${wallAt(report.at, report.myZone)} (${report.myZone})`;
  if (report.schedules.length === 0) {
    return 'No schedules. Import one with "piket schedule import-ics FILE|URL".\n';
  }
  return [`On call at ${at}:\n`, ...report.schedules.map((s) => formatSchedule(s, report.myZone))].join('');
}

export interface OnCallFlags {
  schedule?: string;
  at?: string;
  json?: boolean;
}

export async function oncall(session: Session, flags: OnCallFlags): Promise<number> {
  const at = flags.at === undefined ? undefined : parseAt(flags.at);
  const report = await call(session, 'getOnCall', {
    ...(at === undefined ? {} : { at }),
    ...(flags.schedule === undefined ? {} : { schedule: flags.schedule }),
  });
  session.io.stdout(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatOnCall(report));
  return 0;
}
