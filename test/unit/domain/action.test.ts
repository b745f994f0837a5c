// The pure rules of a user's change (DESIGN.md §4, sync invariants 5 and 8): which fields each action overwrites,
// what the ticket shows while the change is unconfirmed, and which fields someone else changed since (the field-level
// test that decides between "send again on the fresh version" and "conflict").
import { describe, expect, it } from 'vitest';
import {
  ACTION_KINDS,
  addsText,
  applyAction,
  changedSince,
  describeAction,
  fieldsOf,
  intentOf,
  type ActionFields,
  type TicketAction,
} from '../../../src/domain/action';

const seen: ActionFields = { status: 'new', priority: 'P3', assignee: null };

/** One action of every kind, so a new kind cannot slip past these tables. */
const EXAMPLES: Record<TicketAction['kind'], TicketAction> = {
  ack: { kind: 'ack' },
  note: { kind: 'note', body: 'Looked at the logs.' },
  reply: { kind: 'reply', body: 'We are on it.' },
  status: { kind: 'status', status: 'in_progress' },
  priority: { kind: 'priority', priority: 'P1' },
  assign: { kind: 'assign' },
  resolve: { kind: 'resolve' },
};

describe('what a change overwrites and shows (invariant 5: pending intents replayed on server state)', () => {
  it('covers every action kind', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...ACTION_KINDS].sort());
  });

  it.each([
    ['ack', ['status', 'assignee'], { status: 'acknowledged', priority: 'P3', assignee: 'Ann' }],
    ['note', [], seen],
    ['reply', [], seen],
    ['status', ['status'], { status: 'in_progress', priority: 'P3', assignee: null }],
    ['priority', ['priority'], { status: 'new', priority: 'P1', assignee: null }],
    ['assign', ['assignee'], { status: 'new', priority: 'P3', assignee: 'Ann' }],
    ['resolve', ['status'], { status: 'resolved', priority: 'P3', assignee: null }],
  ] as const)('%s overwrites %j and shows %j', (kind, fields, shown) => {
    const action = EXAMPLES[kind];
    expect(fieldsOf(action)).toEqual(fields);
    expect(applyAction(seen, intentOf(action, 'Ann', seen))).toEqual(shown);
    expect(addsText(action)).toBe(fields.length === 0);
  });

  it('an intent remembers exactly the values of the fields it overwrites, as the user saw them', () => {
    const fields: ActionFields = { status: 'in_progress', priority: 'P2', assignee: 'Bob' };
    expect(intentOf({ kind: 'ack' }, 'Ann', fields)).toEqual({
      action: { kind: 'ack' },
      me: 'Ann',
      was: { status: 'in_progress', assignee: 'Bob' },
    });
    expect(intentOf({ kind: 'note', body: 'x' }, 'Ann', fields).was).toEqual({});
  });

  it('acknowledging a ticket already in progress keeps its status and takes it', () => {
    const fields: ActionFields = { status: 'in_progress', priority: 'P2', assignee: null };
    expect(applyAction(fields, intentOf({ kind: 'ack' }, 'Ann', fields))).toEqual({
      status: 'in_progress',
      priority: 'P2',
      assignee: 'Ann',
    });
  });

  it('replaying changes in order gives the last one of each field, and leaves the others as the server has them', () => {
    const server: ActionFields = { status: 'waiting_on_customer', priority: 'P4', assignee: 'Bob' };
    const intents = [
      intentOf({ kind: 'priority', priority: 'P1' }, 'Ann', seen),
      intentOf({ kind: 'priority', priority: 'P2' }, 'Ann', { ...seen, priority: 'P1' }),
    ];
    expect(intents.reduce(applyAction, server)).toEqual({
      status: 'waiting_on_customer',
      priority: 'P2',
      assignee: 'Bob',
    });
  });
});

describe('changedSince (invariant 8: preconditions decide a conflict field by field)', () => {
  const intent = intentOf({ kind: 'priority', priority: 'P1' }, 'Ann', seen);

  it('is empty when only other fields changed: the change can be sent again on the fresh version', () => {
    expect(changedSince(intent, { status: 'resolved', priority: 'P3', assignee: 'Bob' })).toEqual([]);
  });

  it('names the field someone else changed since the user saw it', () => {
    expect(changedSince(intent, { status: 'new', priority: 'P2', assignee: null })).toEqual(['priority']);
  });

  it('names every overwritten field that moved, and only those', () => {
    const ack = intentOf({ kind: 'ack' }, 'Ann', seen);
    expect(changedSince(ack, { status: 'in_progress', priority: 'P1', assignee: 'Bob' })).toEqual([
      'status',
      'assignee',
    ]);
    expect(changedSince(ack, { status: 'new', priority: 'P1', assignee: 'Bob' })).toEqual(['assignee']);
  });

  it('a note or reply never conflicts: it overwrites nothing', () => {
    const note = intentOf({ kind: 'note', body: 'x' }, 'Ann', seen);
    expect(changedSince(note, { status: 'closed', priority: 'P1', assignee: 'Bob' })).toEqual([]);
  });
});

describe('describeAction', () => {
  it.each([
    [EXAMPLES.ack, 'acknowledge'],
    [EXAMPLES.note, 'internal note'],
    [EXAMPLES.reply, 'public reply'],
    [EXAMPLES.status, 'status → in_progress'],
    [EXAMPLES.priority, 'priority → P1'],
    [EXAMPLES.assign, 'assign to me'],
    [EXAMPLES.resolve, 'resolve'],
  ])('%j reads "%s"', (action, words) => {
    expect(describeAction(action)).toBe(words);
  });
});
