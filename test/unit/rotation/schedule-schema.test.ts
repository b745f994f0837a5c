// Validation of a stored schedule: each problem is named by its JSON path, unknown keys are refused, and the
// ties between parts (ids, layer references, start at the handoff time, end after start) are checked.
import { describe, expect, it } from 'vitest';
import { ScheduleError, parseSchedule, scheduleProblems } from '../../../src/rotation/schedule-schema';
import type { Schedule } from '../../../src/rotation/model';

const valid: Schedule = {
  id: 'primary',
  name: 'Primary',
  timeZone: 'Europe/Amsterdam',
  layers: [
    {
      id: 'weekly',
      name: 'Weekly',
      members: [
        { name: 'Ann', email: 'ann@example.com', phone: '+31 6 1111 1111', timeZone: 'America/New_York' },
      ],
      rotation: { every: 1, unit: 'weeks' },
      handoff: '09:00',
      start: '2026-03-23T09:00',
      end: '2026-12-28T09:00',
      restrictions: [
        { kind: 'daily', from: '18:00', to: '08:00' },
        { kind: 'weekly', fromDay: 6, from: '00:00', toDay: 7, to: '24:00' },
      ],
    },
  ],
  overrides: [
    {
      id: 'o1',
      start: Date.UTC(2026, 3, 1),
      end: Date.UTC(2026, 3, 2),
      member: { name: 'Bob' },
      layerId: 'weekly',
    },
  ],
};

type Path = Array<string | number>;
const REMOVE = Symbol('remove');

/** A deep copy of the valid schedule with values set (or removed) at JSON paths. */
function edited(...edits: Array<[Path, unknown]>): unknown {
  const copy: unknown = structuredClone(valid);
  for (const [path, value] of edits) {
    let node = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return copy;
}

describe('parseSchedule', () => {
  it('accepts a valid schedule and returns it unchanged', () => {
    expect(parseSchedule(valid)).toEqual(valid);
    expect(scheduleProblems(valid)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 42, 'schedule: expected an object, got 42'],
    ['a missing key', edited([['overrides'], REMOVE]), 'schedule: overrides: missing'],
    [
      'an unknown key',
      edited([['owner'], 'me']),
      'schedule: owner: unknown key (expected id, name, timeZone, layers, overrides)',
    ],
    ['an empty name', edited([['name'], '  ']), 'schedule: name: must not be empty'],
    [
      'an unknown zone',
      edited([['timeZone'], 'Mars/Olympus']),
      'schedule: timeZone: "Mars/Olympus" is not an IANA time zone (e.g. Europe/Amsterdam)',
    ],
    [
      'no members',
      edited([['layers', 0, 'members'], []]),
      'schedule: layers[0].members: a layer needs at least one member',
    ],
    [
      'a bad e-mail address',
      edited([['layers', 0, 'members', 0, 'email'], 'ann']),
      'schedule: layers[0].members[0].email: "ann" is not an e-mail address',
    ],
    [
      'a member zone',
      edited([['layers', 0, 'members', 0, 'timeZone'], 'EST5']),
      'schedule: layers[0].members[0].timeZone: "EST5" is not an IANA time zone (e.g. Europe/Amsterdam)',
    ],
    [
      'a rotation unit',
      edited([['layers', 0, 'rotation', 'unit'], 'months']),
      'schedule: layers[0].rotation.unit: "months" is not one of hours, days, weeks',
    ],
    [
      'a rotation length',
      edited([['layers', 0, 'rotation', 'every'], 1.5]),
      'schedule: layers[0].rotation.every: 1.5 is not a whole number from 1 to 1000',
    ],
    [
      'a handoff',
      edited([['layers', 0, 'handoff'], '24:00']),
      'schedule: layers[0].handoff: "24:00" is not a time of day (use HH:MM, 00:00–23:59)',
    ],
    [
      'a start that is no date',
      edited([['layers', 0, 'start'], '2026-02-30T09:00']),
      'schedule: layers[0].start: "2026-02-30T09:00" is not a local date and time (use YYYY-MM-DDTHH:MM, e.g. 2026-03-30T09:00)',
    ],
    [
      'a start off the handoff',
      edited([['layers', 0, 'start'], '2026-03-23T10:00']),
      'schedule: layers[0].start: "2026-03-23T10:00" is not at the handoff time 09:00: the first handoff starts the layer',
    ],
    [
      'an end before the start',
      edited([['layers', 0, 'end'], '2026-03-23T09:00']),
      'schedule: layers[0].end: "2026-03-23T09:00" is not after the start',
    ],
    [
      'a start in another century',
      edited([['layers', 0, 'start'], '1999-03-23T09:00']),
      'schedule: layers[0].start: "1999-03-23T09:00" lies outside the years 2000–2099',
    ],
    [
      'a restriction kind',
      edited([['layers', 0, 'restrictions', 0, 'kind'], 'monthly']),
      'schedule: layers[0].restrictions[0].kind: expected kind "daily" { from, to } or "weekly" { fromDay, from, toDay, to }',
    ],
    [
      'a restriction time',
      edited([['layers', 0, 'restrictions', 0, 'to'], '8:00']),
      'schedule: layers[0].restrictions[0].to: "8:00" is not a time of day (use HH:MM, 00:00–24:00)',
    ],
    [
      'a weekday',
      edited([['layers', 0, 'restrictions', 1, 'toDay'], 0]),
      'schedule: layers[0].restrictions[1].toDay: 0 is not a weekday (1 = Monday … 7 = Sunday)',
    ],
    [
      'a weekly key on a daily window',
      edited([['layers', 0, 'restrictions', 0, 'fromDay'], 1]),
      'schedule: layers[0].restrictions[0].fromDay: unknown key (expected kind, from, to)',
    ],
    [
      'a duplicate layer id',
      edited([['layers', 1], valid.layers[0]]),
      'schedule: layers[1].id: "weekly" is also layers[0]\'s id',
    ],
    [
      'an instant in seconds',
      edited([['overrides', 0, 'start'], 1_775_001_600]),
      'schedule: overrides[0].start: 1775001600 is not an instant in UTC milliseconds from 2000 to 2100',
    ],
    [
      'an override that ends first',
      edited([['overrides', 0, 'end'], valid.overrides[0]!.start]),
      'schedule: overrides[0].end: an override must end after it starts',
    ],
    [
      'an override of no layer',
      edited([['overrides', 0, 'layerId'], 'nights']),
      'schedule: overrides[0].layerId: unknown layer "nights" (layers: "weekly")',
    ],
    [
      'an override without a member',
      edited([['overrides', 0, 'member'], REMOVE]),
      'schedule: overrides[0].member: missing',
    ],
  ])('names the path of %s', (_what, value, message) => {
    expect(() => parseSchedule(value)).toThrow(ScheduleError);
    expect(() => parseSchedule(value)).toThrow(message);
  });

  it('starts the message with the label and keeps the path apart', () => {
    const value = edited([['layers', 0, 'handoff'], '9']);
    try {
      parseSchedule(value, 'schedules.json: "Primary"');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleError);
      expect((error as ScheduleError).path).toBe('layers[0].handoff');
      expect((error as ScheduleError).message).toBe(
        'schedules.json: "Primary": layers[0].handoff: "9" is not a time of day (use HH:MM, 00:00–23:59)',
      );
    }
  });

  it('lists every problem for a form, in document order', () => {
    const value = edited(
      [['name'], ''],
      [['layers', 0, 'handoff'], 'noon'],
      [['overrides', 0, 'layerId'], 'x'],
    );
    expect(scheduleProblems(value)).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'layers[0].handoff', message: '"noon" is not a time of day (use HH:MM, 00:00–23:59)' },
      { path: 'overrides[0].layerId', message: 'unknown layer "x" (layers: "weekly")' },
    ]);
  });
});
