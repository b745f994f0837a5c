// Who is on call now (final and per layer, since and until), who is next, and "my next shift", including
// stretches that run across sources, gaps, handoff instants and the search horizon.
import { describe, expect, it } from 'vitest';
import type { Layer, Override } from '../../../src/rotation/model';
import { myNextShift, nextShift, onCallAt } from '../../../src/rotation/on-call';
import { layer, people, schedule, t } from './helpers';

const AMS = 'Europe/Amsterdam';
const ann = { name: 'Ann', email: 'ann@example.com', phone: '+31 6 1111 1111' };
const weekly = layer({ id: 'weekly', members: [ann, { name: 'Bob' }], start: '2026-03-16T09:00' });
const nights: Layer = layer({
  id: 'nights',
  members: people('Dan'),
  rotation: { every: 1, unit: 'days' },
  start: '2026-03-16T18:00',
  restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
});
const cover: Override = {
  id: 'cover',
  start: t('2026-03-29T20:00+02:00'),
  end: t('2026-03-30T12:00+02:00'),
  member: { name: 'Cat' },
};

describe('onCallAt', () => {
  it('names who is paged and who each layer has, each with since and until', () => {
    const now = onCallAt(schedule(AMS, [weekly, nights], [cover]), t('2026-03-30T10:00+02:00'));
    expect(now.final).toEqual({
      member: { name: 'Cat' },
      since: t('2026-03-29T20:00+02:00'),
      until: t('2026-03-30T12:00+02:00'),
      claim: { source: 'override', layerId: null, overrideId: 'cover', member: { name: 'Cat' } },
    });
    expect(now.layers).toEqual([
      {
        layerId: 'weekly',
        layerName: 'weekly',
        member: ann,
        since: t('2026-03-30T09:00+02:00'),
        until: t('2026-04-06T09:00+02:00'),
        claim: { source: 'layer', layerId: 'weekly', turn: 2, member: ann },
      },
      {
        layerId: 'nights',
        layerName: 'nights',
        member: null,
        since: t('2026-03-30T08:00+02:00'),
        until: t('2026-03-30T18:00+02:00'),
        claim: null,
      },
    ]);
  });

  it('keeps one stretch while the same person stays on call from a layer into an override', () => {
    const stay: Override = {
      ...cover,
      id: 'stay',
      start: t('2026-03-30T08:00+02:00'),
      member: { name: 'dan' },
    };
    const { final } = onCallAt(schedule(AMS, [weekly, nights], [stay]), t('2026-03-30T07:00+02:00'));
    expect(final).toMatchObject({
      member: { name: 'Dan' },
      since: t('2026-03-29T18:00+02:00'),
      until: t('2026-03-30T12:00+02:00'),
      claim: { source: 'layer', layerId: 'nights' },
    });
  });

  it('reports a gap as nobody, with its bounds', () => {
    const { final } = onCallAt(schedule(AMS, [nights]), t('2026-03-24T12:00+01:00'));
    expect(final).toEqual({
      member: null,
      since: t('2026-03-24T08:00+01:00'),
      until: t('2026-03-24T18:00+01:00'),
      claim: null,
    });
  });

  it('gives null for an end beyond the horizon: a one-person layer that never ends', () => {
    const alone = layer({ id: 'alone', members: people('Ann'), start: '2026-01-05T09:00' });
    const { final } = onCallAt(schedule(AMS, [alone]), t('2026-06-01T00:00Z'));
    expect(final).toMatchObject({ member: { name: 'Ann' }, since: t('2026-01-05T09:00+01:00'), until: null });
    expect(onCallAt(schedule(AMS, [alone]), t('2028-06-01T00:00Z')).final).toMatchObject({
      since: null,
      until: null,
    });
  });

  it('refuses an instant that is not a number', () => {
    expect(() => onCallAt(schedule(AMS, [weekly]), Number.NaN)).toThrow(
      'Rotation: expected an instant in UTC milliseconds, got NaN',
    );
  });
});

describe('nextShift', () => {
  const both = schedule(AMS, [weekly, nights]);

  it('names who takes over when the current stretch ends', () => {
    expect(nextShift(both, t('2026-03-29T03:00+02:00'))).toEqual({
      member: { name: 'Bob' },
      start: t('2026-03-29T08:00+02:00'),
      end: t('2026-03-29T18:00+02:00'),
      claim: { source: 'layer', layerId: 'weekly', turn: 1, member: { name: 'Bob' } },
    });
  });

  it('counts a stretch that starts at the instant as the current one', () => {
    expect(nextShift(both, t('2026-03-29T08:00+02:00'))).toMatchObject({
      member: { name: 'Dan' },
      start: t('2026-03-29T18:00+02:00'),
      end: t('2026-03-30T08:00+02:00'),
    });
  });

  it('skips a gap to the first person after it', () => {
    expect(nextShift(schedule(AMS, [nights]), t('2026-03-24T12:00+01:00'))).toMatchObject({
      member: { name: 'Dan' },
      start: t('2026-03-24T18:00+01:00'),
      end: t('2026-03-25T08:00+01:00'),
    });
  });

  it('is null when nobody else ever comes', () => {
    const alone = layer({ id: 'alone', members: people('Ann'), start: '2026-01-05T09:00' });
    expect(nextShift(schedule(AMS, [alone]), t('2026-06-01T00:00Z'))).toBeNull();
  });
});

describe('myNextShift', () => {
  const both = schedule(AMS, [weekly, nights]);

  it('finds my next stretch by e-mail address, cut by the layer above', () => {
    expect(myNextShift(both, ['ANN@example.com'], t('2026-03-24T12:00+01:00'))).toEqual({
      member: ann,
      start: t('2026-03-30T09:00+02:00'),
      end: t('2026-03-30T18:00+02:00'),
      claim: { source: 'layer', layerId: 'weekly', turn: 2, member: ann },
      current: false,
    });
  });

  it('returns the stretch under way when I am on call, found by name', () => {
    expect(myNextShift(both, [' ann '], t('2026-03-30T12:00+02:00'))).toMatchObject({
      member: ann,
      start: t('2026-03-30T09:00+02:00'),
      end: t('2026-03-30T18:00+02:00'),
      current: true,
    });
  });

  it('is null for someone the schedule never names, and for no names at all', () => {
    expect(myNextShift(both, ['zoe@example.com'], t('2026-03-24T12:00+01:00'))).toBeNull();
    expect(myNextShift(both, [], t('2026-03-24T12:00+01:00'))).toBeNull();
  });
});
