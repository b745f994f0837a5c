// The P1 alert's rules: which waiting P1s call for attention (snoozes end on time), when the chime sounds (when a P1
// appears, every 5 minutes while it waits, again after a snooze) and what the tab's title says, in the real English
// and Dutch texts.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Overview, WaitingP1 } from '../../../src/api';
import {
  REMINDER_MS,
  activeP1s,
  chimeStep,
  nextReminderAt,
  nextSnoozeEnd,
  oneLine,
  tabTitle,
  type ChimeLog,
} from '../../../renderer/src/p1-alerts';
import en from '../../../renderer/src/i18n/locales/en.json';
import nl from '../../../renderer/src/i18n/locales/nl.json';

const NOW = Date.UTC(2026, 10, 27, 3, 0, 0);
const MINUTE = 60_000;

function p1(id: number, patch: Partial<WaitingP1> = {}): WaitingP1 {
  return {
    id,
    source: 'acme',
    externalId: String(100 + id),
    subject: `Outage ${id}`,
    customerName: 'Kestrel Logistics',
    createdAt: NOW - 2 * MINUTE,
    snoozedUntil: null,
    ...patch,
  };
}

function overview(patch: Partial<Overview> = {}): Overview {
  return {
    state: 'quiet',
    open: 10,
    p1Waiting: [],
    breached: 0,
    dueSoon: 0,
    waiting: 0,
    problems: 0,
    offline: 0,
    syncMessage: null,
    lastSyncAt: NOW,
    alertsPausedUntil: null,
    onCall: [],
    computedAt: NOW,
    ...patch,
  };
}

let english: TFunction;
let dutch: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, nl: { translation: nl } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
  english = i18n.getFixedT('en');
  dutch = i18n.getFixedT('nl');
});

describe('activeP1s and nextSnoozeEnd', () => {
  const view = overview({
    p1Waiting: [p1(1), p1(2, { snoozedUntil: NOW + 3 * MINUTE }), p1(3, { snoozedUntil: NOW + MINUTE })],
  });

  it('leaves out the P1s whose snooze is still running', () => {
    expect(activeP1s(view, NOW).map((p) => p.id)).toEqual([1]);
  });

  it('takes a P1 back the moment its snooze ends, without a new overview', () => {
    expect(activeP1s(view, NOW + MINUTE - 1).map((p) => p.id)).toEqual([1]);
    expect(activeP1s(view, NOW + MINUTE).map((p) => p.id)).toEqual([1, 3]);
    expect(activeP1s(view, NOW + 3 * MINUTE).map((p) => p.id)).toEqual([1, 2, 3]);
  });

  it('names the first snooze to end, and none once all have ended', () => {
    expect(nextSnoozeEnd(view, NOW)).toBe(NOW + MINUTE);
    expect(nextSnoozeEnd(view, NOW + MINUTE)).toBe(NOW + 3 * MINUTE);
    expect(nextSnoozeEnd(view, NOW + 3 * MINUTE)).toBeNull();
    expect(nextSnoozeEnd(null, NOW)).toBeNull();
    expect(activeP1s(null, NOW)).toEqual([]);
  });
});

describe('chimeStep', () => {
  it('chimes when a P1 appears, not again within the reminder period, then once per period', () => {
    let log: ChimeLog = new Map();
    let step = chimeStep(log, [p1(1)], NOW);
    expect(step).toMatchObject({ appeared: [1], reminded: [] });
    log = step.log;

    step = chimeStep(log, [p1(1)], NOW + REMINDER_MS - 1);
    expect(step).toMatchObject({ appeared: [], reminded: [] });
    log = step.log;

    step = chimeStep(log, [p1(1)], NOW + REMINDER_MS);
    expect(step).toMatchObject({ appeared: [], reminded: [1] });
    expect(nextReminderAt(step.log)).toBe(NOW + 2 * REMINDER_MS);
  });

  it('chimes for a second P1 at once, and keeps each one on its own period', () => {
    const first = chimeStep(new Map(), [p1(1)], NOW);
    const second = chimeStep(first.log, [p1(1), p1(2)], NOW + 2 * MINUTE);
    expect(second).toMatchObject({ appeared: [2], reminded: [] });
    expect(nextReminderAt(second.log)).toBe(NOW + REMINDER_MS);
    const third = chimeStep(second.log, [p1(1), p1(2)], NOW + REMINDER_MS);
    expect(third).toMatchObject({ appeared: [], reminded: [1] });
    expect(nextReminderAt(third.log)).toBe(NOW + 2 * MINUTE + REMINDER_MS);
  });

  it('forgets a P1 that stops calling (acknowledged or snoozed), so its return chimes at once', () => {
    const first = chimeStep(new Map(), [p1(1)], NOW);
    const snoozed = chimeStep(first.log, [], NOW + MINUTE);
    expect(snoozed).toMatchObject({ appeared: [], reminded: [] });
    expect(nextReminderAt(snoozed.log)).toBeNull();
    const back = chimeStep(snoozed.log, [p1(1)], NOW + 2 * MINUTE);
    expect(back).toMatchObject({ appeared: [1], reminded: [] });
  });
});

describe('tabTitle', () => {
  it('flashes the oldest waiting P1 while one waits, and shows the counts in between', () => {
    const view = overview({ breached: 2, dueSoon: 1, p1Waiting: [p1(1)] });
    const active = activeP1s(view, NOW);
    expect(tabTitle(english, view, active, true)).toBe('(!) P1: Outage 1 — Piket');
    expect(tabTitle(english, view, active, false)).toBe('Piket (2 breached, 1 due soon)');
  });

  it('counts the waiting P1s and names the oldest', () => {
    const view = overview({ p1Waiting: [p1(1), p1(2)] });
    expect(tabTitle(english, view, activeP1s(view, NOW), true)).toBe('(!) 2 P1s: Outage 1 — Piket');
    expect(tabTitle(dutch, view, activeP1s(view, NOW), true)).toBe("(!) 2 P1's: Outage 1 — Piket");
  });

  it('stays calm while the only P1 is snoozed', () => {
    const view = overview({ breached: 1, p1Waiting: [p1(1, { snoozedUntil: NOW + MINUTE })] });
    expect(tabTitle(english, view, activeP1s(view, NOW), true)).toBe('Piket (1 breached)');
  });

  it('is just the name when nothing is breached or due soon', () => {
    expect(tabTitle(english, overview(), [], false)).toBe('Piket');
    expect(tabTitle(english, null, [], true)).toBe('Piket');
    expect(tabTitle(dutch, overview({ dueSoon: 3 }), [], false)).toBe('Piket (3 bijna verlopen)');
  });

  it('keeps ticket text as it is, on one line', () => {
    const view = overview({
      p1Waiting: [p1(1, { subject: '<img src=x onerror=alert(1)>\n  Payments   down' })],
    });
    expect(tabTitle(english, view, activeP1s(view, NOW), true)).toBe(
      '(!) P1: <img src=x onerror=alert(1)> Payments down — Piket',
    );
  });
});

describe('oneLine', () => {
  it('cuts long text at 80 characters with an ellipsis', () => {
    const line = oneLine('x'.repeat(100));
    expect(line).toHaveLength(80);
    expect(line.endsWith('…')).toBe(true);
    expect(oneLine('short')).toBe('short');
  });
});
