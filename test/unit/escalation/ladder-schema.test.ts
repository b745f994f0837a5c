// The escalation ladder in contracts.json: a valid ladder compiles, a priority without one gets the default
// ladder, and every mistake is refused with a message that names its JSON path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../../src/domain/ticket';
import {
  ContractsError,
  DEFAULT_CONTRACTS,
  compileContracts,
  parseContracts,
} from '../../../src/sla/contracts';
import type { ContractsConfig } from '../../../src/sla/contracts';
import { escalationMinutes } from '../../../src/escalation/ladder-schema';

const MIN = 60_000;
const P1 = 'policies.standard.priorities.P1.escalation';

/** The default contracts with `escalation` (any JSON value) on the standard policy's P1. */
function withLadder(escalation: unknown): unknown {
  const config = structuredClone(DEFAULT_CONTRACTS) as ContractsConfig;
  (config.policies['standard']!.priorities.P1 as Record<string, unknown>)['escalation'] = escalation;
  return JSON.parse(JSON.stringify(config));
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

const policyOf = (input: unknown) => compileContracts(parseContracts(input)).policyFor('demo:anyone');

describe('a ladder in contracts.json', () => {
  it('compiles its steps, targets and repeat', () => {
    const policy = policyOf(
      withLadder({
        steps: [
          { after: '5m', notify: [{ onCall: 'Primary' }] },
          {
            after: '1h30m',
            notify: ['leadEngineer', { person: { name: 'Mila', phone: '+31 20 123 4567' } }],
          },
          { after: '1d', notify: ['tam'] },
        ],
        repeat: 2,
      }),
    );
    const ladder = policy.escalation.P1;
    expect(ladder.steps).toEqual([
      { after: '5m', afterMs: 5 * MIN, notify: [{ onCall: 'Primary' }] },
      {
        after: '1h30m',
        afterMs: 90 * MIN,
        notify: ['leadEngineer', { person: { name: 'Mila', phone: '+31 20 123 4567' } }],
      },
      { after: '1d', afterMs: 24 * 60 * MIN, notify: ['tam'] },
    ]);
    expect(ladder.repeat).toBe(2);
    expect(ladder.isDefault).toBe(false);
    // The last step stays current as long as the one before it was: 24 h + (24 h − 90 min).
    expect(ladder.roundMs).toBe((2 * 24 * 60 - 90) * MIN);
    expect(policy.escalation.P2.isDefault).toBe(true);
  });

  it('reads after as wall-clock minutes: 0m is allowed, a day is 24 hours, not a working day', () => {
    expect(['0m', '15m', '1h', '1h30m', '2d', '1d2h3m'].map(escalationMinutes)).toEqual([
      0,
      15,
      60,
      90,
      2 * 1440,
      1440 + 123,
    ]);
    expect(['', '15', '15 min', '1.5h', '30m1h', '-5m'].map(escalationMinutes)).toEqual(Array(6).fill(null));
  });

  it('leaves repeat at 0 when it is not given', () => {
    const ladder = policyOf(withLadder({ steps: [{ after: '0m', notify: ['tam'] }] })).escalation.P1;
    expect(ladder.repeat).toBe(0);
    expect(ladder.roundMs).toBe(0);
  });

  it('makes the default contracts still survive a JSON round trip unchanged', () => {
    expect(parseContracts(JSON.parse(JSON.stringify(DEFAULT_CONTRACTS)))).toEqual(DEFAULT_CONTRACTS);
  });
});

describe('the default ladder', () => {
  const policy = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:anyone');

  it.each([
    ['P1', [0, 15, 30]],
    ['P2', [0, 30, 60]],
    ['P3', [0, 60, 120]],
    ['P4', [0, 60, 120]],
  ] as const)('%s: on-call at once, then the lead engineer at %j, then the TAM', (priority, minutes) => {
    const ladder = policy.escalation[priority];
    expect(ladder.isDefault).toBe(true);
    expect(ladder.repeat).toBe(0);
    expect(ladder.steps.map((step) => step.afterMs / MIN)).toEqual(minutes);
    expect(ladder.steps.map((step) => step.notify)).toEqual([[{ onCall: '*' }], ['leadEngineer'], ['tam']]);
  });

  it('is what every priority of a policy without escalation gets', () => {
    expect(PRIORITIES.every((p) => policy.escalation[p].isDefault)).toBe(true);
  });
});

describe('mistakes in a ladder', () => {
  const step = (after: string, notify: unknown[] = ['tam']) => ({ after, notify });

  it.each([
    [
      'an after that is not a duration',
      { steps: [step('15 min')] },
      `${P1}.steps[0].after: "15 min" is not a duration (use e.g. "0m", "15m", "1h")`,
    ],
    [
      'a step no later than the one before',
      { steps: [step('0m'), step('15m'), step('15m')] },
      `${P1}.steps[2].after: must be later than the step before (15m)`,
    ],
    [
      'a step earlier than the one before',
      { steps: [step('1h'), step('30m')] },
      `${P1}.steps[1].after: must be later than the step before (1h)`,
    ],
    ['no steps', { steps: [] }, `${P1}.steps: must have at least one step`],
    ['no steps key', {}, `${P1}.steps: missing`],
    [
      'a step that notifies nobody',
      { steps: [step('0m', [])] },
      `${P1}.steps[0].notify: must name at least one target`,
    ],
    [
      'a target that is not one',
      { steps: [step('0m', ['boss'])] },
      `${P1}.steps[0].notify[0]: "boss" is not a target (use "leadEngineer", "tam", { "onCall": "<schedule>" } or { "person": { "name": … } })`,
    ],
    [
      'an object target of no known form',
      { steps: [step('0m', ['tam', { schedule: 'Primary' }])] },
      `${P1}.steps[0].notify[1]: an object is not a target (use "leadEngineer", "tam", { "onCall": "<schedule>" } or { "person": { "name": … } })`,
    ],
    [
      'an empty schedule name',
      { steps: [step('0m', [{ onCall: ' ' }])] },
      `${P1}.steps[0].notify[0].onCall: must not be empty`,
    ],
    [
      'a schedule name that is not a string',
      { steps: [step('0m', [{ onCall: 3 }])] },
      `${P1}.steps[0].notify[0].onCall: expected a string, got 3`,
    ],
    [
      'an on-call target with a second key',
      { steps: [step('0m', [{ onCall: 'Primary', person: { name: 'X' } }])] },
      `${P1}.steps[0].notify[0].person: unknown key (expected onCall)`,
    ],
    [
      'a person without a name',
      { steps: [step('0m', [{ person: { phone: '112' } }])] },
      `${P1}.steps[0].notify[0].person.name: missing`,
    ],
    [
      'a person with an unknown key',
      { steps: [step('0m', [{ person: { name: 'Mila', mobile: '06' } }])] },
      `${P1}.steps[0].notify[0].person.mobile: unknown key (expected name, phone, email)`,
    ],
    [
      'a person with a bad e-mail address',
      { steps: [step('0m', [{ person: { name: 'Mila', email: 'mila at example' } }])] },
      `${P1}.steps[0].notify[0].person.email: "mila at example" is not an e-mail address`,
    ],
    [
      'notify that is not a list',
      { steps: [step('0m', 'tam' as unknown as unknown[])] },
      `${P1}.steps[0].notify: expected a list, got "tam"`,
    ],
    [
      'an unknown key in a step',
      { steps: [{ ...step('0m'), wait: '5m' }] },
      `${P1}.steps[0].wait: unknown key (expected after, notify)`,
    ],
    [
      'an unknown key in the ladder',
      { steps: [step('0m')], repeats: 2 },
      `${P1}.repeats: unknown key (expected steps, repeat)`,
    ],
    [
      'a negative repeat',
      { steps: [step('5m')], repeat: -1 },
      `${P1}.repeat: -1 is not a whole number from 0 to 9`,
    ],
    [
      'a fractional repeat',
      { steps: [step('5m')], repeat: 1.5 },
      `${P1}.repeat: 1.5 is not a whole number from 0 to 9`,
    ],
    [
      'too many repeats',
      { steps: [step('5m')], repeat: 10 },
      `${P1}.repeat: 10 is not a whole number from 0 to 9`,
    ],
    [
      'repeating a ladder that takes no time',
      { steps: [step('0m')], repeat: 1 },
      `${P1}.repeat: a ladder whose only step is at 0m cannot repeat (give the step a later "after")`,
    ],
    ['a ladder that is a list', [step('0m')], `${P1}: expected an object, got a list`],
  ])('refuse %s', (_what, escalation, message) => {
    expect(problem(withLadder(escalation))).toBe(`contracts.json: ${message}`);
  });

  it('name escalation among the keys a priority knows', () => {
    const config = structuredClone(DEFAULT_CONTRACTS) as ContractsConfig;
    (config.policies['standard']!.priorities.P2 as Record<string, unknown>)['ladder'] = {};
    expect(problem(config)).toBe(
      'contracts.json: policies.standard.priorities.P2.ladder: unknown key (expected response, resolution, calendar, escalation)',
    );
  });
});

describe('docs/contracts.md', () => {
  it("shows a P1 ladder that Piket reads as the section 'Escalation ladder' describes it", () => {
    const doc = readFileSync('docs/contracts.md', 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const ladder = compileContracts(parseContracts(JSON.parse(example))).policyFor('demo:noordkade')
      .escalation.P1;
    expect(ladder.isDefault).toBe(false);
    expect(ladder.steps.map((step) => [step.afterMs / MIN, step.notify])).toEqual([
      [0, [{ onCall: 'Support NL' }]],
      [10, ['leadEngineer']],
      [20, ['tam', { person: { name: 'Mila de Vries', phone: '+31 20 123 4567' } }]],
    ]);
    expect(ladder.repeat).toBe(2);
    expect(doc).toContain('## Escalation ladder');
  });
});
