// SLA clocks on the default contracts with real calendars (Europe/Amsterdam office hours with NL
// holidays, and 24/7): response and resolution, pauses, reopen, priority rebase and breach history,
// DST nights, holidays, the closing-time boundary, security clocks, warnings, segments, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, TICKET_MILESTONES, TICKET_STATUSES } from '../../../src/domain/ticket';
import type { Priority, TicketChange } from '../../../src/domain/ticket';
import type { SlaClock, SlaTarget, SlaTicket } from '../../../src/sla/clock-types';
import { computeClocks } from '../../../src/sla/clocks';
import { DEFAULT_CONTRACTS, compileContracts, parseContracts } from '../../../src/sla/contracts';
import type { ResolvedTarget } from '../../../src/sla/contracts';
import { HOUR } from './helpers';

const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:noordkade');

/** An instant from a local ISO text with offset. */
const t = (text: string): number => Date.parse(text);

function ticket(createdAt: string, extra: Partial<SlaTicket> = {}): SlaTicket {
  return {
    createdAt: t(createdAt),
    kind: 'incident',
    severity: null,
    initialStatus: 'new',
    initialPriority: 'P4',
    changes: [],
    firstResponseAt: null,
    approximate: false,
    ...extra,
  };
}

const status = (at: string, value: TicketChange['status']): TicketChange => ({ at: t(at), status: value });
const priority = (at: string, value: TicketChange['priority']): TicketChange => ({
  at: t(at),
  priority: value,
});

function clockOf(subject: SlaTicket, target: SlaTarget, now: string): SlaClock {
  const found = computeClocks(subject, policy, t(now)).find((clock) => clock.target === target);
  if (!found) throw new Error(`no ${target} clock`);
  return found;
}

const instants = (clock: SlaClock) => clock.thresholdInstants.map(({ at }) => at);

describe('response', () => {
  it('is met on time by the first reply (P3, 4 working hours)', () => {
    const subject = ticket('2026-06-10T10:00:00+02:00', {
      initialPriority: 'P3',
      firstResponseAt: t('2026-06-10T13:30:00+02:00'),
    });
    const clock = clockOf(subject, 'response', '2026-06-11T09:00:00+02:00');
    expect(clock).toMatchObject({
      state: 'met',
      budgetSeconds: 4 * HOUR,
      elapsedSeconds: 3.5 * HOUR,
      remainingSeconds: 0.5 * HOUR,
      dueAt: t('2026-06-10T14:00:00+02:00'),
      metAt: t('2026-06-10T13:30:00+02:00'),
      breachedAt: null,
      thresholdsCrossed: [0.5, 0.75],
      timeZone: 'Europe/Amsterdam',
      segments: [{ from: subject.createdAt, to: t('2026-06-10T13:30:00+02:00'), state: 'running' }],
    });
    // 90 % (3 h 36 min) would have been 13:36, after the reply.
    expect(instants(clock)).toEqual([t('2026-06-10T12:00:00+02:00'), t('2026-06-10T13:00:00+02:00'), null]);
  });

  it('is breached when the reply comes after the deadline (P2 from Friday 16:00)', () => {
    const subject = ticket('2026-06-12T16:00:00+02:00', {
      initialPriority: 'P2',
      firstResponseAt: t('2026-06-15T11:00:00+02:00'),
    });
    const clock = clockOf(subject, 'response', '2026-06-15T12:00:00+02:00');
    expect(clock).toMatchObject({
      state: 'breached',
      elapsedSeconds: 3 * HOUR,
      remainingSeconds: -HOUR,
      dueAt: t('2026-06-15T10:00:00+02:00'),
      breachedAt: t('2026-06-15T10:00:00+02:00'),
      thresholdsCrossed: [0.5, 0.75, 0.9],
    });
    // Half the budget is used up exactly at Friday's closing time.
    expect(instants(clock)).toEqual([
      t('2026-06-12T17:00:00+02:00'),
      t('2026-06-15T09:30:00+02:00'),
      t('2026-06-15T09:48:00+02:00'),
    ]);
  });

  it('runs while unanswered and ignores a reply that lies after now', () => {
    const subject = ticket('2026-06-08T09:00:00+02:00', { firstResponseAt: t('2026-06-08T15:00:00+02:00') });
    const clock = clockOf(subject, 'response', '2026-06-08T14:00:00+02:00');
    expect(clock).toMatchObject({
      state: 'running',
      metAt: null,
      elapsedSeconds: 5 * HOUR,
      dueAt: t('2026-06-08T17:00:00+02:00'),
      thresholdsCrossed: [0.5],
      segments: [{ from: subject.createdAt, to: null, state: 'running' }],
    });
    expect(instants(clock)).toEqual([
      t('2026-06-08T13:00:00+02:00'),
      t('2026-06-08T15:00:00+02:00'),
      t('2026-06-08T16:12:00+02:00'),
    ]);
  });

  it('crosses no warnings when met early', () => {
    const subject = ticket('2026-06-08T09:00:00+02:00', { firstResponseAt: t('2026-06-08T12:00:00+02:00') });
    const clock = clockOf(subject, 'response', '2026-06-20T12:00:00+02:00');
    expect(clock.thresholdsCrossed).toEqual([]);
    expect(instants(clock)).toEqual([null, null, null]);
    expect(clock.dueAt).toBe(t('2026-06-08T17:00:00+02:00'));
  });
});

describe('the closing-time boundary', () => {
  const subject = (reply: string) =>
    ticket('2026-06-10T15:00:00+02:00', { initialPriority: 'P2', firstResponseAt: t(reply) });

  it('makes a budget that runs out at 17:00 due at 17:00, and a reply then on time', () => {
    const clock = clockOf(subject('2026-06-10T17:00:00+02:00'), 'response', '2026-06-11T12:00:00+02:00');
    expect(clock).toMatchObject({ state: 'met', dueAt: t('2026-06-10T17:00:00+02:00'), remainingSeconds: 0 });
  });

  it('counts a reply before the next opening as late, though no working time passed', () => {
    const clock = clockOf(subject('2026-06-11T08:30:00+02:00'), 'response', '2026-06-11T12:00:00+02:00');
    expect(clock).toMatchObject({
      state: 'breached',
      dueAt: t('2026-06-10T17:00:00+02:00'),
      breachedAt: t('2026-06-10T17:00:00+02:00'),
      remainingSeconds: 0,
    });
  });

  it('shows an unanswered clock as breached from 17:00 on', () => {
    const late = ticket('2026-06-10T15:00:00+02:00', { initialPriority: 'P2' });
    expect(clockOf(late, 'response', '2026-06-10T16:59:59+02:00').state).toBe('running');
    expect(clockOf(late, 'response', '2026-06-10T17:00:00+02:00')).toMatchObject({
      state: 'breached',
      breachedAt: t('2026-06-10T17:00:00+02:00'),
      thresholdsCrossed: [0.5, 0.75, 0.9],
    });
  });
});

describe('resolution with pauses', () => {
  // P3: 3 working days = 24 h. Waiting on the customer from Thursday 15:00 to Monday 11:00 skips the
  // rest of Thursday, Friday, the weekend and Monday morning.
  const subject = ticket('2026-06-09T10:00:00+02:00', {
    initialPriority: 'P3',
    changes: [
      status('2026-06-09T11:00:00+02:00', 'in_progress'),
      status('2026-06-11T15:00:00+02:00', 'waiting_on_customer'),
      status('2026-06-15T11:00:00+02:00', 'in_progress'),
    ],
  });

  it('excludes a pause across nights and a weekend', () => {
    const clock = clockOf(subject, 'resolution', '2026-06-15T12:00:00+02:00');
    expect(clock).toMatchObject({
      state: 'running',
      budgetSeconds: 24 * HOUR,
      elapsedSeconds: 22 * HOUR,
      remainingSeconds: 2 * HOUR,
      dueAt: t('2026-06-15T14:00:00+02:00'),
      breachedAt: null,
      metAt: null,
      thresholdsCrossed: [0.5, 0.75, 0.9],
      segments: [
        { from: subject.createdAt, to: t('2026-06-11T15:00:00+02:00'), state: 'running' },
        { from: t('2026-06-11T15:00:00+02:00'), to: t('2026-06-15T11:00:00+02:00'), state: 'paused' },
        { from: t('2026-06-15T11:00:00+02:00'), to: null, state: 'running' },
      ],
    });
    // 90 % = 21.6 h: 21 h by the pause, 36 min after it.
    expect(instants(clock)).toEqual([
      t('2026-06-10T14:00:00+02:00'),
      t('2026-06-11T12:00:00+02:00'),
      t('2026-06-15T11:36:00+02:00'),
    ]);
  });

  it('projects the due instant of a paused clock as if it resumed now', () => {
    const saturday = clockOf(subject, 'resolution', '2026-06-13T12:00:00+02:00');
    expect(saturday).toMatchObject({
      state: 'paused',
      elapsedSeconds: 21 * HOUR,
      dueAt: t('2026-06-15T12:00:00+02:00'),
      thresholdsCrossed: [0.5, 0.75],
    });
    expect(instants(saturday)[2]).toBe(t('2026-06-15T09:36:00+02:00'));
    expect(saturday.segments[saturday.segments.length - 1]).toEqual({
      from: t('2026-06-11T15:00:00+02:00'),
      to: null,
      state: 'paused',
    });
    const monday = clockOf(subject, 'resolution', '2026-06-15T10:00:00+02:00');
    expect(monday).toMatchObject({ state: 'paused', dueAt: t('2026-06-15T13:00:00+02:00') });
    expect(instants(monday)[2]).toBe(t('2026-06-15T10:36:00+02:00'));
  });

  it('does not pause the response clock', () => {
    expect(clockOf(subject, 'response', '2026-06-13T12:00:00+02:00')).toMatchObject({
      state: 'breached',
      dueAt: t('2026-06-09T14:00:00+02:00'),
    });
  });

  it('counts a ticket created waiting on the customer as paused from the start', () => {
    const waiting = ticket('2026-06-08T09:00:00+02:00', { initialStatus: 'waiting_on_customer' });
    expect(clockOf(waiting, 'resolution', '2026-06-09T12:00:00+02:00')).toMatchObject({
      state: 'paused',
      elapsedSeconds: 0,
      dueAt: t('2026-06-16T12:00:00+02:00'),
    });
  });
});

describe('reopen', () => {
  // P3 resolution (24 working hours), resolved Wednesday 12:00 after 10 h, reopened Monday 09:00.
  const changes = [
    status('2026-06-09T11:00:00+02:00', 'in_progress'),
    status('2026-06-10T12:00:00+02:00', 'resolved'),
    status('2026-06-11T10:00:00+02:00', 'closed'),
    status('2026-06-15T09:00:00+02:00', 'in_progress'),
    status('2026-06-16T10:00:00+02:00', 'resolved'),
  ];
  const subject = ticket('2026-06-09T10:00:00+02:00', { initialPriority: 'P3', changes });

  it('is met at the resolution, with the deadline it had then', () => {
    expect(clockOf(subject, 'resolution', '2026-06-12T12:00:00+02:00')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-10T12:00:00+02:00'),
      elapsedSeconds: 10 * HOUR,
      dueAt: t('2026-06-12T10:00:00+02:00'),
      segments: [{ from: subject.createdAt, to: t('2026-06-10T12:00:00+02:00'), state: 'running' }],
    });
  });

  it('resumes on reopen without counting the stopped stretch', () => {
    expect(clockOf(subject, 'resolution', '2026-06-15T12:00:00+02:00')).toMatchObject({
      state: 'running',
      metAt: null,
      elapsedSeconds: 13 * HOUR,
      dueAt: t('2026-06-16T15:00:00+02:00'),
      segments: [
        { from: subject.createdAt, to: t('2026-06-10T12:00:00+02:00'), state: 'running' },
        { from: t('2026-06-10T12:00:00+02:00'), to: t('2026-06-15T09:00:00+02:00'), state: 'stopped' },
        { from: t('2026-06-15T09:00:00+02:00'), to: null, state: 'running' },
      ],
    });
  });

  it('stops again at the next resolution', () => {
    expect(clockOf(subject, 'resolution', '2026-06-17T12:00:00+02:00')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-16T10:00:00+02:00'),
      elapsedSeconds: 19 * HOUR,
      dueAt: t('2026-06-16T15:00:00+02:00'),
    });
  });

  it('sorts changes given out of order', () => {
    const shuffled = { ...subject, changes: [...changes].reverse() };
    expect(computeClocks(shuffled, policy, t('2026-06-15T12:00:00+02:00'))).toEqual(
      computeClocks(subject, policy, t('2026-06-15T12:00:00+02:00')),
    );
  });
});

describe('priority changes rebase from the start', () => {
  const upgraded = ticket('2026-06-09T10:00:00+02:00', {
    changes: [
      status('2026-06-09T10:05:00+02:00', 'in_progress'),
      priority('2026-06-09T15:00:00+02:00', 'P1'),
    ],
  });

  it('breaches at once on an upgrade P4 → P1, at the change', () => {
    const response = clockOf(upgraded, 'response', '2026-06-09T15:30:00+02:00');
    expect(response).toMatchObject({
      state: 'breached',
      budgetSeconds: 30 * 60,
      elapsedSeconds: 5.5 * HOUR,
      remainingSeconds: -5 * HOUR,
      dueAt: t('2026-06-09T10:30:00+02:00'),
      breachedAt: t('2026-06-09T15:00:00+02:00'),
    });
    expect(clockOf(upgraded, 'resolution', '2026-06-09T15:30:00+02:00')).toMatchObject({
      state: 'breached',
      budgetSeconds: 4 * HOUR,
      dueAt: t('2026-06-09T14:00:00+02:00'),
      breachedAt: t('2026-06-09T15:00:00+02:00'),
    });
  });

  it('keeps breachedAt after a downgrade, though the clock runs again', () => {
    const downgraded = {
      ...upgraded,
      changes: [...upgraded.changes, priority('2026-06-09T16:00:00+02:00', 'P4')],
    };
    expect(clockOf(downgraded, 'response', '2026-06-09T16:30:00+02:00')).toMatchObject({
      state: 'running',
      budgetSeconds: 8 * HOUR,
      elapsedSeconds: 6.5 * HOUR,
      dueAt: t('2026-06-10T10:00:00+02:00'),
      breachedAt: t('2026-06-09T15:00:00+02:00'),
    });
  });

  it('swaps the target but keeps the elapsed time on a P3 → P2 change', () => {
    const p3 = ticket('2026-06-09T10:00:00+02:00', {
      initialPriority: 'P3',
      changes: [priority('2026-06-09T11:00:00+02:00', 'P2')],
    });
    expect(clockOf(p3, 'response', '2026-06-09T11:30:00+02:00')).toMatchObject({
      state: 'running',
      budgetSeconds: 2 * HOUR,
      elapsedSeconds: 1.5 * HOUR,
      dueAt: t('2026-06-09T12:00:00+02:00'),
      breachedAt: null,
    });
  });

  it('leaves a met clock alone when the priority changes afterwards', () => {
    const answered = { ...upgraded, firstResponseAt: t('2026-06-09T11:00:00+02:00') };
    expect(clockOf(answered, 'response', '2026-06-09T15:30:00+02:00')).toMatchObject({
      state: 'met',
      budgetSeconds: 8 * HOUR,
      breachedAt: null,
    });
  });

  it('ignores a priority that lasted no time (two changes at one instant)', () => {
    const flicker = ticket('2026-06-09T10:00:00+02:00', {
      changes: [priority('2026-06-09T15:00:00+02:00', 'P1'), priority('2026-06-09T15:00:00+02:00', 'P4')],
    });
    expect(clockOf(flicker, 'response', '2026-06-09T15:30:00+02:00')).toMatchObject({
      state: 'running',
      breachedAt: null,
    });
  });
});

describe('P1 around the clock across DST', () => {
  it('counts real time on the fall-back night (25-hour day)', () => {
    const subject = ticket('2026-10-25T00:30:00+02:00', { initialPriority: 'P1' });
    const clock = clockOf(subject, 'resolution', '2026-10-25T02:30:00+01:00');
    // 00:30 CEST + 4 real hours = 03:30 CET: three hours on the wall clock.
    expect(clock.dueAt).toBe(t('2026-10-25T03:30:00+01:00'));
    expect(clock.elapsedSeconds).toBe(3 * HOUR);
    expect(clock.timeZone).toBe('Europe/Amsterdam');
  });

  it('counts real time on the spring-forward night', () => {
    const subject = ticket('2026-03-29T01:45:00+01:00', { initialPriority: 'P1' });
    expect(clockOf(subject, 'response', '2026-03-29T01:50:00+01:00').dueAt).toBe(
      t('2026-03-29T03:15:00+02:00'),
    );
    expect(clockOf(subject, 'resolution', '2026-03-29T01:50:00+01:00').dueAt).toBe(
      t('2026-03-29T06:45:00+02:00'),
    );
  });
});

describe('P4 five working days around holidays', () => {
  it('skips Koningsdag (Monday 27 April 2026)', () => {
    const subject = ticket('2026-04-24T16:00:00+02:00');
    expect(clockOf(subject, 'resolution', '2026-04-24T16:30:00+02:00').dueAt).toBe(
      t('2026-05-04T16:00:00+02:00'),
    );
    expect(clockOf(subject, 'response', '2026-04-24T16:30:00+02:00').dueAt).toBe(
      t('2026-04-28T16:00:00+02:00'),
    );
  });

  it('skips Easter Monday (6 April 2026), not Good Friday', () => {
    const subject = ticket('2026-04-03T16:00:00+02:00');
    expect(clockOf(subject, 'resolution', '2026-04-03T16:30:00+02:00').dueAt).toBe(
      t('2026-04-13T16:00:00+02:00'),
    );
  });
});

describe('security clocks', () => {
  const security = (severity: string | null, kind: SlaTicket['kind'] = 'security') =>
    ticket('2026-06-12T18:00:00+02:00', {
      kind,
      severity,
      initialPriority: 'P2',
      changes: [status('2026-06-13T10:00:00+02:00', 'waiting_on_customer')],
    });
  const targets = (subject: SlaTicket) =>
    computeClocks(subject, policy, t('2026-06-15T20:00:00+02:00')).map((clock) => clock.target);

  it('exist only for critical and high security tickets', () => {
    expect(targets(security('critical'))).toEqual([
      'response',
      'resolution',
      'securityPlan',
      'securityPatch',
    ]);
    expect(targets(security('High'))).toEqual(['response', 'resolution', 'securityPlan', 'securityPatch']);
    expect(targets(security('medium'))).toEqual(['response', 'resolution']);
    expect(targets(security(null))).toEqual(['response', 'resolution']);
    expect(targets(security('critical', 'incident'))).toEqual(['response', 'resolution']);
  });

  it('count 24 and 72 clock hours across a weekend, without pausing', () => {
    const subject = security('critical');
    expect(clockOf(subject, 'securityPlan', '2026-06-15T20:00:00+02:00')).toMatchObject({
      state: 'breached',
      budgetSeconds: 24 * HOUR,
      dueAt: t('2026-06-13T18:00:00+02:00'),
      breachedAt: t('2026-06-13T18:00:00+02:00'),
    });
    expect(clockOf(subject, 'securityPatch', '2026-06-15T20:00:00+02:00')).toMatchObject({
      state: 'breached',
      budgetSeconds: 72 * HOUR,
      elapsedSeconds: 74 * HOUR,
      dueAt: t('2026-06-15T18:00:00+02:00'),
      segments: [{ from: subject.createdAt, to: null, state: 'running' }],
    });
    // Meanwhile the resolution clock waits on the customer.
    expect(clockOf(subject, 'resolution', '2026-06-15T20:00:00+02:00').state).toBe('paused');
  });

  it('meet the plan when the plan is sent and the patch when it is released, not at a reply or a workaround', () => {
    const subject = {
      ...security('high'),
      firstResponseAt: t('2026-06-13T09:00:00+02:00'), // "we are looking at it"
      changes: [
        { at: t('2026-06-13T12:00:00+02:00'), milestone: 'plan_sent' as const },
        status('2026-06-14T18:00:00+02:00', 'workaround_provided'),
        { at: t('2026-06-15T12:00:00+02:00'), milestone: 'patch_released' as const },
      ],
    };
    expect(clockOf(subject, 'securityPlan', '2026-06-15T20:00:00+02:00')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-13T12:00:00+02:00'),
      elapsedSeconds: 18 * HOUR,
    });
    expect(clockOf(subject, 'securityPatch', '2026-06-15T20:00:00+02:00')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-15T12:00:00+02:00'),
      elapsedSeconds: 66 * HOUR,
      thresholdsCrossed: [0.5, 0.75, 0.9],
    });
    // The resolution clock still stops at the workaround.
    expect(clockOf(subject, 'resolution', '2026-06-15T20:00:00+02:00').metAt).toBe(
      t('2026-06-14T18:00:00+02:00'),
    );
  });

  it('fall back to the first public reply and to resolved or closed when the policy says so', () => {
    const fallback = compileContracts(
      parseContracts({
        ...DEFAULT_CONTRACTS,
        policies: {
          standard: {
            ...DEFAULT_CONTRACTS.policies['standard']!,
            security: { planMetBy: 'firstPublicReply', patchMetBy: 'resolved' },
          },
        },
      }),
    ).policyFor('demo:noordkade');
    const subject = {
      ...security('high'),
      firstResponseAt: t('2026-06-13T09:00:00+02:00'),
      changes: [
        { at: t('2026-06-13T12:00:00+02:00'), milestone: 'plan_sent' as const },
        status('2026-06-14T18:00:00+02:00', 'workaround_provided'),
        status('2026-06-15T16:00:00+02:00', 'resolved'),
      ],
    };
    const clocks = computeClocks(subject, fallback, t('2026-06-15T20:00:00+02:00'));
    expect(clocks.find((clock) => clock.target === 'securityPlan')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-13T09:00:00+02:00'),
      elapsedSeconds: 15 * HOUR,
    });
    // A workaround is not a patch, even in the fallback.
    expect(clocks.find((clock) => clock.target === 'securityPatch')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-15T16:00:00+02:00'),
      elapsedSeconds: 70 * HOUR,
    });
  });

  it('stop unmet when the ticket is solved before the plan is sent or the patch released', () => {
    const subject = {
      ...security('critical'),
      firstResponseAt: t('2026-06-13T09:00:00+02:00'),
      changes: [
        status('2026-06-14T12:00:00+02:00', 'resolved'),
        status('2026-06-15T12:00:00+02:00', 'closed'),
      ],
    };
    expect(clockOf(subject, 'securityPlan', '2026-06-15T20:00:00+02:00')).toMatchObject({
      state: 'stopped',
      metAt: null,
      stoppedAt: t('2026-06-14T12:00:00+02:00'),
      elapsedSeconds: 42 * HOUR,
      dueAt: t('2026-06-13T18:00:00+02:00'),
      breachedAt: t('2026-06-13T18:00:00+02:00'),
    });
    expect(clockOf(subject, 'securityPatch', '2026-06-15T20:00:00+02:00')).toMatchObject({
      state: 'stopped',
      stoppedAt: t('2026-06-14T12:00:00+02:00'),
      dueAt: t('2026-06-15T18:00:00+02:00'),
      breachedAt: null,
    });
  });
});

describe('a ticket solved without a public reply', () => {
  // P3: 4 working hours to respond, from Tuesday 10:00 (due 14:00).
  const unanswered = (...changes: TicketChange[]) =>
    ticket('2026-06-09T10:00:00+02:00', { initialPriority: 'P3', changes });

  it('stops the response clock at the solve, keeping the breach from before it', () => {
    const subject = unanswered(
      status('2026-06-10T10:00:00+02:00', 'resolved'),
      status('2026-06-11T10:00:00+02:00', 'closed'),
    );
    expect(clockOf(subject, 'response', '2026-06-20T12:00:00+02:00')).toMatchObject({
      state: 'stopped',
      metAt: null,
      stoppedAt: t('2026-06-10T10:00:00+02:00'),
      dueAt: t('2026-06-09T14:00:00+02:00'),
      breachedAt: t('2026-06-09T14:00:00+02:00'),
      elapsedSeconds: 8 * HOUR,
      remainingSeconds: -4 * HOUR,
      thresholdsCrossed: [0.5, 0.75, 0.9],
      segments: [{ from: subject.createdAt, to: t('2026-06-10T10:00:00+02:00'), state: 'running' }],
    });
  });

  it('adds no breach when the ticket is solved before the deadline', () => {
    const subject = unanswered(status('2026-06-09T12:30:00+02:00', 'resolved'));
    const clock = clockOf(subject, 'response', '2026-06-20T12:00:00+02:00');
    expect(clock).toMatchObject({
      state: 'stopped',
      stoppedAt: t('2026-06-09T12:30:00+02:00'),
      dueAt: t('2026-06-09T14:00:00+02:00'),
      breachedAt: null,
      elapsedSeconds: 2.5 * HOUR,
      thresholdsCrossed: [0.5],
    });
    expect(instants(clock)).toEqual([t('2026-06-09T12:00:00+02:00'), null, null]);
  });

  it('resumes on reopen and is met by a reply then, without counting the solved stretch', () => {
    const subject = {
      ...unanswered(
        status('2026-06-09T11:00:00+02:00', 'resolved'),
        status('2026-06-10T09:00:00+02:00', 'in_progress'),
      ),
      firstResponseAt: t('2026-06-10T10:00:00+02:00'),
    };
    // Solved at 11:00 with 3 h left: at 15:00, past the old deadline, nothing is breached.
    expect(clockOf(subject, 'response', '2026-06-09T15:00:00+02:00')).toMatchObject({
      state: 'stopped',
      stoppedAt: t('2026-06-09T11:00:00+02:00'),
      breachedAt: null,
    });
    expect(clockOf(subject, 'response', '2026-06-10T12:00:00+02:00')).toMatchObject({
      state: 'met',
      metAt: t('2026-06-10T10:00:00+02:00'),
      stoppedAt: null,
      elapsedSeconds: 2 * HOUR,
      dueAt: t('2026-06-10T12:00:00+02:00'),
      breachedAt: null,
      segments: [
        { from: subject.createdAt, to: t('2026-06-09T11:00:00+02:00'), state: 'running' },
        { from: t('2026-06-09T11:00:00+02:00'), to: t('2026-06-10T09:00:00+02:00'), state: 'stopped' },
        { from: t('2026-06-10T09:00:00+02:00'), to: t('2026-06-10T10:00:00+02:00'), state: 'running' },
      ],
    });
  });

  it('leaves a response clock running through a workaround, which is no solve', () => {
    const subject = unanswered(status('2026-06-09T11:00:00+02:00', 'workaround_provided'));
    expect(clockOf(subject, 'response', '2026-06-09T15:00:00+02:00')).toMatchObject({
      state: 'breached',
      stoppedAt: null,
      breachedAt: t('2026-06-09T14:00:00+02:00'),
    });
  });
});

describe('segments', () => {
  it('merge equal neighbours and drop stretches that last no time', () => {
    const subject = ticket('2026-06-09T10:00:00+02:00', {
      changes: [
        status('2026-06-09T11:00:00+02:00', 'waiting_on_customer'),
        status('2026-06-09T12:00:00+02:00', 'in_progress'),
        status('2026-06-09T12:00:00+02:00', 'waiting_on_customer'),
        status('2026-06-09T13:00:00+02:00', 'resolved'),
        status('2026-06-09T14:00:00+02:00', 'closed'),
        status('2026-06-09T15:00:00+02:00', 'acknowledged'),
      ],
    });
    expect(clockOf(subject, 'resolution', '2026-06-09T16:00:00+02:00').segments).toEqual([
      { from: subject.createdAt, to: t('2026-06-09T11:00:00+02:00'), state: 'running' },
      { from: t('2026-06-09T11:00:00+02:00'), to: t('2026-06-09T13:00:00+02:00'), state: 'paused' },
      { from: t('2026-06-09T13:00:00+02:00'), to: t('2026-06-09T15:00:00+02:00'), state: 'stopped' },
      { from: t('2026-06-09T15:00:00+02:00'), to: null, state: 'running' },
    ]);
  });
});

describe('properties of random histories', () => {
  const targetOf = (target: SlaTarget, p: Priority): ResolvedTarget =>
    target === 'securityPlan'
      ? policy.security.plan
      : target === 'securityPatch'
        ? policy.security.patch
        : policy.targets[p][target];

  const start = Date.UTC(2026, 0, 1);
  const history = fc.record({
    createdAt: fc.integer({ min: start, max: start + 365 * 86_400_000 }),
    kind: fc.constantFrom('incident', 'request', 'security' as const),
    severity: fc.constantFrom(null, 'critical', 'high', 'low'),
    initialStatus: fc.constantFrom(...TICKET_STATUSES),
    initialPriority: fc.constantFrom(...PRIORITIES),
    steps: fc.array(
      fc.record({
        after: fc.integer({ min: 0, max: 3 * 86_400_000 }),
        status: fc.option(fc.constantFrom(...TICKET_STATUSES), { nil: undefined }),
        priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }),
        milestone: fc.option(fc.constantFrom(...TICKET_MILESTONES), { nil: undefined }),
      }),
      { maxLength: 8 },
    ),
    reply: fc.option(fc.integer({ min: 0, max: 5 * 86_400_000 }), { nil: null }),
    now: fc.integer({ min: 0, max: 25 * 86_400_000 }),
  });

  it('keep elapsed, remaining, due, breach, state and segments consistent', () => {
    fc.assert(
      fc.property(history, (h) => {
        let at = h.createdAt;
        const changes: TicketChange[] = h.steps.map(({ after, status: s, priority: p, milestone: m }) => ({
          at: (at += after),
          ...(s ? { status: s } : {}),
          ...(p ? { priority: p } : {}),
          ...(m ? { milestone: m } : {}),
        }));
        const subject: SlaTicket = {
          createdAt: h.createdAt,
          kind: h.kind,
          severity: h.severity,
          initialStatus: h.initialStatus,
          initialPriority: h.initialPriority,
          changes,
          firstResponseAt: h.reply === null ? null : h.createdAt + h.reply,
          approximate: false,
        };
        const now = h.createdAt + h.now;
        for (const clock of computeClocks(subject, policy, now)) {
          const { state, dueAt, metAt, stoppedAt, breachedAt, segments } = clock;
          const end = metAt ?? stoppedAt ?? now;
          expect(clock.approximate).toBe(false);
          expect(clock.elapsedSeconds + clock.remainingSeconds).toBeCloseTo(clock.budgetSeconds, 6);
          expect(clock.elapsedSeconds).toBeGreaterThanOrEqual(0);
          expect(Math.round(clock.elapsedSeconds * 1000)).toBeLessThanOrEqual(end - subject.createdAt);
          expect(dueAt).toBeGreaterThanOrEqual(subject.createdAt);
          if (metAt !== null) {
            expect(stoppedAt).toBeNull();
            expect(metAt).toBeLessThanOrEqual(now);
            expect(state).toBe(dueAt < metAt ? 'breached' : 'met');
          } else if (stoppedAt !== null) {
            // Solved before it was met: no longer measured, with the deadline it had then.
            expect(stoppedAt).toBeLessThanOrEqual(now);
            expect(state).toBe('stopped');
            expect(clock.remainingSeconds <= 0).toBe(dueAt <= stoppedAt);
          } else {
            expect(state === 'breached').toBe(dueAt <= now);
            // The working time left and the due instant agree.
            expect(clock.remainingSeconds <= 0).toBe(dueAt <= now);
          }
          if (state === 'breached') expect(breachedAt).not.toBeNull();
          if (breachedAt !== null) {
            expect(breachedAt).toBeLessThanOrEqual(now);
            expect(breachedAt).toBeGreaterThanOrEqual(subject.createdAt);
          }
          // Segments tile [createdAt, metAt or now) without gaps, empty stretches or equal neighbours.
          segments.forEach((segment, i) => {
            const previous = segments[i - 1];
            expect(segment.from).toBe(previous ? previous.to : subject.createdAt);
            if (segment.to !== null) expect(segment.to).toBeGreaterThan(segment.from);
            if (previous) expect(segment.state).not.toBe(previous.state);
          });
          const last = segments[segments.length - 1];
          if (last) expect(last.to).toBe(metAt ?? stoppedAt);
          expect(state === 'paused').toBe(
            metAt === null && stoppedAt === null && state !== 'breached' && last?.state === 'paused',
          );
          // Warnings: ascending instants; crossed exactly those reached by now.
          const reached = clock.thresholdInstants.filter(({ at: when }) => when !== null && when <= now);
          expect(clock.thresholdsCrossed).toEqual(reached.map(({ fraction }) => fraction));
          const times = clock.thresholdInstants.flatMap(({ at: when }) => (when === null ? [] : [when]));
          expect(times).toEqual([...times].sort((a, b) => a - b));
          if (end !== now) for (const when of times) expect(when).toBeLessThan(end);
          // Against the calendar's own pause handling, when the target is fixed.
          if (!changes.some((change) => change.priority)) {
            const target = targetOf(clock.target, subject.initialPriority);
            const pauses = segments
              .filter((segment) => segment.state !== 'running')
              .map((segment): [Date, Date] => [new Date(segment.from), new Date(segment.to ?? now)]);
            const created = new Date(subject.createdAt);
            expect(dueAt).toBe(target.calendar.addWorkingTime(created, target.seconds, pauses).getTime());
            expect(clock.elapsedSeconds).toBeCloseTo(
              target.calendar.workingTimeBetween(created, new Date(end), pauses),
              6,
            );
            // One target throughout: the clock breached exactly when its deadline fell before its end.
            const closed = metAt !== null || stoppedAt !== null;
            const overdue = closed ? dueAt < end : dueAt <= now;
            expect(breachedAt).toBe(overdue ? dueAt : null);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
