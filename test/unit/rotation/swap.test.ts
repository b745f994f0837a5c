// Swapping two shifts: the two layer-scoped overrides it returns, the final schedule they give (layers above
// still win), fresh ids, and the refusals.
import { describe, expect, it } from 'vitest';
import { finalSchedule } from '../../../src/rotation/final';
import { layerShifts } from '../../../src/rotation/layer';
import type { Layer } from '../../../src/rotation/model';
import { swapShifts } from '../../../src/rotation/swap';
import { layer, lines, people, schedule, t } from './helpers';

const AMS = 'Europe/Amsterdam';
const weekly = layer({ id: 'weekly', members: people('Ann', 'Bob'), start: '2026-03-16T09:00' });
const nights: Layer = layer({
  id: 'nights',
  members: people('Dan'),
  rotation: { every: 1, unit: 'days' },
  start: '2026-03-16T18:00',
  restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
});
const base = schedule(AMS, [weekly, nights]);
const [annWeek, bobWeek, annAgain] = layerShifts(
  base,
  'weekly',
  t('2026-03-16T09:00+01:00'),
  t('2026-03-30T10:00+02:00'),
);

describe('swapShifts', () => {
  it('returns two overrides of the layer that trade the members of the two shifts', () => {
    expect(swapShifts(base, annWeek!, bobWeek!)).toEqual([
      {
        id: 'swap-weekly-0-weekly-1',
        start: t('2026-03-16T09:00+01:00'),
        end: t('2026-03-23T09:00+01:00'),
        member: { name: 'Bob' },
        layerId: 'weekly',
      },
      {
        id: 'swap-weekly-1-weekly-0',
        start: t('2026-03-23T09:00+01:00'),
        end: t('2026-03-30T09:00+02:00'),
        member: { name: 'Ann' },
        layerId: 'weekly',
      },
    ]);
  });

  it('gives a final schedule with the days swapped and the night layer above untouched', () => {
    const swapped = { ...base, overrides: swapShifts(base, annWeek!, bobWeek!) };
    const result = finalSchedule(swapped, t('2026-03-22T12:00+01:00'), t('2026-03-23T12:00+01:00'));
    expect(lines(result.entries, AMS)).toEqual([
      'Bob: 2026-03-22T12:00+01:00 → 2026-03-22T18:00+01:00',
      'Dan: 2026-03-22T18:00+01:00 → 2026-03-23T08:00+01:00',
      'Bob: 2026-03-23T08:00+01:00 → 2026-03-23T09:00+01:00',
      'Ann: 2026-03-23T09:00+01:00 → 2026-03-23T12:00+01:00',
    ]);
  });

  it('makes the ids unique when the same shifts are swapped again', () => {
    const once = { ...base, overrides: swapShifts(base, annWeek!, bobWeek!) };
    expect(swapShifts(once, annWeek!, bobWeek!).map((override) => override.id)).toEqual([
      'swap-weekly-0-weekly-1-2',
      'swap-weekly-1-weekly-0-2',
    ]);
  });

  it('refuses two shifts of the same person, overlapping shifts, and a shift the layer does not have', () => {
    expect(() => swapShifts(base, annWeek!, annAgain!)).toThrow(
      "Rotation: both shifts are Ann's: there is nothing to swap",
    );
    const [danNight] = layerShifts(base, 'nights', t('2026-03-17T00:00+01:00'), t('2026-03-17T01:00+01:00'));
    expect(() => swapShifts(base, annWeek!, danNight!)).toThrow(
      'Rotation: the shifts overlap: swap shifts at different times',
    );
    expect(() => swapShifts(base, { ...annWeek!, start: annWeek!.start + 1 }, bobWeek!)).toThrow(
      'Rotation: shift A is not a shift of layer "weekly" as it is now',
    );
  });
});
