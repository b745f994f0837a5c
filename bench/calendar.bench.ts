// Calendar maths benchmark: 100k addWorkingTime and 100k workingTimeBetween on a Dutch business
// calendar (Mon–Fri 09:00–17:00 Europe/Amsterdam, NL holidays), against moment-business-time doing
// the same operations on the same seeded inputs in the same run. Every result of both libraries is
// compared; disagreements are written to stderr.
import { createRequire } from 'node:module';
import Holidays from 'date-holidays';
import type { Moment } from 'moment';
import { createCalendar } from '../src/sla/calendar';
import type { BusinessCalendar, CalendarSpec } from '../src/sla/calendar';
import { medianMs, seededRandom } from './result';
import type { BenchResult } from './result';

const OPS = 100_000;
const HOURS: Array<[string, string]> = [['09:00', '17:00']];
const SPEC: CalendarSpec = {
  timeZone: 'Europe/Amsterdam',
  week: { mon: HOURS, tue: HOURS, wed: HOURS, thu: HOURS, fri: HOURS },
  holidayRegion: 'NL',
};
const FIRST = Date.UTC(2025, 0, 1);
const SPREAD_MS = 730 * 86_400_000; // starts spread over two years
const WORKING_DAY_S = 8 * 3600;

interface BusinessMoment extends Moment {
  addWorkingTime(amount: number, unit: 'seconds'): BusinessMoment;
  workingDiff(other: BusinessMoment, unit: 'seconds'): number;
}
interface BusinessMomentStatic {
  (input: number): BusinessMoment;
  updateLocale(locale: string, config: object): unknown;
}

interface Inputs {
  starts: number[];
  /** Whole seconds, from one minute to five working days. */
  budgets: number[];
  ends: number[];
}

function makeInputs(): Inputs {
  const random = seededRandom(20_260_329);
  const inputs: Inputs = { starts: [], budgets: [], ends: [] };
  for (let i = 0; i < OPS; i++) {
    const start = FIRST + Math.floor(random() * (SPREAD_MS / 1000)) * 1000;
    inputs.starts.push(start);
    inputs.budgets.push(60 * Math.ceil((random() * 5 * WORKING_DAY_S) / 60));
    inputs.ends.push(start + Math.ceil(random() * 21 * 86_400) * 1000);
  }
  return inputs;
}

/** The days our calendar treats as NL holidays (public ones, Bevrijdingsdag in lustrum years), for the baseline. */
function dutchHolidayDates(): string[] {
  const source = new Holidays('NL');
  return [2025, 2026, 2027].flatMap((year) =>
    source
      .getHolidays(year)
      .filter((h) => h.type === 'public' || (h.date.startsWith(`${year}-05-05`) && year % 5 === 0))
      .map((h) => h.date.slice(0, 10)),
  );
}

function runOurs(inputs: Inputs): { add: number[]; between: number[]; addMs: number; betweenMs: number } {
  const add: number[] = new Array<number>(OPS);
  const between: number[] = new Array<number>(OPS);
  const { starts, budgets, ends } = inputs;
  // A fresh calendar per run, so its day cache is built inside the timing.
  let cal: BusinessCalendar = createCalendar(SPEC);
  const addMs = medianMs(5, () => {
    cal = createCalendar(SPEC);
    for (let i = 0; i < OPS; i++) add[i] = cal.addWorkingTime(new Date(starts[i]!), budgets[i]!).getTime();
  });
  const betweenMs = medianMs(5, () => {
    cal = createCalendar(SPEC);
    for (let i = 0; i < OPS; i++)
      between[i] = cal.workingTimeBetween(new Date(starts[i]!), new Date(ends[i]!));
  });
  return { add, between, addMs, betweenMs };
}

function runBaseline(inputs: Inputs): { add: number[]; between: number[]; addMs: number; betweenMs: number } {
  const previousZone = process.env.TZ;
  process.env.TZ = SPEC.timeZone; // moment-business-time works in the process's local zone
  try {
    const moment = createRequire(import.meta.url)('moment-business-time') as BusinessMomentStatic;
    const day = ['09:00:00', '17:00:00'];
    moment.updateLocale('en', {
      workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
      holidays: dutchHolidayDates(),
    });
    const add: number[] = new Array<number>(OPS);
    const between: number[] = new Array<number>(OPS);
    const { starts, budgets, ends } = inputs;
    const addMs = medianMs(1, () => {
      for (let i = 0; i < OPS; i++)
        add[i] = moment(starts[i]!).addWorkingTime(budgets[i]!, 'seconds').valueOf();
    });
    const betweenMs = medianMs(1, () => {
      for (let i = 0; i < OPS; i++) between[i] = moment(ends[i]!).workingDiff(moment(starts[i]!), 'seconds');
    });
    return { add, between, addMs, betweenMs };
  } finally {
    if (previousZone === undefined) delete process.env.TZ;
    else process.env.TZ = previousZone;
  }
}

function reportDisagreements(
  label: string,
  ours: number[],
  theirs: number[],
  show: (i: number) => string,
): void {
  const differing = ours.flatMap((value, i) => (value === theirs[i] ? [] : [i]));
  process.stderr.write(
    `calendar bench: ${label}: ${differing.length} of ${OPS} results differ from moment-business-time\n`,
  );
  for (const i of differing.slice(0, 5)) process.stderr.write(`  ${show(i)}\n`);
}

export async function runCalendarBench(): Promise<BenchResult[]> {
  const inputs = makeInputs();
  const ours = runOurs(inputs);
  const theirs = runBaseline(inputs);
  const when = (ms: number) => new Date(ms).toISOString();
  reportDisagreements(
    'addWorkingTime',
    ours.add,
    theirs.add,
    (i) =>
      `start ${when(inputs.starts[i]!)} + ${inputs.budgets[i]} s: ours ${when(ours.add[i]!)}, theirs ${when(theirs.add[i]!)}`,
  );
  reportDisagreements(
    'workingTimeBetween',
    ours.between,
    theirs.between,
    (i) =>
      `${when(inputs.starts[i]!)} → ${when(inputs.ends[i]!)}: ours ${ours.between[i]} s, theirs ${theirs.between[i]} s`,
  );
  const figure = (name: string, oursMs: number, theirsMs: number): BenchResult => {
    const value = OPS / (oursMs / 1000);
    const baseline = OPS / (theirsMs / 1000);
    return {
      name,
      value,
      unit: 'ops/s',
      baseline,
      ratio: value / baseline,
      goal: '≥ 10× moment-business-time',
    };
  };
  return [
    figure('calendar: 100k addWorkingTime (NL business hours)', ours.addMs, theirs.addMs),
    figure('calendar: 100k workingTimeBetween (NL business hours)', ours.betweenMs, theirs.betweenMs),
  ];
}
