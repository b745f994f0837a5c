// The rotation view's question through the API on a real data folder (`getScheduleRange`): a schedule made in Piket
// over its DST week, in Amsterdam and in New York, gives the final schedule on the wall clock (handoffs stay at their
// local time, a gap's end in the skipped hour moves forward), its gaps and overlaps, each layer's shifts (which a
// swap takes as they come), who is on call now and next and my next shift; a feed gives its entries with their gaps
// and overlaps; a range longer than 62 days or a name that does not exist is refused in words.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleRange, ScheduleView } from '../../../src/api/contract';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import type { Schedule } from '../../../src/rotation/model';
import { swapShifts } from '../../../src/rotation/swap';
import { createFakeClock } from '../../support/fake-clock';
import { at, fixturePath, SUPPORT_NL } from '../../support/rotation';
import { call, ok } from '../../support/api-calls';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const DAY = 86_400_000;
const HOUR = 3_600_000;

const open: PiketService[] = [];
afterEach(async () => {
  for (const piket of open.splice(0)) await piket.close();
});

function service(now: string): PiketService {
  const piket = openPiketService({
    dataDir: tempDir(),
    version: 'test',
    role: 'web',
    clock: createFakeClock(at(now)),
    syncIntervalMs: 3_600_000,
  });
  open.push(piket);
  return piket;
}

function range(piket: PiketService, name: string, from: string, to: string): Promise<ScheduleRange> {
  return ok<ScheduleRange>(piket, 'getScheduleRange', { name, from: at(from), to: at(to) });
}

/** An instant on a zone's wall clock, 'YYYY-MM-DD HH:MM', read with Intl (not with the code under test). */
function wall(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

const spans = (list: ReadonlyArray<{ start: number; end: number }>, zone: string) =>
  list.map(({ start, end }) => `${wall(start, zone)} – ${wall(end, zone)}`);

describe('a schedule made in Piket over its DST week', () => {
  const AMS = 'Europe/Amsterdam';
  // Monday 23 March 00:00 CET to Monday 30 March 00:00 CEST: 167 hours.
  const WEEK = ['2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z'] as const;

  it('Amsterdam: the final schedule keeps every handoff on the wall clock; the gap before the start; nights overlap', async () => {
    const piket = service('2026-03-25T12:00:00Z');
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    const week = await range(piket, 'Support NL', ...WEEK);
    expect(week).toMatchObject({ kind: 'local', timeZone: AMS, asOf: at('2026-03-25T12:00:00Z') });
    expect(week.to - week.from).toBe(167 * HOUR);
    expect(
      week.entries.map((e) => `${spans([e], AMS)[0]} ${e.person} (${e.layerName}, ${e.source})`),
    ).toEqual([
      '2026-03-23 09:00 – 2026-03-23 18:00 Jane Doe (Primary, layer)',
      '2026-03-23 18:00 – 2026-03-24 08:00 Noor Bakker (Nights, layer)',
      '2026-03-24 08:00 – 2026-03-24 18:00 Jane Doe (Primary, layer)',
      '2026-03-24 18:00 – 2026-03-25 08:00 Jane Doe (Nights, layer)',
      '2026-03-25 08:00 – 2026-03-25 18:00 Jane Doe (Primary, layer)',
      '2026-03-25 18:00 – 2026-03-26 08:00 Noor Bakker (Nights, layer)',
      '2026-03-26 08:00 – 2026-03-26 18:00 Jane Doe (Primary, layer)',
      '2026-03-26 18:00 – 2026-03-27 08:00 Jane Doe (Nights, layer)',
      '2026-03-27 08:00 – 2026-03-27 18:00 Jane Doe (Primary, layer)',
      '2026-03-27 18:00 – 2026-03-28 08:00 Noor Bakker (Nights, layer)',
      '2026-03-28 08:00 – 2026-03-28 18:00 Jane Doe (Primary, layer)',
      // The night the clocks go forward: 18:00 CET to 08:00 CEST is 13 real hours.
      '2026-03-28 18:00 – 2026-03-29 08:00 Jane Doe (Nights, layer)',
      '2026-03-29 08:00 – 2026-03-29 18:00 Jane Doe (Primary, layer)',
      '2026-03-29 18:00 – 2026-03-30 00:00 Noor Bakker (Nights, layer)',
    ]);
    const dstNight = week.entries[11]!;
    expect(dstNight.end - dstNight.start).toBe(13 * HOUR);
    expect(dstNight.member).toEqual({ name: 'Jane Doe', email: 'jane@example.com' });
    expect(spans(week.gaps, AMS)).toEqual(['2026-03-23 00:00 – 2026-03-23 09:00']);
    // Both layers have someone every night from the 23rd: Nights wins, Primary's Jane is listed second.
    expect(week.overlaps).toHaveLength(7);
    expect(week.overlaps.every((o) => o.kind === 'layers' && o.people[1] === 'Jane Doe')).toBe(true);
    expect(spans(week.overlaps.slice(5), AMS)).toEqual([
      '2026-03-28 18:00 – 2026-03-29 08:00',
      '2026-03-29 18:00 – 2026-03-30 00:00',
    ]);
    // Each layer's shifts, whole: Primary's first week runs into the next Monday at 09:00 CEST.
    expect(week.layers.map((l) => [l.layerName, l.shifts.length])).toEqual([
      ['Primary', 1],
      ['Nights', 7],
    ]);
    expect(spans(week.layers[0]!.shifts, AMS)).toEqual(['2026-03-23 09:00 – 2026-03-30 09:00']);
    expect(week.layers[0]!.shifts[0]!.end - week.layers[0]!.shifts[0]!.start).toBe(167 * HOUR);
  });

  it('Amsterdam: who is on call now (one stretch across layers), next, and my next shift past an override', async () => {
    const piket = service('2026-03-25T12:00:00Z');
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    await ok(piket, 'updateSettings', { me: 'SAM@example.com' });
    const week = await range(piket, 'support nl', ...WEEK);
    expect(week.now).toBe(at('2026-03-25T12:00:00Z'));
    expect(week.onCall).toHaveLength(1);
    expect(spans([week.onCall[0]! as { start: number; end: number }], AMS)).toEqual([
      '2026-03-24 08:00 – 2026-03-25 18:00',
    ]);
    expect(week.onCall[0]).toMatchObject({ person: 'Jane Doe', source: 'layer', current: true });
    expect(week.next).toMatchObject({
      person: 'Noor Bakker',
      start: at('2026-03-25T17:00:00Z'),
      end: at('2026-03-26T07:00:00Z'),
      current: false,
    });
    // Sam's first Primary week starts Monday 30 March 09:00 CEST; Nights takes over at 18:00.
    expect(week.mine).toMatchObject({
      person: 'Sam Smit',
      start: at('2026-03-30T07:00:00Z'),
      end: at('2026-03-30T16:00:00Z'),
      source: 'layer',
      current: false,
    });
    // The next week shows Kim's override of the whole schedule on 31 March 10:00–14:00 CEST.
    const next = await range(piket, 'Support NL', '2026-03-29T22:00:00Z', '2026-04-05T22:00:00Z');
    const kim = next.entries.find((e) => e.source === 'override');
    expect(kim).toMatchObject({
      person: 'Kim de Wit',
      overrideId: 'kim-covers',
      layerId: null,
      layerName: null,
    });
    expect(spans([kim!], AMS)).toEqual(['2026-03-31 10:00 – 2026-03-31 14:00']);
  });

  it('New York: a night layer ending at 02:00 leaves a gap that is an hour shorter the night 02:00 does not exist', async () => {
    const NY = 'America/New_York';
    const schedule: Schedule = {
      id: 'ny',
      name: 'Support NY',
      timeZone: NY,
      layers: [
        {
          id: 'days',
          name: 'Days',
          members: [{ name: 'Ana' }, { name: 'Ben' }],
          rotation: { every: 1, unit: 'weeks' },
          handoff: '08:00',
          start: '2026-03-02T08:00',
          restrictions: [{ kind: 'daily', from: '08:00', to: '18:00' }],
        },
        {
          id: 'evenings',
          name: 'Evenings',
          members: [{ name: 'Cleo' }],
          rotation: { every: 1, unit: 'days' },
          handoff: '18:00',
          start: '2026-03-02T18:00',
          restrictions: [{ kind: 'daily', from: '18:00', to: '02:00' }],
        },
      ],
      overrides: [],
    };
    const piket = service('2026-03-06T15:00:00Z');
    await ok(piket, 'saveSchedule', { schedule });
    // Thursday 5 March 00:00 EST to Thursday 12 March 00:00 EDT; the clocks go forward on Sunday the 8th.
    const week = await range(piket, 'Support NY', '2026-03-05T05:00:00Z', '2026-03-12T04:00:00Z');
    expect(spans(week.gaps, NY)).toEqual([
      '2026-03-05 02:00 – 2026-03-05 08:00',
      '2026-03-06 02:00 – 2026-03-06 08:00',
      '2026-03-07 02:00 – 2026-03-07 08:00',
      '2026-03-08 03:00 – 2026-03-08 08:00',
      '2026-03-09 02:00 – 2026-03-09 08:00',
      '2026-03-10 02:00 – 2026-03-10 08:00',
      '2026-03-11 02:00 – 2026-03-11 08:00',
    ]);
    expect(week.gaps.map((g) => (g.end - g.start) / HOUR)).toEqual([6, 6, 6, 5, 6, 6, 6]);
    // Days hands over from Ana to Ben on Monday the 9th at 08:00 EDT, the same wall-clock time as before.
    const days = week.entries.filter((e) => e.layerId === 'days');
    expect(days.map((e) => `${wall(e.start, NY).slice(5)} ${e.person}`)).toEqual([
      '03-05 08:00 Ana',
      '03-06 08:00 Ana',
      '03-07 08:00 Ana',
      '03-08 08:00 Ana',
      '03-09 08:00 Ben',
      '03-10 08:00 Ben',
      '03-11 08:00 Ben',
    ]);
    expect(week.overlaps).toEqual([]);
    expect(week.onCall).toMatchObject([{ person: 'Ana', start: at('2026-03-06T13:00:00Z') }]);
    expect(week.next).toMatchObject({ person: 'Cleo', start: at('2026-03-06T23:00:00Z') });
    expect(week.mine).toBeNull();
  });

  it('gives each layer’s shifts in the form a swap takes; the swap’s overrides show in the range', async () => {
    const piket = service('2026-03-25T12:00:00Z');
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    const week = await range(piket, 'Support NL', ...WEEK);
    const [noor, jane] = week.layers[1]!.shifts.slice(2, 4);
    const swapped = swapShifts(SUPPORT_NL, noor!, jane!);
    await ok(piket, 'saveSchedule', {
      schedule: { ...SUPPORT_NL, overrides: [...SUPPORT_NL.overrides, ...swapped] },
    });
    const after = await range(piket, 'Support NL', ...WEEK);
    const nights = after.entries.filter((e) => e.layerId === 'nights').slice(2, 4);
    expect(nights.map((e) => [wall(e.start, AMS), e.person, e.source])).toEqual([
      ['2026-03-25 18:00', 'Jane Doe', 'override'],
      ['2026-03-26 18:00', 'Noor Bakker', 'override'],
    ]);
    // The layer's own shifts stay as the rotation has them: a swap is two overrides on top.
    expect(after.layers[1]!.shifts).toEqual(week.layers[1]!.shifts);
  });
});

describe('a feed over a range', () => {
  it('lists its entries with their gaps and where two people overlap; now, next and mine from the feed', async () => {
    const piket = service('2022-08-01T12:50:00Z');
    await ok(piket, 'importSchedule', { source: fixturePath('06'), name: 'quality' });
    await ok(piket, 'updateSettings', { me: 'test' });
    const day = await range(piket, 'quality', '2022-08-01T00:00:00Z', '2022-08-02T00:00:00Z');
    expect(day).toMatchObject({ kind: 'feed', timeZone: 'Europe/London', lastError: null, layers: [] });
    expect(day.entries.map((e) => [e.person, e.source, e.summary])).toEqual([
      ['user1', 'feed', 'user1'],
      ['user2', 'feed', 'user2'],
    ]);
    expect(spans(day.gaps, 'UTC')).toEqual([
      '2022-08-01 00:00 – 2022-08-01 12:30',
      '2022-08-01 14:15 – 2022-08-02 00:00',
    ]);
    expect(day.overlaps).toEqual([
      {
        start: at('2022-08-01T12:45:00Z'),
        end: at('2022-08-01T13:30:00Z'),
        kind: 'entries',
        layerId: null,
        people: ['user1', 'user2'],
      },
    ]);
    expect(day.onCall.map((s) => [s.person, s.current])).toEqual([
      ['user1', true],
      ['user2', true],
    ]);
    expect(day.next).toMatchObject({ person: 'test', start: at('2022-08-26T12:00:00Z'), current: false });
    expect(day.mine).toMatchObject({ person: 'test', start: at('2022-08-26T12:00:00Z'), current: false });
  });

  it('cuts an entry to the range and gives its person with the attendee’s e-mail', async () => {
    const piket = service('2025-08-01T00:00:00Z');
    await ok(piket, 'importSchedule', { source: fixturePath('11'), name: 'pd' });
    await ok(piket, 'updateSettings', { me: 'JANE@example.com' });
    const week = await range(piket, 'pd', '2025-08-04T00:00:00Z', '2025-08-11T00:00:00Z');
    expect(week.entries).toEqual([
      {
        start: at('2025-08-04T00:00:00Z'),
        end: at('2025-08-07T15:00:00Z'),
        person: 'Jane Doe',
        member: { name: 'Jane Doe', email: 'jane@example.com' },
        source: 'feed',
        layerId: null,
        layerName: null,
        overrideId: null,
        summary: 'On Call - Jane Doe - On-Call Team',
        attendees: [{ name: null, email: 'jane@example.com' }],
        allDay: false,
      },
    ]);
    expect(spans(week.gaps, 'UTC')).toEqual(['2025-08-07 15:00 – 2025-08-11 00:00']);
    expect(week.mine).toMatchObject({ person: 'Jane Doe', current: true, end: at('2025-08-07T15:00:00Z') });
    // The next entry (1 October, 61 days on) names nobody: its summary stands in for the person.
    expect(week.next).toMatchObject({
      person: 'On Call - Next Week',
      member: { name: 'On Call - Next Week' },
      start: at('2025-10-01T15:00:00Z'),
    });
    const [view] = await ok<ScheduleView[]>(piket, 'listSchedules', {});
    expect(view).toMatchObject({ onCallNow: ['Jane Doe'], withMe: true });
  });
});

describe('refusals', () => {
  it('refuses a reversed range, one longer than 62 days and an unknown name, in words', async () => {
    const piket = service('2026-03-25T12:00:00Z');
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    const from = at('2026-03-01T00:00:00Z');
    expect(await call(piket, 'getScheduleRange', { name: 'Support NL', from, to: from })).toEqual({
      ok: false,
      error: { code: 'invalid_argument', message: 'The range must end after it starts.' },
    });
    expect(
      await call(piket, 'getScheduleRange', { name: 'Support NL', from, to: from + 62 * DAY + 1 }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: 'Piket shows at most 62 days of a schedule at a time; ask for a shorter range.',
      },
    });
    expect(
      (await call(piket, 'getScheduleRange', { name: 'Support NL', from, to: from + 62 * DAY })).ok,
    ).toBe(true);
    expect(await call(piket, 'getScheduleRange', { name: 'Nope', from, to: from + DAY })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no schedule named "Nope" (schedules: "Support NL").' },
    });
    expect(
      await call(piket, 'getScheduleRange', { name: 'Support NL', from: 'soon', to: from }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
  });

  it('says whether I take part in a schedule: a member of a layer or of an override', async () => {
    const piket = service('2026-03-25T12:00:00Z');
    await ok(piket, 'saveSchedule', { schedule: SUPPORT_NL });
    const withMe = async () => (await ok<ScheduleView[]>(piket, 'listSchedules', {}))[0]!.withMe;
    await ok(piket, 'updateSettings', { me: 'Someone Else' });
    expect(await withMe()).toBe(false);
    await ok(piket, 'updateSettings', { me: 'kim@EXAMPLE.com' });
    expect(await withMe()).toBe(true);
    await ok(piket, 'updateSettings', { me: 'Noor Bakker' });
    expect(await withMe()).toBe(true);
  });
});
