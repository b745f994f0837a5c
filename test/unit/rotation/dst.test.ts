// Rotations across DST changes: handoffs stay on the wall clock (a weekly turn is 167 h in spring, 169 h in
// autumn), a daily night layer is 13 h and 15 h on the change nights, a handoff in the skipped hour moves
// forward by the gap, one in the repeated hour takes its first pass, and a member in another zone only sees
// the times differently. Europe/Amsterdam (2026-03-29, 2026-10-25) and America/New_York (2026-03-08, 2026-11-01).
import { describe, expect, it } from 'vitest';
import { finalSchedule } from '../../../src/rotation/final';
import { layerShifts } from '../../../src/rotation/layer';
import { localTimes } from '../../../src/rotation/local-time';
import type { Layer } from '../../../src/rotation/model';
import { hours, layer, lines, people, schedule, span, t } from './helpers';

const nights = (start: string, members = people('Dan', 'Eve')): Layer =>
  layer({
    id: 'nights',
    members,
    rotation: { every: 1, unit: 'days' },
    start,
    restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
  });

describe.each([
  {
    zone: 'Europe/Amsterdam',
    spring: { start: '2026-03-23T09:00', from: '2026-03-23T09:00+01:00', to: '2026-03-30T09:00+02:00' },
    autumn: { start: '2026-10-19T09:00', from: '2026-10-19T09:00+02:00', to: '2026-10-26T09:00+01:00' },
  },
  {
    zone: 'America/New_York',
    spring: { start: '2026-03-02T09:00', from: '2026-03-02T09:00-05:00', to: '2026-03-09T09:00-04:00' },
    autumn: { start: '2026-10-26T09:00', from: '2026-10-26T09:00-04:00', to: '2026-11-02T09:00-05:00' },
  },
])('$zone: a weekly rotation with a 09:00 handoff', ({ zone, spring, autumn }) => {
  it('hands off at 09:00 local on both sides of the spring change: a 167-hour week', () => {
    const weekly = layer({ id: 'weekly', members: people('Ann', 'Bob'), start: spring.start });
    const shifts = layerShifts(schedule(zone, [weekly]), 'weekly', t(spring.from), t(spring.to) + 1);
    expect(shifts.map((shift) => [shift.member.name, shift.start, shift.end, hours(shift)])).toEqual([
      ['Ann', t(spring.from), t(spring.to), 167],
      ['Bob', t(spring.to), t(spring.to) + 7 * 24 * 3_600_000, 168],
    ]);
  });

  it('hands off at 09:00 local on both sides of the autumn change: a 169-hour week', () => {
    const weekly = layer({ id: 'weekly', members: people('Ann', 'Bob'), start: autumn.start });
    const [first] = layerShifts(schedule(zone, [weekly]), 'weekly', t(autumn.from), t(autumn.to));
    expect(first).toMatchObject({ member: { name: 'Ann' }, start: t(autumn.from), end: t(autumn.to) });
    expect(hours(first!)).toBe(169);
  });
});

describe('Europe/Amsterdam: a daily 18:00–08:00 night layer over a weekly day rotation', () => {
  const zone = 'Europe/Amsterdam';
  const weekly = layer({ id: 'weekly', members: people('Ann', 'Bob'), start: '2026-03-23T09:00' });

  it('gives 13 hours on the spring night, 14 on the others, and keeps 18:00 and 08:00 on the wall clock', () => {
    const shifts = layerShifts(
      schedule(zone, [nights('2026-03-27T18:00')]),
      'nights',
      t('2026-03-27T00:00+01:00'),
      t('2026-03-30T12:00+02:00'),
    );
    expect(lines(shifts, zone)).toEqual([
      'Dan: 2026-03-27T18:00+01:00 → 2026-03-28T08:00+01:00',
      'Eve: 2026-03-28T18:00+01:00 → 2026-03-29T08:00+02:00',
      'Dan: 2026-03-29T18:00+02:00 → 2026-03-30T08:00+02:00',
    ]);
    expect(shifts.map(hours)).toEqual([14, 13, 14]);
  });

  it('gives 15 hours on the autumn night', () => {
    const shifts = layerShifts(
      schedule(zone, [nights('2026-10-23T18:00')]),
      'nights',
      t('2026-10-24T12:00+02:00'),
      t('2026-10-25T12:00+01:00'),
    );
    expect(lines(shifts, zone)).toEqual(['Eve: 2026-10-24T18:00+02:00 → 2026-10-25T08:00+01:00']);
    expect(hours(shifts[0]!)).toBe(15);
  });

  it('puts the night layer on top of the day rotation in the final schedule, without gaps', () => {
    const result = finalSchedule(
      schedule(zone, [weekly, nights('2026-03-27T18:00')]),
      t('2026-03-28T12:00+01:00'),
      t('2026-03-30T12:00+02:00'),
    );
    expect(lines(result.entries, zone)).toEqual([
      'Ann: 2026-03-28T12:00+01:00 → 2026-03-28T18:00+01:00',
      'Eve: 2026-03-28T18:00+01:00 → 2026-03-29T08:00+02:00',
      'Ann: 2026-03-29T08:00+02:00 → 2026-03-29T18:00+02:00',
      'Dan: 2026-03-29T18:00+02:00 → 2026-03-30T08:00+02:00',
      'Ann: 2026-03-30T08:00+02:00 → 2026-03-30T09:00+02:00',
      'Bob: 2026-03-30T09:00+02:00 → 2026-03-30T12:00+02:00',
    ]);
    expect(result.entries.map((entry) => entry.layerId)).toEqual([
      'weekly',
      'nights',
      'weekly',
      'nights',
      'weekly',
      'weekly',
    ]);
    expect(result.gaps).toEqual([]);
  });
});

describe('America/New_York: the night layer on the change nights', () => {
  const zone = 'America/New_York';

  it('gives 13 hours on 2026-03-07 and 15 hours on 2026-10-31', () => {
    const spring = layerShifts(
      schedule(zone, [nights('2026-03-06T18:00')]),
      'nights',
      t('2026-03-07T12:00-05:00'),
      t('2026-03-08T12:00-04:00'),
    );
    expect(lines(spring, zone)).toEqual(['Eve: 2026-03-07T18:00-05:00 → 2026-03-08T08:00-04:00']);
    expect(hours(spring[0]!)).toBe(13);
    const autumn = layerShifts(
      schedule(zone, [nights('2026-10-30T18:00')]),
      'nights',
      t('2026-10-31T12:00-04:00'),
      t('2026-11-01T12:00-05:00'),
    );
    expect(lines(autumn, zone)).toEqual(['Eve: 2026-10-31T18:00-04:00 → 2026-11-01T08:00-05:00']);
    expect(hours(autumn[0]!)).toBe(15);
  });
});

describe('handoffs at wall-clock times that are skipped or repeated', () => {
  const daily = (start: string, unit: 'days' | 'hours' = 'days', every = 1) =>
    layer({ id: 'daily', members: people('Ann', 'Bob'), rotation: { every, unit }, start });

  it('moves a 02:30 handoff on the spring day forward by the gap, to 03:30 CEST, and back to 02:30 after', () => {
    const zone = 'Europe/Amsterdam';
    const shifts = layerShifts(
      schedule(zone, [daily('2026-03-28T02:30')]),
      'daily',
      t('2026-03-28T02:30+01:00'),
      t('2026-03-30T02:30+02:00'),
    );
    expect(lines(shifts, zone)).toEqual([
      'Ann: 2026-03-28T02:30+01:00 → 2026-03-29T03:30+02:00',
      'Bob: 2026-03-29T03:30+02:00 → 2026-03-30T02:30+02:00',
    ]);
    expect(shifts.map(hours)).toEqual([24, 23]);
  });

  it('takes the first pass of a 01:30 handoff on the autumn day in New York (EDT, not EST)', () => {
    const zone = 'America/New_York';
    const shifts = layerShifts(
      schedule(zone, [daily('2026-10-31T01:30')]),
      'daily',
      t('2026-10-31T01:30-04:00'),
      t('2026-11-02T01:30-05:00'),
    );
    expect(lines(shifts, zone)).toEqual([
      'Ann: 2026-10-31T01:30-04:00 → 2026-11-01T01:30-04:00',
      'Bob: 2026-11-01T01:30-04:00 → 2026-11-02T01:30-05:00',
    ]);
    expect(shifts.map(hours)).toEqual([24, 25]);
  });

  it('counts an hours rotation on the wall clock: every 12 hours from 09:00 stays at 09:00 and 21:00', () => {
    const zone = 'America/New_York';
    const shifts = layerShifts(
      schedule(zone, [daily('2026-03-07T09:00', 'hours', 12)]),
      'daily',
      t('2026-03-07T09:00-05:00'),
      t('2026-03-08T21:00-04:00'),
    );
    expect(lines(shifts, zone)).toEqual([
      'Ann: 2026-03-07T09:00-05:00 → 2026-03-07T21:00-05:00',
      'Bob: 2026-03-07T21:00-05:00 → 2026-03-08T09:00-04:00',
      'Ann: 2026-03-08T09:00-04:00 → 2026-03-08T21:00-04:00',
    ]);
    expect(shifts.map(hours)).toEqual([12, 11, 12]);
  });

  it('leaves an hourly turn that lies wholly in the skipped hour empty, and the rotation in step', () => {
    const zone = 'Europe/Amsterdam';
    const shifts = layerShifts(
      schedule(zone, [daily('2026-03-29T00:00', 'hours')]),
      'daily',
      t('2026-03-29T00:00+01:00'),
      t('2026-03-29T05:00+02:00'),
    );
    // Turn 2 (Ann's, 02:00–03:00) does not exist that night: Bob's turn 3 follows his turn 1, then Ann's 4.
    expect(shifts.map((shift) => [shift.turn, shift.member.name, span(shift, zone)])).toEqual([
      [0, 'Ann', '2026-03-29T00:00+01:00 → 2026-03-29T01:00+01:00'],
      [1, 'Bob', '2026-03-29T01:00+01:00 → 2026-03-29T03:00+02:00'],
      [3, 'Bob', '2026-03-29T03:00+02:00 → 2026-03-29T04:00+02:00'],
      [4, 'Ann', '2026-03-29T04:00+02:00 → 2026-03-29T05:00+02:00'],
    ]);
  });
});

describe('a member who lives in another zone', () => {
  const zone = 'Europe/Amsterdam';
  const kim = { name: 'Kim', email: 'kim@example.com', timeZone: 'America/New_York' };
  const withZone = layer({ id: 'weekly', members: [kim, { name: 'Lou' }], start: '2026-03-16T09:00' });
  const withoutZone = { ...withZone, members: [{ name: 'Kim', email: 'kim@example.com' }, { name: 'Lou' }] };
  const range = [t('2026-03-16T09:00+01:00'), t('2026-04-06T09:00+02:00')] as const;

  it('does not change the schedule: handoffs stay at 09:00 in the schedule’s zone', () => {
    const shifts = layerShifts(schedule(zone, [withZone]), 'weekly', ...range);
    const plain = layerShifts(schedule(zone, [withoutZone]), 'weekly', ...range);
    expect(shifts.map(({ start, end, turn }) => [start, end, turn])).toEqual(
      plain.map(({ start, end, turn }) => [start, end, turn]),
    );
    expect(lines(shifts, zone)).toEqual([
      'Kim: 2026-03-16T09:00+01:00 → 2026-03-23T09:00+01:00',
      'Lou: 2026-03-23T09:00+01:00 → 2026-03-30T09:00+02:00',
      'Kim: 2026-03-30T09:00+02:00 → 2026-04-06T09:00+02:00',
    ]);
  });

  it('shows the member’s shifts on their own wall clock, which moves while only New York has DST', () => {
    const shifts = layerShifts(schedule(zone, [withZone]), 'weekly', ...range);
    const kims = shifts.filter((shift) => shift.member.name === 'Kim');
    expect(kims.map((shift) => localTimes(shift, shift.member.timeZone!))).toEqual([
      {
        timeZone: 'America/New_York',
        start: '2026-03-16T04:00',
        startOffset: '-04:00',
        end: '2026-03-23T04:00',
        endOffset: '-04:00',
      },
      {
        timeZone: 'America/New_York',
        start: '2026-03-30T03:00',
        startOffset: '-04:00',
        end: '2026-04-06T03:00',
        endOffset: '-04:00',
      },
    ]);
  });
});
