// The clock views rendered to markup in both languages: estimated clocks say so in text (the Due cell's label
// and mark, the pane's badge and explanation), and a clock stopped by a solve says so, with its breach.
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SlaBrief } from '../../../src/api';
import type { SlaClock } from '../../../src/sla/clock-types';
import { DueCell } from '../../../renderer/src/components/DueCell';
import { SlaClockItem } from '../../../renderer/src/components/SlaClockItem';
import en from '../../../renderer/src/i18n/locales/en.json';
import nl from '../../../renderer/src/i18n/locales/nl.json';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const HOUR = 3_600_000;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, nl: { translation: nl } },
    lng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
});

function clock(patch: Partial<SlaClock>): SlaClock {
  return {
    target: 'response',
    state: 'running',
    budgetSeconds: 4 * 3600,
    elapsedSeconds: 3600,
    remainingSeconds: 3 * 3600,
    dueAt: NOW + 3 * HOUR,
    breachedAt: null,
    metAt: null,
    stoppedAt: null,
    thresholdsCrossed: [],
    thresholdInstants: [],
    segments: [{ from: NOW - HOUR, to: null, state: 'running' }],
    timeZone: 'Europe/Amsterdam',
    approximate: false,
    ...patch,
  };
}

function brief(approximate: boolean): SlaBrief {
  const { target, state, dueAt, budgetSeconds, remainingSeconds, breachedAt } = clock({});
  return {
    nextDueAt: dueAt,
    breached: false,
    approximate,
    clocks: [{ target, state, dueAt, budgetSeconds, remainingSeconds, breachedAt, computedAt: NOW }],
  };
}

const dueCell = (sla: SlaBrief) =>
  renderToStaticMarkup(createElement(DueCell, { sla, slaError: null, now: NOW }));
const paneClock = (subject: SlaClock) =>
  renderToStaticMarkup(createElement(SlaClockItem, { clock: subject, now: NOW }));

describe('an approximate clock', () => {
  it('is marked in the Due cell, with the word in its label and title', async () => {
    await i18next.changeLanguage('en');
    const marked = dueCell(brief(true));
    expect(marked).toMatch(/aria-label="Response due [^"]*, approximate \(in 3 h[^"]*\)"/);
    expect(marked).toMatch(/title="Response due [^"]*, approximate"/);
    expect(marked).toContain('≈');
    const exact = dueCell(brief(false));
    expect(exact).not.toContain('approximate');
    expect(exact).not.toContain('≈');
    await i18next.changeLanguage('nl');
    expect(dueCell(brief(true))).toContain(', bij benadering');
  });

  it('says so in the ticket pane, with the reason, in both languages', async () => {
    await i18next.changeLanguage('en');
    const shown = paneClock(clock({ approximate: true }));
    expect(shown).toContain('Approximate');
    expect(shown).toContain('the ticket system reports no history');
    expect(paneClock(clock({}))).not.toContain('Approximate');
    await i18next.changeLanguage('nl');
    expect(paneClock(clock({ approximate: true }))).toContain('Bij benadering');
  });
});

describe('a clock stopped by a solve', () => {
  it('reads as stopped, or as breached then stopped, with the instant it stopped', async () => {
    await i18next.changeLanguage('en');
    const stoppedAt = NOW - 2 * HOUR;
    const onTime = paneClock(
      clock({ state: 'stopped', stoppedAt, dueAt: NOW - HOUR, remainingSeconds: 1800 }),
    );
    expect(onTime).toContain('>Stopped<');
    expect(onTime).toContain('Stopped at');
    expect(onTime).toContain('solved before it was met');
    expect(onTime).not.toContain('overdue');
    const late = paneClock(
      clock({ state: 'stopped', stoppedAt, dueAt: NOW - 3 * HOUR, breachedAt: NOW - 3 * HOUR }),
    );
    expect(late).toContain('Breached, then stopped');
    expect(late).toContain('Breached at');
  });
});
