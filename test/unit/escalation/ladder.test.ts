// Where a ticket stands on its ladder: the current and next step at instants before, at and after each step,
// repeats, the default ladder per priority, stopping on acknowledgement or close, the scheduler events, and
// real elapsed minutes across DST changes.
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../../src/domain/ticket';
import { acknowledgedAtOf, ladderEvents, ladderFor } from '../../../src/escalation/ladder';
import type { LadderContact, LadderTicket, ResolveTarget } from '../../../src/escalation/ladder';
import { escalationLadders } from '../../../src/escalation/ladder-schema';
import type { EscalationLadders, EscalationSpec, LadderTarget } from '../../../src/escalation/ladder-schema';
import { DEFAULT_CONTRACTS, compileContracts } from '../../../src/sla/contracts';

const MIN = 60_000;
const CREATED = Date.parse('2026-06-10T02:00:00Z');
const DEFAULTS = compileContracts(DEFAULT_CONTRACTS).policyFor('demo:anyone').escalation;

/** Every priority on the same ladder. */
function ladders(spec: EscalationSpec): EscalationLadders {
  const priorities = { escalation: spec };
  return escalationLadders({ P1: priorities, P2: priorities, P3: priorities, P4: priorities });
}

const ticket = (parts: Partial<LadderTicket> = {}): LadderTicket => ({
  createdAt: CREATED,
  acknowledgedAt: null,
  priority: 'P1',
  isOpen: true,
  ...parts,
});

/** A fake resolver: each target names one contact that says which target it was and the instant asked. */
const label = (target: LadderTarget): string =>
  typeof target === 'string' ? target : 'onCall' in target ? `onCall ${target.onCall}` : target.person.name;
const resolve: ResolveTarget = (target, at) => [
  {
    role: 'person',
    schedule: null,
    name: `${label(target)} @${(at - CREATED) / MIN}`,
    phone: null,
    email: null,
    missing: null,
  },
];
const names = (targets: LadderContact[]) => targets.map((contact) => contact.name);

/** "round.index" of a step. */
const id = (step: { round: number; index: number } | null | undefined) =>
  step ? `${step.round}.${step.index}` : null;

const threeSteps = ladders({
  steps: [
    { after: '5m', notify: [{ onCall: 'Primary' }] },
    { after: '15m', notify: ['leadEngineer'] },
    { after: '30m', notify: ['tam', { person: { name: 'Mila' } }] },
  ],
});

describe('the current and next step', () => {
  it.each([
    [0, null, '0.0', ['next', 'later', 'later']],
    [5 * MIN - 1, null, '0.0', ['next', 'later', 'later']],
    [5 * MIN, '0.0', '0.1', ['current', 'next', 'later']],
    [15 * MIN - 1, '0.0', '0.1', ['current', 'next', 'later']],
    [15 * MIN, '0.1', '0.2', ['done', 'current', 'next']],
    [29 * MIN, '0.1', '0.2', ['done', 'current', 'next']],
    [30 * MIN, '0.2', null, ['done', 'done', 'current']],
    [600 * MIN, '0.2', null, ['done', 'done', 'current']],
  ])('at +%i ms: current %s, next %s', (offset, current, next, states) => {
    const view = ladderFor(ticket(), threeSteps, CREATED + offset, resolve);
    expect(id(view.current)).toBe(current);
    expect(id(view.next?.step)).toBe(next);
    expect(view.steps.map((step) => step.state)).toEqual(states);
    expect(view.stopped).toBeNull();
  });

  it('gives each step its instant, and the next step its instant beside it', () => {
    const view = ladderFor(ticket(), threeSteps, CREATED + 7 * MIN, resolve);
    expect(view.steps.map((step) => [step.after, (step.at - CREATED) / MIN])).toEqual([
      ['5m', 5],
      ['15m', 15],
      ['30m', 30],
    ]);
    expect(view.next).toEqual({ at: CREATED + 15 * MIN, step: view.steps[1] });
    expect(view.isDefault).toBe(false);
  });

  it("resolves the current step's targets at now, the others at their own instant", () => {
    const view = ladderFor(ticket(), threeSteps, CREATED + 20 * MIN, resolve);
    expect(view.steps.map((step) => names(step.targets))).toEqual([
      ['onCall Primary @5'],
      ['leadEngineer @20'],
      ['tam @30', 'Mila @30'],
    ]);
  });
});

describe('the default ladder', () => {
  it.each([
    ['P1', [0, 15, 30]],
    ['P2', [0, 30, 60]],
    ['P3', [0, 60, 120]],
    ['P4', [0, 60, 120]],
  ] as const)('%s calls the on-call at once, then the lead engineer, then the TAM', (priority, minutes) => {
    const atCreation = ladderFor(ticket({ priority }), DEFAULTS, CREATED, resolve);
    expect(atCreation.isDefault).toBe(true);
    expect(names(atCreation.current!.targets)).toEqual(['onCall * @0']);
    expect(atCreation.next!.at).toBe(CREATED + minutes[1] * MIN);
    expect(atCreation.steps.map((step) => [(step.at - CREATED) / MIN, names(step.targets)])).toEqual([
      [minutes[0], ['onCall * @0']],
      [minutes[1], [`leadEngineer @${minutes[1]}`]],
      [minutes[2], [`tam @${minutes[2]}`]],
    ]);
    const atLead = ladderFor(ticket({ priority }), DEFAULTS, CREATED + minutes[1] * MIN, resolve);
    expect(names(atLead.current!.targets)).toEqual([`leadEngineer @${minutes[1]}`]);
  });

  it("takes the ladder of the ticket's current priority, counted from its creation", () => {
    const at20 = CREATED + 20 * MIN;
    const asP2 = ladderFor(ticket({ priority: 'P2' }), DEFAULTS, at20, resolve);
    const asP1 = ladderFor(ticket({ priority: 'P1' }), DEFAULTS, at20, resolve);
    expect([id(asP2.current), asP2.next!.at]).toEqual(['0.0', CREATED + 30 * MIN]);
    expect([id(asP1.current), asP1.next!.at]).toEqual(['0.1', CREATED + 30 * MIN]);
  });
});

describe('repeats', () => {
  const minutesOf = (spec: EscalationSpec) =>
    ladderFor(ticket(), ladders(spec), CREATED, resolve).steps.map((step) => [
      step.round,
      step.index,
      (step.at - CREATED) / MIN,
    ]);

  it('run the ladder three times with repeat 2, each round after the last step had its turn', () => {
    const steps = [
      { after: '0m', notify: [{ onCall: '*' }] },
      { after: '15m', notify: ['leadEngineer' as const] },
      { after: '30m', notify: ['tam' as const] },
    ];
    expect(minutesOf({ steps, repeat: 2 })).toEqual([
      [0, 0, 0],
      [0, 1, 15],
      [0, 2, 30],
      [1, 0, 45],
      [1, 1, 60],
      [1, 2, 75],
      [2, 0, 90],
      [2, 1, 105],
      [2, 2, 120],
    ]);
  });

  it('keep a first step that is not at 0 in each round, and give a single step its own period', () => {
    const twoSteps = [
      { after: '5m', notify: ['leadEngineer' as const] },
      { after: '15m', notify: ['tam' as const] },
    ];
    expect(minutesOf({ steps: twoSteps, repeat: 2 })).toEqual([
      [0, 0, 5],
      [0, 1, 15],
      [1, 0, 30],
      [1, 1, 40],
      [2, 0, 55],
      [2, 1, 65],
    ]);
    expect(minutesOf({ steps: [{ after: '10m', notify: ['tam'] }], repeat: 2 })).toEqual([
      [0, 0, 10],
      [1, 0, 30],
      [2, 0, 50],
    ]);
  });

  it("make the next round's first step current when its time comes, and stop after the last round", () => {
    const spec = ladders({
      steps: [
        { after: '0m', notify: ['tam'] },
        { after: '15m', notify: ['tam'] },
      ],
      repeat: 1,
    });
    const at = (minutes: number) => ladderFor(ticket(), spec, CREATED + minutes * MIN, resolve);
    expect([id(at(29).current), id(at(29).next?.step)]).toEqual(['0.1', '1.0']);
    expect([id(at(30).current), id(at(30).next?.step)]).toEqual(['1.0', '1.1']);
    expect([id(at(45).current), at(45).next]).toEqual(['1.1', null]);
  });
});

describe('stopping', () => {
  it('stops on acknowledgement: what fired before it is done, the rest skipped, nobody to call', () => {
    const view = ladderFor(
      ticket({ acknowledgedAt: CREATED + 20 * MIN }),
      threeSteps,
      CREATED + 60 * MIN,
      resolve,
    );
    expect(view).toMatchObject({
      stopped: 'acknowledged',
      stoppedAt: CREATED + 20 * MIN,
      current: null,
      next: null,
    });
    expect(view.steps.map((step) => step.state)).toEqual(['done', 'done', 'skipped']);
  });

  it('counts a step due in the very millisecond of the acknowledgement as fired', () => {
    const view = ladderFor(
      ticket({ acknowledgedAt: CREATED + 15 * MIN }),
      threeSteps,
      CREATED + 16 * MIN,
      resolve,
    );
    expect(view.steps.map((step) => step.state)).toEqual(['done', 'done', 'skipped']);
  });

  it('stops when the ticket is closed, at its close time or else now', () => {
    const closed = ladderFor(
      ticket({ isOpen: false, closedAt: CREATED + 10 * MIN }),
      threeSteps,
      CREATED + 60 * MIN,
      resolve,
    );
    expect([closed.stopped, closed.stoppedAt, closed.current]).toEqual(['closed', CREATED + 10 * MIN, null]);
    expect(closed.steps.map((step) => step.state)).toEqual(['done', 'skipped', 'skipped']);
    const unknown = ladderFor(ticket({ isOpen: false }), threeSteps, CREATED + 20 * MIN, resolve);
    expect(unknown.steps.map((step) => step.state)).toEqual(['done', 'done', 'skipped']);
  });

  it('never puts the stop before the creation or after now (server and laptop clocks differ)', () => {
    const early = ladderFor(ticket({ acknowledgedAt: CREATED - MIN }), DEFAULTS, CREATED + MIN, resolve);
    expect(early.stoppedAt).toBe(CREATED);
    expect(early.steps.map((step) => step.state)).toEqual(['done', 'skipped', 'skipped']);
    const ahead = ladderFor(
      ticket({ acknowledgedAt: CREATED + 90 * MIN }),
      DEFAULTS,
      CREATED + 20 * MIN,
      resolve,
    );
    expect([ahead.stopped, ahead.stoppedAt]).toEqual(['acknowledged', CREATED + 20 * MIN]);
    expect(ahead.steps.map((step) => step.state)).toEqual(['done', 'done', 'skipped']);
  });
});

describe('ladderEvents', () => {
  const source = { source: 'zendesk', externalId: '4711' };
  const key = (round: number, index: number) => `zendesk:4711:escalation:${round}:${index}`;

  it('lists every step before the first fires, with stable keys', () => {
    expect(ladderEvents({ ...ticket(), ...source }, threeSteps, CREATED)).toEqual([
      {
        key: key(0, 0),
        at: CREATED + 5 * MIN,
        step: { round: 0, index: 0, notify: [{ onCall: 'Primary' }] },
      },
      { key: key(0, 1), at: CREATED + 15 * MIN, step: { round: 0, index: 1, notify: ['leadEngineer'] } },
      {
        key: key(0, 2),
        at: CREATED + 30 * MIN,
        step: { round: 0, index: 2, notify: ['tam', { person: { name: 'Mila' } }] },
      },
    ]);
  });

  it('keeps the current step (raised late, once, after a restart) and drops the ones it superseded', () => {
    const spec = ladders({
      steps: [
        { after: '0m', notify: ['tam'] },
        { after: '15m', notify: ['tam'] },
      ],
      repeat: 1,
    });
    const keys = (minutes: number) =>
      ladderEvents({ ...ticket(), ...source }, spec, CREATED + minutes * MIN).map((event) => [
        event.key,
        (event.at - CREATED) / MIN,
      ]);
    expect(keys(20)).toEqual([
      [key(0, 1), 15],
      [key(1, 0), 30],
      [key(1, 1), 45],
    ]);
    expect(keys(600)).toEqual([[key(1, 1), 45]]);
    // The same step has the same key whenever it is computed: the scheduler's fired log keeps it at once.
    expect(keys(20).slice(1)).toEqual(keys(35));
  });

  it('lists nothing once the ladder stopped', () => {
    expect(ladderEvents({ ...ticket({ acknowledgedAt: CREATED }), ...source }, DEFAULTS, CREATED)).toEqual(
      [],
    );
    expect(ladderEvents({ ...ticket({ isOpen: false }), ...source }, DEFAULTS, CREATED + MIN)).toEqual([]);
  });
});

describe('DST: steps are real elapsed minutes', () => {
  const amsterdam = (instant: number) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'shortOffset',
    }).format(instant);

  it.each([
    // Spring: 02:00 CET jumps to 03:00 CEST; 15 real minutes after 01:50 reads 03:05.
    ['2026-03-29T00:50:00Z', ['01:50 GMT+1', '03:05 GMT+2', '03:20 GMT+2']],
    // Autumn: 03:00 CEST falls back to 02:00 CET; 15 real minutes after 02:50 reads 02:05.
    ['2026-10-25T00:50:00Z', ['02:50 GMT+2', '02:05 GMT+1', '02:20 GMT+1']],
  ])('a P1 created at %s steps 15 real minutes apart', (created, wallClock) => {
    const createdAt = Date.parse(created);
    const view = ladderFor(ticket({ createdAt }), DEFAULTS, createdAt, resolve);
    expect(view.steps.map((step) => (step.at - createdAt) / MIN)).toEqual([0, 15, 30]);
    expect(view.steps.map((step) => amsterdam(step.at))).toEqual(wallClock);
  });
});

describe('acknowledgedAtOf', () => {
  const at = (minutes: number) => CREATED + minutes * MIN;

  it('is null while the status is new', () => {
    expect(
      acknowledgedAtOf({ status: 'new', updatedAt: at(30), history: [{ at: at(0), status: 'new' }] }),
    ).toBe(null);
  });

  it('is the first reported change away from new', () => {
    const history = [
      { at: at(0), status: 'new' as const, priority: 'P1' as Priority },
      { at: at(4), priority: 'P2' as Priority },
      { at: at(12), status: 'acknowledged' as const },
      { at: at(40), status: 'in_progress' as const },
    ];
    expect(acknowledgedAtOf({ status: 'in_progress', updatedAt: at(40), history })).toBe(at(12));
  });

  it('is the creation for a ticket created already taken up', () => {
    expect(
      acknowledgedAtOf({
        status: 'in_progress',
        updatedAt: at(40),
        history: [{ at: at(0), status: 'in_progress' }],
      }),
    ).toBe(at(0));
  });

  it('is the last update when the history does not show it (none, or an acknowledgement pending)', () => {
    expect(acknowledgedAtOf({ status: 'acknowledged', updatedAt: at(25), history: [] })).toBe(at(25));
    expect(
      acknowledgedAtOf({
        status: 'acknowledged',
        updatedAt: at(25),
        history: [{ at: at(0), status: 'new' }],
      }),
    ).toBe(at(25));
  });
});
