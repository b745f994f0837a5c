// The contracts file: the default, durations on each target's calendar, customer → policy, and the
// messages (with their JSON paths) for every kind of mistake.
import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../../src/domain/ticket';
import {
  ContractsError,
  DEFAULT_CONTRACTS,
  compileContracts,
  parseContracts,
} from '../../../src/sla/contracts';
import type { ContractsConfig } from '../../../src/sla/contracts';
import { HOUR, at, iso } from './helpers';

/** A deep copy of the default, changed by `edit`. */
function variant(edit: (config: ContractsConfig) => void): ContractsConfig {
  const config = structuredClone(DEFAULT_CONTRACTS);
  edit(config);
  return config;
}

function problem(input: unknown): string {
  try {
    parseContracts(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractsError);
    return (error as Error).message;
  }
  throw new Error('expected a ContractsError');
}

const standard = (config: ContractsConfig) => config.policies['standard']!;

describe('the default contracts', () => {
  it('survive a round trip through JSON and parse unchanged', () => {
    expect(parseContracts(JSON.parse(JSON.stringify(DEFAULT_CONTRACTS)))).toEqual(DEFAULT_CONTRACTS);
  });

  it('resolve to the DESIGN.md targets', () => {
    const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:anyone');
    expect(policy.name).toBe('standard');
    const seconds = Object.fromEntries(
      PRIORITIES.map((p) => [p, [policy.targets[p].response.seconds, policy.targets[p].resolution.seconds]]),
    );
    expect(seconds).toEqual({
      P1: [30 * 60, 4 * HOUR],
      P2: [2 * HOUR, 2 * 8 * HOUR],
      P3: [4 * HOUR, 3 * 8 * HOUR],
      P4: [8 * HOUR, 5 * 8 * HOUR],
    });
    expect(policy.targets.P1.response.calendarName).toBe('always');
    expect(policy.targets.P4.resolution.calendarName).toBe('office-nl');
    expect(policy.targets.P4.resolution.timeZone).toBe('Europe/Amsterdam');
    expect(policy.security).toMatchObject({
      plan: { seconds: 24 * HOUR, calendarName: 'always' },
      patch: { seconds: 72 * HOUR, calendarName: 'always' },
      severities: ['critical', 'high'],
      planMetBy: 'planSent',
      patchMetBy: 'patchReleased',
    });
    expect(policy.pauseStatuses).toEqual(['waiting_on_customer']);
    expect(policy.warnings).toEqual([0.5, 0.75, 0.9]);
  });

  it('build each calendar once and share it between targets', () => {
    const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('x:y');
    expect(policy.targets.P2.response.calendar).toBe(policy.targets.P4.resolution.calendar);
    expect(policy.targets.P1.resolution.calendar).toBe(policy.security.patch.calendar);
    expect(policy.targets.P1.resolution.calendar).not.toBe(policy.targets.P2.resolution.calendar);
  });

  it('count holidays on the office calendar: P4 8 h from Friday 16:00 before Easter Monday 2026', () => {
    const { calendar } = compileContracts(DEFAULT_CONTRACTS).policyFor('x:y').targets.P4.response;
    expect(calendar.addWorkingTime(at('2026-04-03T16:00:00+02:00'), 8 * HOUR).toISOString()).toBe(
      iso('2026-04-07T16:00:00+02:00'),
    );
  });
});

describe('durations', () => {
  const resolve = (response: string, calendar?: string) =>
    compileContracts(
      parseContracts(
        variant((config) => {
          standard(config).priorities.P2 = { response, resolution: '1d', ...(calendar ? { calendar } : {}) };
        }),
      ),
    ).policyFor('x:y').targets.P2;

  it.each([
    ['30m', 30 * 60],
    ['4h', 4 * HOUR],
    ['1h30m', 90 * 60],
    ['2d4h', 2 * 8 * HOUR + 4 * HOUR],
    ['1d2h3m', 8 * HOUR + 2 * HOUR + 3 * 60],
    ['5d', 5 * 8 * HOUR],
    ['90m', 90 * 60],
  ])('%s on the office calendar is %i working seconds', (text, seconds) => {
    expect(resolve(text).response.seconds).toBe(seconds);
  });

  it('count a day as 24 h on a 24/7 calendar', () => {
    const p2 = resolve('1d', 'always');
    expect(p2.response.seconds).toBe(24 * HOUR);
    expect(p2.resolution.seconds).toBe(24 * HOUR);
  });

  it("count a day as the calendar's own day length (a 10-hour day)", () => {
    const config = variant((c) => {
      const ten: Array<[string, string]> = [
        ['08:00', '12:00'],
        ['13:00', '19:00'],
      ];
      c.calendars['long'] = {
        timeZone: 'Europe/Berlin',
        week: { mon: ten, tue: ten, wed: ten, sat: [['10:00', '12:00']] },
      };
      standard(c).priorities.P3.calendar = 'long';
    });
    const p3 = compileContracts(parseContracts(config)).policyFor('x:y').targets.P3;
    expect(p3.resolution.seconds).toBe(3 * 10 * HOUR);
    expect(p3.resolution.timeZone).toBe('Europe/Berlin');
  });

  it.each(['2x', '', '1.5h', '30m1h', '4 h', 'h', '-1h'])('refuse %j', (text) => {
    const message = problem(variant((c) => (standard(c).priorities.P2.response = text)));
    expect(message).toBe(
      `contracts.json: policies.standard.priorities.P2.response: ${JSON.stringify(text)} is not a duration (use e.g. "30m", "4h", "5d")`,
    );
  });

  it('refuse a zero budget', () => {
    expect(problem(variant((c) => (standard(c).priorities.P1.resolution = '0h')))).toBe(
      'contracts.json: policies.standard.priorities.P1.resolution: "0h" is zero: a target needs some time',
    );
  });
});

describe('customers and the default policy', () => {
  const config = variant((c) => {
    c.policies['gold'] = {
      calendar: 'always',
      priorities: {
        P1: { response: '15m', resolution: '2h' },
        P2: { response: '1h', resolution: '8h' },
        P3: { response: '2h', resolution: '1d' },
        P4: { response: '4h', resolution: '2d' },
      },
    };
    c.customers = { 'demo:noordkade': 'gold', 'zendesk:42': 'standard' };
  });
  const contracts = compileContracts(parseContracts(config));

  it('map listed customers to their policy and everyone else to the default', () => {
    expect(contracts.policyFor('demo:noordkade').name).toBe('gold');
    expect(contracts.policyFor('zendesk:42').name).toBe('standard');
    expect(contracts.policyFor('zendesk:43').name).toBe('standard');
    expect([...contracts.policies.keys()]).toEqual(['standard', 'gold']);
  });

  it('resolve the same policy object every time', () => {
    expect(contracts.policyFor('demo:noordkade')).toBe(contracts.policyFor('demo:noordkade'));
  });

  it('apply the defaults of omitted keys: pause statuses, warnings and security on 24/7 in the zone', () => {
    const gold = contracts.policyFor('demo:noordkade');
    expect(gold.pauseStatuses).toEqual(['waiting_on_customer']);
    expect(gold.warnings).toEqual([0.5, 0.75, 0.9]);
    expect(gold.security.plan.seconds).toBe(24 * HOUR);
    expect(gold.security.patch.seconds).toBe(72 * HOUR);
    expect(gold.security.patch.timeZone).toBe('Europe/Amsterdam');
    expect(gold.security.severities).toEqual(['critical', 'high']);
    // Around the clock: 24 h after a Saturday noon is Sunday noon.
    expect(
      gold.security.plan.calendar.addWorkingTime(at('2026-06-13T12:00:00+02:00'), 24 * HOUR).toISOString(),
    ).toBe(iso('2026-06-14T12:00:00+02:00'));
  });

  it('fill a partial security entry from the defaults and lower-case severities', () => {
    const policy = compileContracts(
      parseContracts(
        variant(
          (c) => (standard(c).security = { patch: '5d', calendar: 'office-nl', severities: ['Critical'] }),
        ),
      ),
    ).policyFor('x:y');
    expect(policy.security.plan.seconds).toBe(24 * HOUR);
    expect(policy.security.patch.seconds).toBe(5 * 8 * HOUR);
    expect(policy.security.severities).toEqual(['critical']);
    expect(policy.security).toMatchObject({ planMetBy: 'planSent', patchMetBy: 'patchReleased' });
  });

  it('take what meets the security clocks from the file: milestones by default, the fallbacks on request', () => {
    const fallback = compileContracts(
      parseContracts(
        variant((c) => {
          standard(c).security = { planMetBy: 'firstPublicReply', patchMetBy: 'resolved' };
        }),
      ),
    ).policyFor('x:y');
    expect(fallback.security).toMatchObject({ planMetBy: 'firstPublicReply', patchMetBy: 'resolved' });
    const omitted = compileContracts(parseContracts(variant((c) => delete standard(c).security))).policyFor(
      'x:y',
    );
    expect(omitted.security).toMatchObject({ planMetBy: 'planSent', patchMetBy: 'patchReleased' });
  });
});

describe('mistakes are named with their JSON path', () => {
  it.each<[string, unknown, string]>([
    ['a non-object file', 3, 'contracts.json: expected an object, got 3'],
    [
      'an unknown top-level key',
      { ...DEFAULT_CONTRACTS, policy: {} },
      'contracts.json: policy: unknown key (expected calendars, policies, defaultPolicy, customers)',
    ],
    [
      'an unknown policy key',
      variant((c) => Object.assign(standard(c), { pauseStatus: [] })),
      'contracts.json: policies.standard.pauseStatus: unknown key (expected calendar, priorities, pauseStatuses, warnings, security)',
    ],
    [
      'an unknown calendar key',
      variant((c) => Object.assign(c.calendars['office-nl']!, { holidayregion: 'NL' })),
      'contracts.json: calendars.office-nl.holidayregion: unknown key (expected timeZone, week, holidays, holidayRegion, dateOverrides, holidayTypes, dutchHolidays)',
    ],
    [
      'an unknown weekday',
      variant((c) => Object.assign(c.calendars['office-nl']!.week, { mo: [] })),
      'contracts.json: calendars.office-nl.week.mo: unknown key (expected mon, tue, wed, thu, fri, sat, sun)',
    ],
    [
      'an interval that ends before it starts',
      variant((c) => (c.calendars['office-nl']!.week.mon = [['17:00', '09:00']])),
      'contracts.json: calendars.office-nl.week.mon[0]: interval 17:00–09:00 ends before it starts',
    ],
    [
      'a malformed time',
      variant(
        (c) =>
          (c.calendars['office-nl']!.week.tue = [
            ['09:00', '12:00'],
            ['13:00', '25:00'],
          ]),
      ),
      "contracts.json: calendars.office-nl.week.tue[1]: malformed time '25:00' (expected HH:MM from 00:00 to 24:00)",
    ],
    [
      'an interval that is not a pair',
      variant((c) => ((c.calendars['office-nl']!.week as Record<string, unknown>)['wed'] = [['09:00']])),
      'contracts.json: calendars.office-nl.week.wed[0]: expected a pair ["HH:MM", "HH:MM"]',
    ],
    [
      'an unknown time zone',
      variant((c) => (c.calendars['always']!.timeZone = 'Europe/Atlantis')),
      "contracts.json: calendars.always: unknown time zone 'Europe/Atlantis'",
    ],
    [
      'an unknown holiday region',
      variant((c) => (c.calendars['office-nl']!.holidayRegion = 'XX')),
      "contracts.json: calendars.office-nl: unknown holiday region 'XX'",
    ],
    [
      'a malformed holiday',
      variant((c) => (c.calendars['office-nl']!.holidays = ['2026-12-24', '24-12-2026'])),
      "contracts.json: calendars.office-nl.holidays[1]: malformed date '24-12-2026' (expected YYYY-MM-DD)",
    ],
    [
      'a calendar without working time',
      variant((c) => (c.calendars['office-nl']!.week = {})),
      'contracts.json: calendars.office-nl: no working time: every day of the week is closed',
    ],
    [
      'an unknown policy calendar',
      variant((c) => (c.policies['gold'] = { ...standard(c), calendar: 'office-be' })),
      'contracts.json: policies.gold.calendar: unknown calendar "office-be" (known: "office-nl", "always")',
    ],
    [
      'an unknown priority calendar',
      variant((c) => (standard(c).priorities.P1.calendar = '24x7')),
      'contracts.json: policies.standard.priorities.P1.calendar: unknown calendar "24x7" (known: "office-nl", "always")',
    ],
    [
      'an unknown security calendar',
      variant((c) => (standard(c).security!.calendar = 'clock')),
      'contracts.json: policies.standard.security.calendar: unknown calendar "clock" (known: "office-nl", "always")',
    ],
    [
      'a missing priority',
      variant((c) => delete (standard(c).priorities as Partial<Record<string, unknown>>)['P3']),
      'contracts.json: policies.standard.priorities.P3: missing (every policy needs response and resolution targets for P1, P2, P3, P4)',
    ],
    [
      'a missing resolution target',
      variant((c) => delete (standard(c).priorities.P4 as Partial<Record<string, unknown>>)['resolution']),
      'contracts.json: policies.standard.priorities.P4.resolution: missing',
    ],
    [
      'an unknown priority',
      variant((c) => Object.assign(standard(c).priorities, { P5: { response: '1d', resolution: '9d' } })),
      'contracts.json: policies.standard.priorities.P5: unknown key (expected P1, P2, P3, P4)',
    ],
    [
      'a wrong type',
      variant((c) => ((standard(c) as Record<string, unknown>)['warnings'] = '50%')),
      'contracts.json: policies.standard.warnings: expected a list, got "50%"',
    ],
    [
      'a warning outside (0, 1)',
      variant((c) => (standard(c).warnings = [0.5, 1])),
      'contracts.json: policies.standard.warnings[1]: 1 is not a fraction between 0 and 1',
    ],
    [
      'warnings out of order',
      variant((c) => (standard(c).warnings = [0.75, 0.5])),
      'contracts.json: policies.standard.warnings[1]: 0.5 does not follow 0.75: warnings must be ascending and unique',
    ],
    [
      'a repeated warning',
      variant((c) => (standard(c).warnings = [0.5, 0.5])),
      'contracts.json: policies.standard.warnings[1]: 0.5 does not follow 0.5: warnings must be ascending and unique',
    ],
    [
      'an unknown pause status',
      variant((c) => ((standard(c) as Record<string, unknown>)['pauseStatuses'] = ['pending'])),
      'contracts.json: policies.standard.pauseStatuses[0]: "pending" is not one of new, acknowledged, in_progress, waiting_on_customer, workaround_provided, resolved, closed',
    ],
    [
      'a pause status that stops the clock',
      variant((c) => (standard(c).pauseStatuses = ['waiting_on_customer', 'resolved'])),
      'contracts.json: policies.standard.pauseStatuses[1]: "resolved" stops the resolution clock, it cannot pause it',
    ],
    [
      'a bad security duration',
      variant((c) => (standard(c).security!.patch = '3 days')),
      'contracts.json: policies.standard.security.patch: "3 days" is not a duration (use e.g. "30m", "4h", "5d")',
    ],
    [
      'an unknown way to meet the security plan',
      variant((c) => ((standard(c).security as Record<string, unknown>)['planMetBy'] = 'reply')),
      'contracts.json: policies.standard.security.planMetBy: "reply" is not one of planSent, firstPublicReply',
    ],
    [
      'an unknown way to meet the security patch',
      variant((c) => ((standard(c).security as Record<string, unknown>)['patchMetBy'] = 'workaround')),
      'contracts.json: policies.standard.security.patchMetBy: "workaround" is not one of patchReleased, resolved',
    ],
    [
      'an unknown security key',
      variant((c) => Object.assign(standard(c).security!, { metBy: 'planSent' })),
      'contracts.json: policies.standard.security.metBy: unknown key (expected plan, patch, calendar, severities, planMetBy, patchMetBy)',
    ],
    [
      'an unknown default policy',
      variant((c) => (c.defaultPolicy = 'premium')),
      'contracts.json: defaultPolicy: unknown policy "premium" (known: "standard")',
    ],
    [
      'a customer with an unknown policy',
      variant((c) => (c.customers = { 'demo:x': 'gold' })),
      'contracts.json: customers["demo:x"]: unknown policy "gold" (known: "standard")',
    ],
    [
      'a customer id without its source',
      variant((c) => (c.customers = { noordkade: 'standard' })),
      'contracts.json: customers.noordkade: a customer id is written "source:externalId"',
    ],
    [
      'a missing defaultPolicy',
      variant((c) => delete (c as Partial<ContractsConfig>).defaultPolicy),
      'contracts.json: defaultPolicy: missing',
    ],
  ])('%s', (_name, input, message) => {
    expect(problem(input)).toBe(message);
  });

  it('carry the path on the error', () => {
    try {
      parseContracts(variant((c) => (c.defaultPolicy = 'premium')));
    } catch (error) {
      expect((error as ContractsError).path).toBe('defaultPolicy');
      expect((error as ContractsError).name).toBe('ContractsError');
    }
    expect.assertions(2);
  });

  it('check a config handed to compileContracts directly', () => {
    expect(() => compileContracts(variant((c) => (c.customers = { 'a:b': 'nope' })))).toThrow(ContractsError);
  });
});
