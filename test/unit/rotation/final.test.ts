// The final schedule: restrictions, layer precedence and fall-through, overrides (of the schedule and of one
// layer) across a handoff, gaps, overlaps, a layer's start and end, and the leap day.
import { describe, expect, it } from 'vitest';
import { finalSchedule } from '../../../src/rotation/final';
import { layerShifts } from '../../../src/rotation/layer';
import type { Layer, Override } from '../../../src/rotation/model';
import { ScheduleError } from '../../../src/rotation/schedule-schema';
import { hours, layer, lines, people, schedule, span, t } from './helpers';

const AMS = 'Europe/Amsterdam';
const weekly = layer({ id: 'weekly', members: people('Ann', 'Bob'), start: '2026-03-16T09:00' });
const outOfHours: Layer = {
  ...weekly,
  id: 'out-of-hours',
  // Weekdays 18:00–08:00 (every night, so also Sunday night into Monday) plus weekends all day.
  restrictions: [
    { kind: 'daily', from: '18:00', to: '08:00' },
    { kind: 'weekly', fromDay: 6, from: '00:00', toDay: 1, to: '00:00' },
  ],
};
const nightCover = layer({
  id: 'nights',
  members: people('Dan'),
  rotation: { every: 1, unit: 'days' },
  start: '2026-03-16T18:00',
  restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
});

describe('restrictions', () => {
  it('covers weekday nights and whole weekends, across the spring change, and leaves office hours as gaps', () => {
    const result = finalSchedule(
      schedule(AMS, [outOfHours]),
      t('2026-03-23T00:00+01:00'),
      t('2026-03-30T12:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Ann: 2026-03-23T00:00+01:00 → 2026-03-23T08:00+01:00',
      'Bob: 2026-03-23T18:00+01:00 → 2026-03-24T08:00+01:00',
      'Bob: 2026-03-24T18:00+01:00 → 2026-03-25T08:00+01:00',
      'Bob: 2026-03-25T18:00+01:00 → 2026-03-26T08:00+01:00',
      'Bob: 2026-03-26T18:00+01:00 → 2026-03-27T08:00+01:00',
      'Bob: 2026-03-27T18:00+01:00 → 2026-03-30T08:00+02:00',
    ]);
    // Friday 18:00 CET to Monday 08:00 CEST: 62 hours on the wall clock, 61 real ones.
    expect(hours(result.entries[5]!)).toBe(61);
    expect(result.gaps.map((gap) => span(gap, AMS))).toEqual([
      '2026-03-23T08:00+01:00 → 2026-03-23T18:00+01:00',
      '2026-03-24T08:00+01:00 → 2026-03-24T18:00+01:00',
      '2026-03-25T08:00+01:00 → 2026-03-25T18:00+01:00',
      '2026-03-26T08:00+01:00 → 2026-03-26T18:00+01:00',
      '2026-03-27T08:00+01:00 → 2026-03-27T18:00+01:00',
      '2026-03-30T08:00+02:00 → 2026-03-30T12:00+02:00',
    ]);
  });

  it('cuts a turn into one shift per window, each carrying the turn and its member', () => {
    const shifts = layerShifts(
      schedule(AMS, [outOfHours]),
      'out-of-hours',
      t('2026-03-24T00:00+01:00'),
      t('2026-03-25T12:00+01:00'),
    );
    // Whole shifts: the first began before the range.
    expect(shifts.map((shift) => [shift.turn, shift.memberIndex, span(shift, AMS)])).toEqual([
      [1, 1, '2026-03-23T18:00+01:00 → 2026-03-24T08:00+01:00'],
      [1, 1, '2026-03-24T18:00+01:00 → 2026-03-25T08:00+01:00'],
    ]);
  });

  it('wraps a weekly window past Sunday', () => {
    const weekend = layer({
      id: 'weekend',
      members: people('Ann'),
      start: '2026-06-01T09:00',
      restrictions: [{ kind: 'weekly', fromDay: 5, from: '17:00', toDay: 1, to: '09:00' }],
    });
    const result = finalSchedule(
      schedule(AMS, [weekend]),
      t('2026-06-08T00:00+02:00'),
      t('2026-06-16T00:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Ann: 2026-06-08T00:00+02:00 → 2026-06-08T09:00+02:00',
      'Ann: 2026-06-12T17:00+02:00 → 2026-06-15T09:00+02:00',
    ]);
  });

  it('reads a window whose end equals its start as the whole day or the whole week', () => {
    const always = layer({
      id: 'always',
      members: people('Ann'),
      start: '2026-06-01T09:00',
      restrictions: [{ kind: 'daily', from: '09:00', to: '09:00' }],
    });
    const result = finalSchedule(
      schedule(AMS, [always]),
      t('2026-06-02T00:00+02:00'),
      t('2026-06-08T00:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual(['Ann: 2026-06-02T00:00+02:00 → 2026-06-08T00:00+02:00']);
  });
});

describe('layers', () => {
  it('lets the later layer win where it has someone, and the layer below show through elsewhere', () => {
    const result = finalSchedule(
      schedule(AMS, [weekly, nightCover]),
      t('2026-06-10T12:00+02:00'),
      t('2026-06-11T12:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Ann: 2026-06-10T12:00+02:00 → 2026-06-10T18:00+02:00',
      'Dan: 2026-06-10T18:00+02:00 → 2026-06-11T08:00+02:00',
      'Ann: 2026-06-11T08:00+02:00 → 2026-06-11T12:00+02:00',
    ]);
    expect(result.overlaps).toEqual([
      {
        kind: 'layers',
        layerId: null,
        start: t('2026-06-10T18:00+02:00'),
        end: t('2026-06-11T08:00+02:00'),
        claims: [
          { source: 'layer', layerId: 'nights', turn: 86, member: { name: 'Dan' } },
          { source: 'layer', layerId: 'weekly', turn: 12, member: { name: 'Ann' } },
        ],
      },
    ]);
  });

  it('reverses the outcome when the layers are listed the other way round', () => {
    const result = finalSchedule(
      schedule(AMS, [nightCover, weekly]),
      t('2026-06-10T12:00+02:00'),
      t('2026-06-11T12:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual(['Ann: 2026-06-10T12:00+02:00 → 2026-06-11T12:00+02:00']);
    expect(result.overlaps.map((overlap) => overlap.claims.map((claim) => claim.member.name))).toEqual([
      ['Ann', 'Dan'],
    ]);
  });

  it('has nobody before a layer starts and from its end on', () => {
    const bounded = { ...weekly, start: '2026-06-01T09:00', end: '2026-06-08T12:00' };
    const result = finalSchedule(
      schedule(AMS, [bounded]),
      t('2026-05-31T00:00+02:00'),
      t('2026-06-10T00:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Ann: 2026-06-01T09:00+02:00 → 2026-06-08T09:00+02:00',
      'Bob: 2026-06-08T09:00+02:00 → 2026-06-08T12:00+02:00',
    ]);
    expect(result.gaps.map((gap) => span(gap, AMS))).toEqual([
      '2026-05-31T00:00+02:00 → 2026-06-01T09:00+02:00',
      '2026-06-08T12:00+02:00 → 2026-06-10T00:00+02:00',
    ]);
  });

  it('reports a schedule with no layers as one gap', () => {
    const result = finalSchedule(schedule(AMS, []), t('2026-06-01T00:00Z'), t('2026-06-02T00:00Z'));
    expect(result).toEqual({
      from: t('2026-06-01T00:00Z'),
      to: t('2026-06-02T00:00Z'),
      entries: [],
      gaps: [{ start: t('2026-06-01T00:00Z'), end: t('2026-06-02T00:00Z') }],
      overlaps: [],
    });
  });
});

describe('overrides', () => {
  const cat = { name: 'Cat', phone: '+31 6 1234 5678' };
  const across: Override = {
    id: 'cover',
    start: t('2026-03-29T20:00+02:00'),
    end: t('2026-03-30T12:00+02:00'),
    member: cat,
  };

  it('puts an override of the schedule over a handoff, and the rotation back on both sides', () => {
    const result = finalSchedule(
      schedule(AMS, [weekly], [across]),
      t('2026-03-29T12:00+02:00'),
      t('2026-03-30T18:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Bob: 2026-03-29T12:00+02:00 → 2026-03-29T20:00+02:00',
      'Cat: 2026-03-29T20:00+02:00 → 2026-03-30T12:00+02:00',
      'Ann: 2026-03-30T12:00+02:00 → 2026-03-30T18:00+02:00',
    ]);
    expect(result.entries[1]).toEqual({
      start: across.start,
      end: across.end,
      member: cat,
      source: 'override',
      layerId: null,
      overrideId: 'cover',
    });
    expect(result.overlaps).toEqual([]);
  });

  it('wins over every layer, also one listed later', () => {
    const result = finalSchedule(
      schedule(AMS, [weekly, nightCover], [across]),
      t('2026-03-29T20:00+02:00'),
      t('2026-03-30T12:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual(['Cat: 2026-03-29T20:00+02:00 → 2026-03-30T12:00+02:00']);
  });

  it('keeps an override of one layer to that layer’s windows, under the layers above it', () => {
    const onNights: Override = { ...across, id: 'nights-cover', layerId: 'out-of-hours' };
    const result = finalSchedule(
      schedule(AMS, [weekly, outOfHours], [onNights]),
      t('2026-03-29T12:00+02:00'),
      t('2026-03-30T18:00+02:00'),
    );
    // Cat takes the out-of-hours layer from 20:00 to its window's end at 08:00; then the day layer shows through.
    expect(lines(result.entries, AMS)).toEqual([
      'Bob: 2026-03-29T12:00+02:00 → 2026-03-29T20:00+02:00',
      'Cat: 2026-03-29T20:00+02:00 → 2026-03-30T08:00+02:00',
      'Bob: 2026-03-30T08:00+02:00 → 2026-03-30T09:00+02:00',
      'Ann: 2026-03-30T09:00+02:00 → 2026-03-30T18:00+02:00',
    ]);
    expect(result.entries[1]).toMatchObject({
      source: 'override',
      layerId: 'out-of-hours',
      overrideId: 'nights-cover',
    });
  });

  it('lets the later of two overlapping overrides win and reports the overlap', () => {
    const later: Override = {
      id: 'later',
      start: t('2026-03-30T10:00+02:00'),
      end: t('2026-03-30T14:00+02:00'),
      member: { name: 'Dan' },
    };
    const result = finalSchedule(
      schedule(AMS, [weekly], [across, later]),
      t('2026-03-30T00:00+02:00'),
      t('2026-03-30T16:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Cat: 2026-03-30T00:00+02:00 → 2026-03-30T10:00+02:00',
      'Dan: 2026-03-30T10:00+02:00 → 2026-03-30T14:00+02:00',
      'Ann: 2026-03-30T14:00+02:00 → 2026-03-30T16:00+02:00',
    ]);
    expect(result.overlaps).toEqual([
      {
        kind: 'overrides',
        layerId: null,
        start: t('2026-03-30T10:00+02:00'),
        end: t('2026-03-30T12:00+02:00'),
        claims: [
          { source: 'override', layerId: null, overrideId: 'later', member: { name: 'Dan' } },
          { source: 'override', layerId: null, overrideId: 'cover', member: cat },
        ],
      },
    ]);
  });

  it('fills a gap: an override where no layer has anyone', () => {
    const result = finalSchedule(
      schedule(AMS, [outOfHours], [{ ...across, id: 'day', start: t('2026-03-30T08:00+02:00') }]),
      t('2026-03-30T06:00+02:00'),
      t('2026-03-30T18:00+02:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Bob: 2026-03-30T06:00+02:00 → 2026-03-30T08:00+02:00',
      'Cat: 2026-03-30T08:00+02:00 → 2026-03-30T12:00+02:00',
    ]);
    expect(result.gaps.map((gap) => span(gap, AMS))).toEqual([
      '2026-03-30T12:00+02:00 → 2026-03-30T18:00+02:00',
    ]);
  });
});

describe('the leap day', () => {
  it('gives 2028-02-29 its own turn in a daily rotation', () => {
    const daily = layer({
      id: 'daily',
      members: people('Ann', 'Bob', 'Cat'),
      rotation: { every: 1, unit: 'days' },
      start: '2028-02-27T09:00',
    });
    const result = finalSchedule(
      schedule(AMS, [daily]),
      t('2028-02-27T09:00+01:00'),
      t('2028-03-02T09:00+01:00'),
    );
    expect(lines(result.entries, AMS)).toEqual([
      'Ann: 2028-02-27T09:00+01:00 → 2028-02-28T09:00+01:00',
      'Bob: 2028-02-28T09:00+01:00 → 2028-02-29T09:00+01:00',
      'Cat: 2028-02-29T09:00+01:00 → 2028-03-01T09:00+01:00',
      'Ann: 2028-03-01T09:00+01:00 → 2028-03-02T09:00+01:00',
    ]);
  });

  it('counts days on the calendar: 365 days after 2027-03-01 is 2028-02-29, and a week on is a Tuesday again', () => {
    const yearly = layer({
      id: 'yearly',
      members: people('Ann', 'Bob'),
      rotation: { every: 365, unit: 'days' },
      start: '2027-03-01T09:00',
    });
    const shifts = layerShifts(
      schedule(AMS, [yearly]),
      'yearly',
      t('2028-02-28T00:00Z'),
      t('2028-03-01T00:00Z'),
    );
    expect(lines(shifts, AMS)).toEqual([
      'Ann: 2027-03-01T09:00+01:00 → 2028-02-29T09:00+01:00',
      'Bob: 2028-02-29T09:00+01:00 → 2029-02-28T09:00+01:00',
    ]);
    const weeklyFromTuesday = {
      ...yearly,
      id: 'weekly',
      rotation: { every: 1, unit: 'weeks' as const },
      start: '2028-02-22T09:00',
    };
    const weeks = layerShifts(
      schedule(AMS, [weeklyFromTuesday]),
      'weekly',
      t('2028-02-29T12:00Z'),
      t('2028-03-01T00:00Z'),
    );
    expect(lines(weeks, AMS)).toEqual(['Bob: 2028-02-29T09:00+01:00 → 2028-03-07T09:00+01:00']);
  });
});

describe('bad input', () => {
  it('names the JSON path of a problem in the schedule', () => {
    const broken = schedule('Europe/Atlantis', [weekly]);
    expect(() => finalSchedule(broken, 0, 1)).toThrow(ScheduleError);
    expect(() => finalSchedule(broken, 0, 1)).toThrow(
      'schedule: timeZone: "Europe/Atlantis" is not an IANA time zone (e.g. Europe/Amsterdam)',
    );
  });

  it('refuses a range that ends before it starts or is not a number', () => {
    const fine = schedule(AMS, [weekly]);
    expect(() => finalSchedule(fine, 10, 5)).toThrow('Rotation: the range ends (5) before it starts (10)');
    expect(() => finalSchedule(fine, Number.NaN, 5)).toThrow(/the range must be two instants/);
    expect(() => layerShifts(fine, 'nope', 0, 1)).toThrow(
      'Rotation: schedule "Primary" has no layer "nope" (layers: "weekly")',
    );
  });
});
