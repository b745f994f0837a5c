// Whom a ladder's targets name: the customer's lead engineer and TAM (or a clear entry when the contract
// lacks one), named people, and the on-call of real rotation schedules at the step's instant — one schedule,
// any schedule ("*"), a schedule that does not exist or has nobody on call.
import { describe, expect, it } from 'vitest';
import { ladderFor } from '../../../src/escalation/ladder';
import type { LadderContact } from '../../../src/escalation/ladder';
import { scheduleSource, targetResolver } from '../../../src/escalation/targets';
import type { CustomerContacts, OnCallSource } from '../../../src/escalation/targets';
import { DEFAULT_CONTRACTS, compileContracts } from '../../../src/sla/contracts';
import type { Schedule } from '../../../src/rotation/model';
import { layer, schedule, t } from '../rotation/helpers';

const AMS = 'Europe/Amsterdam';
const jane = { name: 'Jane Doe', email: 'jane@example.com', phone: '+31 6 1111 1111' };
const sam = { name: 'Sam', email: 'sam@example.com' };

/** Jane, then Sam, weekly from Monday 23 March 2026 09:00 Amsterdam. */
const primarySchedule: Schedule = schedule(AMS, [
  layer({ id: 'weekly', members: [jane, sam], start: '2026-03-23T09:00' }),
]);
/** Sam from 18:00 to 08:00 every day. */
const nightsSchedule: Schedule = {
  ...schedule(AMS, [
    layer({
      id: 'nights',
      members: [{ name: 'sam', email: 'SAM@example.com' }],
      rotation: { every: 1, unit: 'days' },
      start: '2026-03-23T18:00',
      restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
    }),
  ]),
  id: 'nights',
  name: 'Nights',
};

const primary = scheduleSource(primarySchedule);
const nights = scheduleSource(nightsSchedule);

/** A subscribed feed as the core would offer it: two entries overlap in the afternoon of 25 March. */
const feed: OnCallSource = {
  name: 'Grafana Primary',
  onCallAt: (at) =>
    at >= t('2026-03-25T12:00+01:00') && at < t('2026-03-25T18:00+01:00')
      ? [
          { name: 'Ann', email: 'ann@example.com' },
          { name: 'Jane Doe', email: 'JANE@example.com', phone: null },
        ]
      : [],
};

const noordkade: CustomerContacts = {
  name: 'Noordkade',
  leadEngineer: { name: 'Lars', phone: '+31 20 555 0101', email: 'lars@noordkade.example' },
  tam: { name: 'Tess', phone: '', email: null },
};
const bare: CustomerContacts = { name: 'Zuidas BV', leadEngineer: null, tam: null };

const WEEK1 = t('2026-03-25T12:00+01:00'); // Wednesday noon: Jane's week, no night shift
const WEEK2 = t('2026-03-31T12:00+02:00'); // Tuesday noon: Sam's week

describe('contacts from the contract', () => {
  const resolve = targetResolver(noordkade, [primary]);

  it("names the customer's lead engineer and TAM with phone and e-mail (blank ones as null)", () => {
    expect(resolve('leadEngineer', WEEK1)).toEqual([
      {
        role: 'leadEngineer',
        schedule: null,
        name: 'Lars',
        phone: '+31 20 555 0101',
        email: 'lars@noordkade.example',
        missing: null,
      },
    ]);
    expect(resolve('tam', WEEK1)).toEqual([
      { role: 'tam', schedule: null, name: 'Tess', phone: null, email: null, missing: null },
    ]);
  });

  it('says so when the contract has no lead engineer or TAM', () => {
    const missing = targetResolver(bare, []);
    expect(missing('leadEngineer', WEEK1)).toEqual([
      {
        role: 'leadEngineer',
        schedule: null,
        name: null,
        phone: null,
        email: null,
        missing: { reason: 'noLeadEngineer', message: 'no lead engineer in the contract for Zuidas BV' },
      },
    ]);
    expect(missing('tam', WEEK1)[0]!.missing).toEqual({
      reason: 'noTam',
      message: 'no TAM in the contract for Zuidas BV',
    });
  });

  it('names a person from the contracts file as written', () => {
    expect(resolve({ person: { name: 'Mila', phone: '+31 20 123 4567' } }, WEEK1)).toEqual([
      { role: 'person', schedule: null, name: 'Mila', phone: '+31 20 123 4567', email: null, missing: null },
    ]);
  });
});

describe('the on-call of a schedule', () => {
  const resolve = targetResolver(noordkade, [primary, nights]);
  const who = (contacts: LadderContact[]) =>
    contacts.map((c) => [c.schedule, c.name, c.missing?.reason ?? null]);

  it('is whoever is on call at the instant asked, with their phone and e-mail', () => {
    expect(resolve({ onCall: 'Primary' }, WEEK1)).toEqual([
      {
        role: 'onCall',
        schedule: 'Primary',
        name: 'Jane Doe',
        phone: '+31 6 1111 1111',
        email: 'jane@example.com',
        missing: null,
      },
    ]);
    expect(who(resolve({ onCall: 'Primary' }, WEEK2))).toEqual([['Primary', 'Sam', null]]);
  });

  it('"*" is everyone on call in any schedule, each person once', () => {
    expect(who(resolve({ onCall: '*' }, t('2026-03-25T20:00+01:00')))).toEqual([
      ['Primary', 'Jane Doe', null],
      ['Nights', 'sam', null],
    ]);
    // In Sam's week Sam holds both schedules at night: named once, by the first schedule.
    expect(who(resolve({ onCall: '*' }, t('2026-03-31T20:00+02:00')))).toEqual([['Primary', 'Sam', null]]);
  });

  it('finds a schedule by its name ignoring case, and names it as it is called', () => {
    expect(who(resolve({ onCall: ' primary ' }, WEEK1))).toEqual([['Primary', 'Jane Doe', null]]);
  });

  it('takes everyone a feed names at the instant, and each person once across schedules', () => {
    const withFeed = targetResolver(noordkade, [feed, primary]);
    expect(who(withFeed({ onCall: 'grafana primary' }, t('2026-03-25T13:00+01:00')))).toEqual([
      ['Grafana Primary', 'Ann', null],
      ['Grafana Primary', 'Jane Doe', null],
    ]);
    // Jane is also Primary's on-call that week: "*" names her once, by the feed that named her first.
    expect(who(withFeed({ onCall: '*' }, t('2026-03-25T13:00+01:00')))).toEqual([
      ['Grafana Primary', 'Ann', null],
      ['Grafana Primary', 'Jane Doe', null],
    ]);
    expect(who(withFeed({ onCall: 'Grafana Primary' }, t('2026-03-25T19:00+01:00')))).toEqual([
      ['Grafana Primary', null, 'nobodyOnCall'],
    ]);
  });

  it('says so for a schedule that does not exist, a gap, or a folder without schedules', () => {
    expect(resolve({ onCall: 'Secondary' }, WEEK1)[0]!.missing).toEqual({
      reason: 'unknownSchedule',
      message: 'no schedule named "Secondary" (known: "Primary", "Nights")',
    });
    expect(resolve({ onCall: 'Nights' }, WEEK1)[0]).toMatchObject({
      schedule: 'Nights',
      name: null,
      missing: { reason: 'nobodyOnCall', message: 'nobody is on call in "Nights"' },
    });
    expect(targetResolver(noordkade, [nights])({ onCall: '*' }, WEEK1)[0]!.missing).toEqual({
      reason: 'nobodyOnCall',
      message: 'nobody is on call in any schedule',
    });
    expect(targetResolver(noordkade, [])({ onCall: '*' }, WEEK1)[0]!.missing).toEqual({
      reason: 'noSchedules',
      message: 'no rotation schedule in this data folder',
    });
    expect(targetResolver(noordkade, [])({ onCall: 'Primary' }, WEEK1)[0]!.missing!.message).toBe(
      'no schedule named "Primary" (known: none)',
    );
  });
});

describe('a whole ladder with real targets', () => {
  const ladders = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:anyone').escalation;

  it('shows a missing lead engineer as an entry, not a failure, and the rest of the ladder as usual', () => {
    const created = WEEK1;
    const view = ladderFor(
      { createdAt: created, acknowledgedAt: null, priority: 'P1', isOpen: true },
      ladders,
      created + 20 * 60_000,
      targetResolver(bare, [primary]),
    );
    expect(view.steps.map((step) => step.targets.map((c) => c.name ?? c.missing!.message))).toEqual([
      ['Jane Doe'],
      ['no lead engineer in the contract for Zuidas BV'],
      ['no TAM in the contract for Zuidas BV'],
    ]);
    expect(view.current!.index).toBe(1);
  });

  it('calls whoever is on call now, not who was when the step fired (a handoff in between)', () => {
    // A P1 created 20 minutes before the Monday 09:00 handoff from Jane to Sam, still unacknowledged at 09:10
    // under a ladder that only pages the on-call.
    const created = t('2026-03-30T08:40+02:00');
    const onCallOnly = { ...ladders, P1: { ...ladders.P1, steps: [ladders.P1.steps[0]!] } };
    const view = ladderFor(
      { createdAt: created, acknowledgedAt: null, priority: 'P1', isOpen: true },
      onCallOnly,
      t('2026-03-30T09:10+02:00'),
      targetResolver(noordkade, [primary]),
    );
    expect(view.current!.targets.map((c) => c.name)).toEqual(['Sam']);
  });
});
