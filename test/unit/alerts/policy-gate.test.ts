// When a notice may notify: quiet hours read on the wall clock of their zone (across midnight and DST changes),
// a pause, and "only while I am on call", with a P1 never silenced while I am on call.
import { describe, expect, it } from 'vitest';
import { inQuietHours, mayNotify, type AlertGate } from '../../../src/alerts/policy';
import type { QuietHours } from '../../../src/api/contract';

const amsterdamNights: QuietHours = { from: '22:00', to: '07:00', timeZone: 'Europe/Amsterdam' };
const newYorkLunch: QuietHours = { from: '12:00', to: '13:00', timeZone: 'America/New_York' };

describe('quiet hours', () => {
  it('run past midnight on the zone’s wall clock: from inclusive, to exclusive', () => {
    // 2026-11-29 is winter time in Amsterdam (UTC+1).
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 10, 29, 20, 59))).toBe(false); // 21:59
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 10, 29, 21, 0))).toBe(true); // 22:00
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 10, 30, 2, 30))).toBe(true); // 03:30
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 10, 30, 5, 59))).toBe(true); // 06:59
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 10, 30, 6, 0))).toBe(false); // 07:00
  });

  it('follow the wall clock through the DST changes of Amsterdam and New York', () => {
    // 29 March 2026: Amsterdam springs forward at 02:00 (UTC+1 → UTC+2); 06:30 UTC is 08:30 local, not 07:30.
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 2, 29, 4, 30))).toBe(true); // 06:30 CEST
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 2, 29, 5, 30))).toBe(false); // 07:30 CEST
    // 25 October 2026: back to UTC+1; 05:30 UTC is 06:30 local.
    expect(inQuietHours(amsterdamNights, Date.UTC(2026, 9, 25, 5, 30))).toBe(true);
    // 8 March 2026 in New York: EST (UTC−5) → EDT (UTC−4); 16:30 UTC is 12:30 EDT, a week earlier 11:30 EST.
    expect(inQuietHours(newYorkLunch, Date.UTC(2026, 2, 8, 16, 30))).toBe(true);
    expect(inQuietHours(newYorkLunch, Date.UTC(2026, 2, 1, 16, 30))).toBe(false);
  });
});

describe('mayNotify', () => {
  const base: AlertGate = {
    now: Date.UTC(2026, 10, 29, 12),
    pausedUntil: null,
    alertWhen: 'always',
    quietHours: null,
    onCall: null,
  };
  const inQuiet: AlertGate = { ...base, now: Date.UTC(2026, 10, 30, 1), quietHours: amsterdamNights };

  it('lets everything through by default', () => {
    expect(mayNotify(true, base)).toBe(true);
    expect(mayNotify(false, base)).toBe(true);
  });

  it('a pause holds back all but P1s, until it ends', () => {
    const paused = { ...base, pausedUntil: base.now + 1 };
    expect(mayNotify(false, paused)).toBe(false);
    expect(mayNotify(true, paused)).toBe(true);
    expect(mayNotify(false, { ...paused, pausedUntil: base.now })).toBe(true);
  });

  it('quiet hours silence all but P1s, and a P1 only when I am off call', () => {
    expect(mayNotify(false, inQuiet)).toBe(false);
    expect(mayNotify(true, inQuiet)).toBe(true);
    expect(mayNotify(true, { ...inQuiet, onCall: true })).toBe(true);
    expect(mayNotify(true, { ...inQuiet, onCall: false })).toBe(false);
  });

  it('"only while I am on call" silences everything off call, and nothing when no rotation says', () => {
    const onCallOnly = { ...base, alertWhen: 'onCall' as const };
    expect(mayNotify(true, { ...onCallOnly, onCall: false })).toBe(false);
    expect(mayNotify(false, { ...onCallOnly, onCall: false })).toBe(false);
    expect(mayNotify(true, { ...onCallOnly, onCall: true })).toBe(true);
    expect(mayNotify(false, { ...onCallOnly, onCall: null })).toBe(true);
  });
});
