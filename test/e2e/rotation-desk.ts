// A rotation written into a fresh data folder before its web host starts (a DataDirSetup), beside the demo desk:
// "Support NY", America/New_York, one layer handing off daily at 09:00 between Ada Lovelace and Grace Hopper, with
// Ada holding the turn under way now, and a weekly restriction that leaves a gap every week on one weekday from
// 03:00 to 06:00 — a weekday other than today's in New York, so it lies in this week but never at now. What the
// tests expect is computed here from the same instant the schedule was made at (ROTATION). `withRotation` adds it
// to another seeder's folder.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Schedule } from '../../src/rotation/model';
import { civilOfDay, weekdayOfDay } from '../../src/sla/civil';
import { closeDatabase, openDatabase } from '../../src/store/database';
import { ScheduleStore } from '../../src/store/schedule-store';
import { SettingsStore } from '../../src/store/settings-store';
import type { DataDirSetup } from './fixtures';

const DAY_MS = 86_400_000;
export const ZONE = 'America/New_York';
export const SCHEDULE_NAME = 'Support NY';
export const ADA = { name: 'Ada Lovelace', phone: '+1 212 555 0100', email: 'ada@example.com' };
export const GRACE = { name: 'Grace Hopper', email: 'grace@example.com' };

/** Filled in when the folder is seeded. */
export const ROTATION = {
  /** ISO weekday (1 = Monday) of the weekly gap, 03:00–06:00 New York time. */
  gapWeekday: 0,
  /** Whether it was 09:00 or later in New York: then Ada's turn started today, else yesterday. */
  afterHandoff: false,
  /** Today's handoff, 09:00 in New York, as an instant. */
  todayHandoff: 0,
  /** Today's date in New York, 'YYYY-MM-DD'. */
  today: '',
};

/** The local day number and minutes of the day an instant shows in a zone, read with Intl. */
function localNow(instant: number, timeZone: string): { day: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  const day = Math.floor(Date.UTC(parts.year!, parts.month! - 1, parts.day!) / DAY_MS);
  return { day, minutes: parts.hour! * 60 + parts.minute! };
}

/** The instant a wall-clock time shows in a zone (not in a DST gap): the offset read with Intl, twice. */
function instantOf(day: number, minutes: number, timeZone: string): number {
  const wall = day * DAY_MS + minutes * 60_000;
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const shown = localNow(instant, timeZone);
    instant = wall - (shown.day * DAY_MS + shown.minutes * 60_000 - instant);
  }
  return instant;
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateKey(day: number): string {
  const [year, month, date] = civilOfDay(day);
  return `${year}-${pad(month)}-${pad(date)}`;
}

/** Writes "Support NY", as of `now`, into an open database; returns what the tests expect of it. */
function addSupportNy(db: Database.Database, now: number): typeof ROTATION {
  const { day: today, minutes } = localNow(now, ZONE);
  const afterHandoff = minutes >= 9 * 60;
  const turnDay = afterHandoff ? today : today - 1;
  const todayWeekday = weekdayOfDay(today) + 1;
  const gapWeekday = todayWeekday === 3 ? 5 : 3;
  // An even number of turns before the one under way, so Ada (members[0]) holds it.
  const schedule: Schedule = {
    id: 'support-ny',
    name: SCHEDULE_NAME,
    timeZone: ZONE,
    layers: [
      {
        id: 'primary',
        name: 'Primary',
        members: [ADA, GRACE],
        rotation: { every: 1, unit: 'days' },
        handoff: '09:00',
        start: `${dateKey(turnDay - 14)}T09:00`,
        restrictions: [
          { kind: 'weekly', fromDay: gapWeekday, from: '06:00', toDay: gapWeekday, to: '03:00' },
        ],
      },
    ],
    overrides: [],
  };
  new ScheduleStore(db).saveLocal(schedule, now);
  return { gapWeekday, afterHandoff, todayHandoff: instantOf(today, 9 * 60, ZONE), today: dateKey(today) };
}

function withDatabase(dataDir: string, use: (db: Database.Database) => void): void {
  const { db } = openDatabase(join(dataDir, 'piket.db'));
  try {
    use(db);
  } finally {
    closeDatabase(db);
  }
}

/** "Support NY" beside the demo desk, with Grace Hopper as me. */
export const rotationDesk: DataDirSetup = {
  prepare: (dataDir) =>
    withDatabase(dataDir, (db) => {
      new SettingsStore(db).set('me', GRACE.name);
      Object.assign(ROTATION, addSupportNy(db, Date.now()));
    }),
};

/** Another seeder's folder with "Support NY" added (the settings as that seeder left them). */
export function withRotation(setup: DataDirSetup): DataDirSetup {
  return {
    prepare(dataDir) {
      setup.prepare(dataDir);
      withDatabase(dataDir, (db) => Object.assign(ROTATION, addSupportNy(db, Date.now())));
    },
  };
}
