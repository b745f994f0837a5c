// The SLA engine's view of a stored ticket: a reported history as is; without one, a minimal history rebuilt from
// the ticket's timestamps, whose clocks say they are approximate.
import { describe, expect, it } from 'vitest';
import { computeClocks } from '../../../src/sla/clocks';
import { DEFAULT_CONTRACTS, compileContracts } from '../../../src/sla/contracts';
import { slaTicketOf } from '../../../src/sla/sla-ticket';
import type { SlaTicketFacts } from '../../../src/sla/sla-ticket';
import { HOUR } from './helpers';

const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:noordkade');
const t = (text: string): number => Date.parse(text);
const CREATED = t('2026-06-09T10:00:00+02:00'); // a Tuesday

function facts(extra: Partial<SlaTicketFacts> = {}): SlaTicketFacts {
  return {
    createdAt: CREATED,
    kind: 'incident',
    severity: null,
    priority: 'P3',
    status: 'new',
    firstResponseAt: null,
    resolvedAt: null,
    updatedAt: CREATED,
    history: [],
    ...extra,
  };
}

const clock = (subject: SlaTicketFacts, target: string, now: string) =>
  computeClocks(slaTicketOf(subject), policy, t(now)).find((c) => c.target === target)!;

describe('a ticket with reported history', () => {
  it('starts from the first entry and keeps the rest as changes, not approximate', () => {
    const history = [
      { at: CREATED, status: 'new' as const, priority: 'P2' as const },
      { at: t('2026-06-09T11:00:00+02:00'), status: 'in_progress' as const },
      { at: t('2026-06-09T12:00:00+02:00'), milestone: 'plan_sent' as const },
    ];
    expect(slaTicketOf(facts({ status: 'in_progress', history }))).toEqual({
      createdAt: CREATED,
      kind: 'incident',
      severity: null,
      initialStatus: 'new',
      initialPriority: 'P2',
      changes: history.slice(1),
      firstResponseAt: null,
      approximate: false,
    });
    const clocks = computeClocks(slaTicketOf(facts({ history })), policy, t('2026-06-09T13:00:00+02:00'));
    expect(clocks.every((c) => !c.approximate)).toBe(true);
  });
});

describe('a ticket without reported history', () => {
  it('shows a resolved ticket resolved at resolvedAt, not met at 0 s since creation', () => {
    const closed = facts({
      status: 'closed',
      firstResponseAt: t('2026-06-09T11:00:00+02:00'),
      resolvedAt: t('2026-06-10T12:00:00+02:00'),
      updatedAt: t('2026-06-12T09:00:00+02:00'),
    });
    expect(slaTicketOf(closed)).toMatchObject({
      initialStatus: 'new',
      initialPriority: 'P3',
      changes: [{ at: t('2026-06-10T12:00:00+02:00'), status: 'closed' }],
      approximate: true,
    });
    // Tuesday 10:00–17:00 and Wednesday 09:00–12:00 of office time.
    expect(clock(closed, 'resolution', '2026-06-20T12:00:00+02:00')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-10T12:00:00+02:00'),
      elapsedSeconds: 10 * HOUR,
      approximate: true,
    });
    expect(clock(closed, 'response', '2026-06-20T12:00:00+02:00')).toMatchObject({
      state: 'met',
      elapsedSeconds: HOUR,
      approximate: true,
    });
  });

  it('takes the last update as the solve when resolvedAt is unknown', () => {
    const resolved = facts({ status: 'resolved', updatedAt: t('2026-06-09T15:00:00+02:00') });
    expect(slaTicketOf(resolved).changes).toEqual([
      { at: t('2026-06-09T15:00:00+02:00'), status: 'resolved' },
    ]);
  });

  it('counts a ticket waiting on the customer as running until its last update, paused since', () => {
    const waiting = facts({ status: 'waiting_on_customer', updatedAt: t('2026-06-09T12:00:00+02:00') });
    expect(clock(waiting, 'resolution', '2026-06-09T16:00:00+02:00')).toMatchObject({
      state: 'paused',
      elapsedSeconds: 2 * HOUR,
      approximate: true,
    });
  });

  it('rebuilds a reopened ticket: resolved at resolvedAt, back in its status at its last update', () => {
    const reopened = facts({
      status: 'new',
      resolvedAt: t('2026-06-09T12:00:00+02:00'),
      updatedAt: t('2026-06-10T09:00:00+02:00'),
    });
    expect(slaTicketOf(reopened).changes).toEqual([
      { at: t('2026-06-09T12:00:00+02:00'), status: 'resolved' },
      { at: t('2026-06-10T09:00:00+02:00'), status: 'new' },
    ]);
    expect(clock(reopened, 'resolution', '2026-06-10T10:00:00+02:00')).toMatchObject({
      state: 'running',
      elapsedSeconds: 3 * HOUR,
    });
  });

  it('keeps a new ticket new from its creation, under its current priority', () => {
    const fresh = facts({ priority: 'P1', updatedAt: t('2026-06-09T10:05:00+02:00') });
    expect(slaTicketOf(fresh)).toMatchObject({ initialStatus: 'new', initialPriority: 'P1', changes: [] });
  });
});
