// `piket schedule import-ics|refresh|export-ics|list`: subscribing to iCalendar feeds from a file or a URL, and
// exporting a schedule as RFC 5545, from the terminal. Imports and refreshes change the data folder, so they go
// to the Piket that owns it when one runs (session.call); exports and lists only read.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScheduleImport, ScheduleView } from '../api';
import { UsageError } from '../platform/command-line';
import { isUrlSource } from '../platform/calendar-source';
import { alignColumns } from './format';
import { wallAt } from './oncall-command';
import { call, type Session } from './session';

export type ScheduleCommand =
  | { kind: 'import-ics'; source: string }
  | { kind: 'refresh'; name: string }
  | { kind: 'export-ics'; name: string }
  | { kind: 'list' };

const SUBCOMMANDS = 'import-ics FILE|URL, refresh NAME, export-ics NAME or list';

export interface RotationFlags {
  name?: string;
  out?: string;
  at?: string;
  schedule?: string;
}

/** Refuses the rotation flags on commands that do not take them (--name also goes with connect). */
export function checkRotationFlags(command: string, sub: string | undefined, flags: RotationFlags): void {
  if ((flags.at !== undefined || flags.schedule !== undefined) && command !== 'oncall')
    throw new UsageError('--at and --schedule go with oncall only.');
  if (flags.out !== undefined && !(command === 'schedule' && sub === 'export-ics'))
    throw new UsageError('--out goes with schedule export-ics only.');
  if (flags.name !== undefined && command === 'schedule' && sub !== 'import-ics')
    throw new UsageError('--name goes with schedule import-ics (and connect) only.');
}

/** Checks `piket schedule`'s arguments: the subcommand, then what it takes. */
export function parseScheduleCommand(args: readonly string[]): ScheduleCommand {
  const [sub, argument, extra] = args;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}".`);
  switch (sub) {
    case 'import-ics':
      if (argument === undefined)
        throw new UsageError(
          'schedule import-ics takes the calendar file or its URL (https:// or webcal://).',
        );
      return { kind: 'import-ics', source: isUrlSource(argument) ? argument : resolve(argument) };
    case 'refresh':
    case 'export-ics':
      if (argument === undefined)
        throw new UsageError(`schedule ${sub} takes the name of a schedule (see "piket schedule list").`);
      return { kind: sub, name: argument };
    case 'list':
      if (argument !== undefined) throw new UsageError(`unexpected argument "${argument}".`);
      return { kind: 'list' };
    default:
      throw new UsageError(
        sub === undefined ? `schedule takes ${SUBCOMMANDS}.` : `schedule takes ${SUBCOMMANDS}, not "${sub}".`,
      );
  }
}

function describeImport(verb: string, result: ScheduleImport, myZone: string): string {
  const { schedule } = result;
  const zone = schedule.timeZone ?? `no zone of its own; read in ${myZone}`;
  const lines = [
    `${verb} "${schedule.name}" from ${schedule.source} (${zone}): ${result.entries} entries from a week ago to 90 days ahead, as of ${wallAt(schedule.asOf, myZone)}.`,
    `On call now: ${schedule.onCallNow.length > 0 ? schedule.onCallNow.join(', ') : 'nobody'}.`,
    ...result.warnings.map((warning) => `warning: ${warning}`),
  ];
  return lines.join('\n') + '\n';
}

function formatList(views: ScheduleView[], myZone: string): string {
  if (views.length === 0) return 'No schedules. Import one with "piket schedule import-ics FILE|URL".\n';
  const rows = views.map((view) => [
    view.name,
    view.kind === 'feed' ? 'feed' : 'local',
    view.timeZone ?? '-',
    wallAt(view.asOf, myZone),
    view.onCallNow.join(', ') || 'nobody',
    view.lastError === null ? '' : `refresh failed: ${view.lastError}`,
  ]);
  return alignColumns([['name', 'kind', 'zone', 'as of', 'on call now', 'problem'], ...rows]);
}

export async function runScheduleCommand(
  session: Session,
  command: ScheduleCommand,
  flags: RotationFlags & { json?: boolean },
  myZone: string,
): Promise<number> {
  const { io } = session;
  switch (command.kind) {
    case 'import-ics': {
      const result = await call(session, 'importSchedule', {
        source: command.source,
        ...(flags.name === undefined ? {} : { name: flags.name }),
      });
      io.stdout(describeImport('Imported', result, myZone));
      return 0;
    }
    case 'refresh':
      io.stdout(
        describeImport('Refreshed', await call(session, 'refreshSchedule', { name: command.name }), myZone),
      );
      return 0;
    case 'export-ics': {
      const exported = await call(session, 'exportSchedule', { name: command.name });
      if (flags.out === undefined) {
        io.stdout(exported.ics);
        return 0;
      }
      try {
        writeFileSync(flags.out, exported.ics);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new Error(`Cannot write ${flags.out} (${code}); nothing was written.`, { cause: error });
      }
      io.stdout(
        `Wrote ${exported.events} shifts of "${exported.name}" (${wallAt(exported.from, myZone)} to ${wallAt(exported.to, myZone)}) to ${flags.out}.\n`,
      );
      return 0;
    }
    case 'list': {
      const views = await call(session, 'listSchedules', {});
      io.stdout(flags.json ? JSON.stringify(views, null, 2) + '\n' : formatList(views, myZone));
      return 0;
    }
  }
}
