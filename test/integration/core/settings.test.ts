// The settings capability through the API entry (dispatch), on a real database file: the queue view and the sort
// per view, their defaults, partial updates, events, refused values and values another Piket version stored.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PiketHandlers, Settings } from '../../../src/api/contract';
import { dispatch } from '../../../src/api/dispatch';
import { EventHub } from '../../../src/core/event-hub';
import { settingsHandlers } from '../../../src/core/settings';
import { closeDatabase, openDatabase } from '../../../src/store/database';
import { SettingsStore } from '../../../src/store/settings-store';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

let db: Database.Database;
let store: SettingsStore;
let handlers: PiketHandlers;
let changes: Settings[];
const NOW = Date.UTC(2026, 10, 29, 2, 40);
const clock = createFakeClock(NOW);

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'piket.db')).db;
  store = new SettingsStore(db);
  const events = new EventHub((event, error) => {
    throw new Error(`${event} listener failed: ${String(error)}`);
  });
  changes = [];
  events.on('settingsChanged', (settings) => changes.push(settings));
  // Only the settings methods are called here.
  handlers = settingsHandlers(store, events, clock) as PiketHandlers;
});

afterEach(() => {
  closeDatabase(db);
});

async function call(
  method: 'getSettings' | 'updateSettings' | 'pauseAlerts',
  args: unknown,
): Promise<unknown> {
  return dispatch(handlers, method, args);
}

describe('queue view settings', () => {
  it('open "Needs me now" on first start, both views sorted by urgency', async () => {
    expect(await call('getSettings', {})).toEqual({
      ok: true,
      value: {
        language: 'system',
        me: 'Sanne de Vries',
        queueView: 'needsMe',
        queueSorts: { needsMe: 'urgency', queue: 'urgency' },
        syncIntervalSeconds: 30,
        alertsPausedUntil: null,
        alertWhen: 'always',
        quietHours: null,
      },
    });
  });

  it('remember the view used last and each view’s sort, one view at a time, and announce each change', async () => {
    await call('updateSettings', { queueView: 'queue' });
    await call('updateSettings', { queueSorts: { queue: 'age' } });
    await call('updateSettings', { queueSorts: { needsMe: 'deadline' } });
    const expected = { queueView: 'queue', queueSorts: { needsMe: 'deadline', queue: 'age' } };
    expect(await call('getSettings', {})).toMatchObject({ ok: true, value: expected });
    expect(changes.at(-1)).toMatchObject(expected);
    expect(changes.map((settings) => settings.queueView)).toEqual(['queue', 'queue', 'queue']);
    await call('updateSettings', {
      queueSorts: { needsMe: 'updated', queue: 'urgency' },
      queueView: 'needsMe',
    });
    expect(await call('getSettings', {})).toMatchObject({
      ok: true,
      value: { queueView: 'needsMe', queueSorts: { needsMe: 'updated', queue: 'urgency' } },
    });
  });

  it('refuse an unknown view, sort or key as an invalid argument, changing nothing', async () => {
    for (const args of [
      { queueView: 'inbox' },
      { queueView: null },
      { queueSorts: { queue: 'relevance' } },
      { queueSorts: { needsMe: 'urgency', later: 'age' } },
      { queueSorts: 'age' },
    ]) {
      const result = await call('updateSettings', args);
      expect(result, JSON.stringify(args)).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_argument',
          message: expect.stringMatching(/^Invalid argument for updateSettings: queue/),
        },
      });
    }
    expect(changes).toEqual([]);
    expect(await call('getSettings', {})).toMatchObject({
      value: { queueView: 'needsMe', queueSorts: { needsMe: 'urgency', queue: 'urgency' } },
    });
  });

  it('fall back to the defaults for values it does not know (stored by another Piket version)', async () => {
    store.set('queueView', 'kanban');
    store.set('queueSorts', { needsMe: 'relevance', queue: 'age' });
    expect(await call('getSettings', {})).toMatchObject({
      value: { queueView: 'needsMe', queueSorts: { needsMe: 'urgency', queue: 'age' } },
    });
    for (const odd of ['age', null, ['age']]) {
      store.set('queueSorts', odd);
      expect(await call('getSettings', {})).toMatchObject({
        value: { queueSorts: { needsMe: 'urgency', queue: 'urgency' } },
      });
    }
  });
});

describe('the sync interval', () => {
  it('is kept between 10 seconds and an hour; anything else is refused in words, changing nothing', async () => {
    expect(await call('updateSettings', { syncIntervalSeconds: 120 })).toMatchObject({
      ok: true,
      value: { syncIntervalSeconds: 120 },
    });
    for (const [value, words] of [
      [5, /at least 10 seconds/],
      [7200, /at most 3600 seconds/],
      [30.5, /expected int/],
    ] as const) {
      expect(await call('updateSettings', { syncIntervalSeconds: value })).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument', message: expect.stringMatching(words) },
      });
    }
    expect(await call('getSettings', {})).toMatchObject({ value: { syncIntervalSeconds: 120 } });
  });

  it('falls back to 30 seconds for a stored value out of range', async () => {
    for (const odd of [0, 1e9, 'often', null]) {
      store.set('syncIntervalSeconds', odd);
      expect(await call('getSettings', {})).toMatchObject({ value: { syncIntervalSeconds: 30 } });
    }
  });
});

describe('pausing alerts', () => {
  it('holds back alerts for the minutes asked from now, ends the pause with 0, and refuses more than a day', async () => {
    expect(await call('pauseAlerts', { minutes: 60 })).toMatchObject({
      ok: true,
      value: { alertsPausedUntil: NOW + 60 * 60_000 },
    });
    expect(changes.at(-1)).toMatchObject({ alertsPausedUntil: NOW + 60 * 60_000 });
    expect(await call('pauseAlerts', { minutes: 0 })).toMatchObject({ value: { alertsPausedUntil: null } });
    expect(await call('pauseAlerts', { minutes: 24 * 60 + 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(await call('getSettings', {})).toMatchObject({ value: { alertsPausedUntil: null } });
  });
});

describe('when alerts notify', () => {
  const night = { from: '22:00', to: '07:00', timeZone: 'Europe/Amsterdam' };

  it('keeps "only while on call" and quiet hours, announces them, and clears quiet hours with null', async () => {
    expect(await call('updateSettings', { alertWhen: 'onCall', quietHours: night })).toMatchObject({
      ok: true,
      value: { alertWhen: 'onCall', quietHours: night },
    });
    expect(changes.at(-1)).toMatchObject({ alertWhen: 'onCall', quietHours: night });
    expect(await call('updateSettings', { quietHours: null })).toMatchObject({
      value: { alertWhen: 'onCall', quietHours: null },
    });
  });

  it('refuses a time that is not HH:MM, an unknown zone and an empty span in words, changing nothing', async () => {
    await call('updateSettings', { quietHours: night });
    for (const [hours, words] of [
      [{ ...night, from: '7:00' }, /HH:MM/],
      [{ ...night, to: '24:00' }, /HH:MM/],
      [{ ...night, timeZone: 'Mars/Olympus' }, /IANA time zone/],
      [{ ...night, to: '22:00' }, /different times/],
      [{ from: '22:00', to: '07:00' }, /timeZone/],
    ] as const) {
      expect(await call('updateSettings', { quietHours: hours }), JSON.stringify(hours)).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument', message: expect.stringMatching(words) },
      });
    }
    expect(await call('updateSettings', { alertWhen: 'sometimes' })).toMatchObject({ ok: false });
    expect(await call('getSettings', {})).toMatchObject({
      value: { alertWhen: 'always', quietHours: night },
    });
  });

  it('falls back to "always" and no quiet hours for values another version stored', async () => {
    store.set('alertWhen', 'never');
    store.set('quietHours', { from: '25:00', to: '07:00', timeZone: 'Europe/Amsterdam' });
    expect(await call('getSettings', {})).toMatchObject({ value: { alertWhen: 'always', quietHours: null } });
  });
});
