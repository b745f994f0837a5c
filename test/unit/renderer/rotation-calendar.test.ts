// The rotation view's calendar arithmetic and the schedule editor's form: weeks start on Monday and months on the
// 1st on the shown zone's calendar, a DST day is 23 or 25 hours, stretches are cut to each day with 24:00 at its end,
// and a form becomes the schedule it stands for, with a bad handoff's problem shown once (not again for the start).
import { describe, expect, it } from 'vitest';
import type { ScheduleRange } from '../../../src/api';
import { scheduleProblems } from '../../../src/rotation/schedule-schema';
import { clockTime, dayOf, itemsOfDay, movePeriod, periodOf } from '../../../renderer/src/rotation-calendar';
import {
  freshId,
  newLayer,
  scheduleForm,
  scheduleOf,
  shownProblems,
} from '../../../renderer/src/schedule-form';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const AMS = 'Europe/Amsterdam';

describe('the calendar of the rotation view', () => {
  it('cuts the DST week into Amsterdam’s days: Sunday 29 March 2026 has 23 hours', () => {
    const week = periodOf('week', dayOf(at('2026-03-26T12:00:00Z'), AMS), AMS);
    expect([week.from, week.to]).toEqual([at('2026-03-22T23:00:00Z'), at('2026-03-29T22:00:00Z')]);
    expect(week.days.map((d) => (d.end - d.start) / HOUR)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    const october = periodOf('week', dayOf(at('2026-10-25T12:00:00Z'), AMS), AMS);
    expect(october.days.map((d) => (d.end - d.start) / HOUR)).toEqual([24, 24, 24, 24, 24, 24, 25]);
  });

  it('moves by weeks and months across the year’s end; a month starts on the 1st', () => {
    const day = dayOf(at('2026-12-31T12:00:00Z'), 'UTC');
    const january = periodOf('month', movePeriod('month', day, 1), 'UTC');
    expect([january.from, january.to, january.days.length]).toEqual([
      at('2027-01-01T00:00:00Z'),
      at('2027-02-01T00:00:00Z'),
      31,
    ]);
    const back = periodOf('month', movePeriod('month', day, -12), 'UTC');
    expect(back.from).toBe(at('2025-12-01T00:00:00Z'));
    expect(periodOf('week', movePeriod('week', day, 1), 'UTC').from).toBe(at('2027-01-04T00:00:00Z'));
  });

  it('cuts entries, gaps and overlaps to a day, in time order, with 24:00 at its end', () => {
    const [day] = periodOf('week', dayOf(at('2026-03-23T12:00:00Z'), AMS), AMS).days;
    const entry = (start: string, end: string, person: string) => ({
      start: at(start),
      end: at(end),
      person,
      member: { name: person },
      source: 'layer' as const,
      layerId: 'l',
      layerName: 'Primary',
      overrideId: null,
      summary: null,
      attendees: [],
      allDay: false,
    });
    const range = {
      entries: [
        entry('2026-03-22T17:00:00Z', '2026-03-23T08:00:00Z', 'Noor'),
        entry('2026-03-23T17:00:00Z', '2026-03-24T07:00:00Z', 'Jane'),
      ],
      gaps: [{ start: at('2026-03-23T08:00:00Z'), end: at('2026-03-23T17:00:00Z') }],
      overlaps: [
        {
          start: at('2026-03-23T17:00:00Z'),
          end: at('2026-03-23T18:00:00Z'),
          kind: 'layers' as const,
          layerId: null,
          people: ['Jane', 'Sam'],
        },
      ],
    } as unknown as ScheduleRange;
    const items = itemsOfDay(range, day!);
    expect(
      items.map((i) => `${i.kind} ${clockTime(i.start, AMS, day)}–${clockTime(i.end, AMS, day)}`),
    ).toEqual(['entry 00:00–09:00', 'gap 09:00–18:00', 'entry 18:00–24:00', 'overlap 18:00–19:00']);
  });
});

describe('the schedule editor’s form', () => {
  it('stands for the schedule it edits, and a new one gets an id from its name', () => {
    const form = scheduleForm(null, AMS, '2026-03-23');
    form.name = 'Support NL';
    form.layers[0]!.members = [{ name: 'Jane', email: ' ', phone: '+31 6 1' }];
    form.layers[0]!.restrictions = [{ kind: 'daily', from: '18:00', to: '08:00' }];
    const schedule = scheduleOf(form, [], new Set(['support-nl']));
    expect(schedule).toEqual({
      id: 'support-nl-2',
      name: 'Support NL',
      timeZone: AMS,
      layers: [
        {
          id: 'layer-1',
          name: 'Primary',
          members: [{ name: 'Jane', phone: '+31 6 1' }],
          rotation: { every: 1, unit: 'weeks' },
          handoff: '09:00',
          start: '2026-03-23T09:00',
          restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
        },
      ],
      overrides: [],
    });
    expect(scheduleProblems(schedule)).toEqual([]);
    expect(scheduleOf(scheduleForm(schedule, 'UTC', '2000-01-01'), [], new Set())).toEqual(schedule);
    expect(freshId('Ünïcode & Co', new Set())).toBe('unicode-co');
  });

  it('shows a bad handoff once: the start made of it is not named again', () => {
    const form = scheduleForm(null, AMS, '2026-03-23');
    form.name = 'x';
    form.layers = [
      { ...newLayer('a', 'A', '2026-03-23'), members: [{ name: 'J' }], handoff: '9:00', every: '1.5' },
    ];
    const problems = scheduleProblems(scheduleOf(form, [], new Set()));
    expect(problems.map((p) => p.path)).toEqual([
      'layers[0].rotation.every',
      'layers[0].handoff',
      'layers[0].start',
    ]);
    expect(shownProblems(problems)).toEqual([
      { path: 'layers[0].rotation.every', message: '1.5 is not a whole number from 1 to 1000' },
      { path: 'layers[0].handoff', message: '"9:00" is not a time of day (use HH:MM, 00:00–23:59)' },
    ]);
  });
});
