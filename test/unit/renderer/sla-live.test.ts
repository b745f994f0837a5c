// The queue's live SLA view: breach at the deadline without the core, which clock is shown, warning levels,
// and the compact countdown wording.
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ClockBrief, SlaBrief } from '../../../src/api';
import { compactSpan, agoSpan, exactSpan, workSpan } from '../../../renderer/src/sla-format';
import { liveState, queueDue, warnLevel } from '../../../renderer/src/sla-live';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

function clock(patch: Partial<ClockBrief>): ClockBrief {
  return {
    target: 'resolution',
    state: 'running',
    dueAt: NOW + 3_600_000,
    budgetSeconds: 14_400,
    remainingSeconds: 3_600,
    breachedAt: null,
    computedAt: NOW,
    ...patch,
  };
}

const brief = (...clocks: ClockBrief[]): SlaBrief => ({
  nextDueAt: null,
  breached: false,
  approximate: false,
  clocks,
});

/** English templates as in en.json, enough to check the wording. */
const templates: Record<string, string> = {
  'sla.span.s': '{{s}} s',
  'sla.span.ms': '{{m}} min {{s}} s',
  'sla.span.m': '{{m}} min',
  'sla.span.h': '{{h}} h',
  'sla.span.hm': '{{h}} h {{m}} min',
  'sla.span.dh': '{{d}} d {{h}} h',
  'sla.span.hms': '{{h}} h {{m}} min {{s}} s',
  'sla.span.dhm': '{{d}} d {{h}} h {{m}} min',
};
const t = ((key: string, values: Record<string, unknown>) =>
  (templates[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(values[name]),
  )) as unknown as TFunction;

describe('liveState', () => {
  it('turns a running clock breached the moment its deadline passes', () => {
    const running = clock({ dueAt: NOW + 1000 });
    expect(liveState(running, NOW)).toBe('running');
    expect(liveState(running, NOW + 999)).toBe('running');
    expect(liveState(running, NOW + 1000)).toBe('breached');
  });

  it('leaves paused and met clocks alone, however late', () => {
    expect(liveState(clock({ state: 'paused', dueAt: NOW - 1 }), NOW)).toBe('paused');
    expect(liveState(clock({ state: 'met', dueAt: NOW - 1 }), NOW)).toBe('met');
  });
});

describe('queueDue', () => {
  it('shows nothing without an SLA or with every clock met (also met late)', () => {
    expect(queueDue(null, NOW)).toBeNull();
    expect(queueDue(brief(clock({ state: 'met' })), NOW)).toBeNull();
    const metLate = clock({ state: 'breached', dueAt: NOW - 60_000, breachedAt: NOW - 60_000 });
    expect(queueDue(brief(metLate), NOW)).toBeNull();
  });

  it('counts down to the next deadline and is breached from the second it passes', () => {
    const near = clock({ target: 'response', dueAt: NOW + 60_000 });
    const far = clock({ dueAt: NOW + 7_200_000 });
    const sla = { ...brief(far, near), nextDueAt: near.dueAt };
    expect(queueDue(sla, NOW)).toMatchObject({ kind: 'running', clock: near, dueAt: near.dueAt });
    expect(queueDue(sla, NOW + 59_999)).toMatchObject({ kind: 'running' });
    expect(queueDue(sla, NOW + 60_000)).toMatchObject({ kind: 'breached', clock: near, dueAt: near.dueAt });
  });

  it('shows a paused clock only when nothing runs', () => {
    const paused = clock({ target: 'securityPatch', state: 'paused' });
    expect(queueDue(brief(paused), NOW)).toMatchObject({ kind: 'paused', clock: paused });
  });
});

describe('warnLevel', () => {
  it('warns at 75 % and is critical at 90 % of the budget', () => {
    const budget = 10_000;
    const at = (left: number) =>
      clock({ budgetSeconds: budget, remainingSeconds: left, dueAt: NOW + left * 1000 });
    expect(warnLevel(at(2_600), NOW)).toBe('none');
    expect(warnLevel(at(2_500), NOW)).toBe('warn');
    expect(warnLevel(at(1_001), NOW)).toBe('warn');
    expect(warnLevel(at(1_000), NOW)).toBe('critical');
    // The same clock, later: the wall clock runs the budget down between refreshes.
    expect(warnLevel(at(2_600), NOW + 1_600_000)).toBe('critical');
  });

  it('does not run a clock down outside working hours (deadline further away than what is left)', () => {
    const overnight = clock({ budgetSeconds: 10_000, remainingSeconds: 5_000, dueAt: NOW + 16 * 3_600_000 });
    expect(warnLevel(overnight, NOW + 3_600_000)).toBe('none');
  });
});

describe('countdown wording', () => {
  it('is to the second under an hour, to the minute under a day, days and hours beyond', () => {
    expect(compactSpan(t, 42)).toBe('42 s');
    expect(compactSpan(t, 12 * 60 + 4)).toBe('12 min 04 s');
    expect(compactSpan(t, 3_600 + 12 * 60 + 5)).toBe('1 h 12 min');
    expect(compactSpan(t, 2 * 86_400 + 5 * 3_600 + 59)).toBe('2 d 5 h');
    expect(agoSpan(t, 25 * 60 + 30)).toBe('25 min');
    expect(agoSpan(t, 2 * 3_600 + 9 * 60)).toBe('2 h 09 min');
    expect(agoSpan(t, 22 * 3_600 + 46 * 60)).toBe('22 h');
    expect(exactSpan(t, 3_600 + 12 * 60 + 5)).toBe('1 h 12 min 05 s');
  });

  it('gives working time in hours: five working days are 40 h', () => {
    expect(workSpan(t, 40 * 3_600)).toBe('40 h');
    expect(workSpan(t, 1_800)).toBe('30 min');
    expect(workSpan(t, 2 * 3_600 + 5 * 60)).toBe('2 h 05 min');
  });
});
