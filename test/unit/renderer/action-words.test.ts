// Which ticket actions apply when (the action bar's disabled buttons and the shortcuts' reasons), and which of the
// user's unsettled changes can be retried, edited or discarded.
import { describe, expect, it } from 'vitest';
import type { ChangeState, ChangeView } from '../../../src/api';
import { ACTION_KINDS, type TicketAction } from '../../../src/domain/action';
import { TICKET_STATUSES } from '../../../src/domain/ticket';
import { canDiscard, canEdit, needsUser, unavailableReason } from '../../../renderer/src/action-words';

const ME = 'Sanne de Vries';

function change(state: ChangeState, action: TicketAction = { kind: 'ack' }): ChangeView {
  return { seq: 1, action, state, message: null, createdAt: 0, attempts: 0 };
}

describe('unavailableReason', () => {
  it('refuses every action on a closed ticket', () => {
    for (const kind of ACTION_KINDS)
      expect(unavailableReason({ status: 'closed', assignee: null }, kind, ME), kind).toBe('closed');
  });

  it('offers acknowledge on a new ticket only', () => {
    for (const status of TICKET_STATUSES.filter((s) => s !== 'closed')) {
      expect(unavailableReason({ status, assignee: null }, 'ack', ME), status).toBe(
        status === 'new' ? null : 'notNew',
      );
    }
  });

  it('does not assign to me what is mine already, and assigns when it cannot tell who I am', () => {
    expect(unavailableReason({ status: 'in_progress', assignee: ME }, 'assign', ME)).toBe('mine');
    expect(unavailableReason({ status: 'in_progress', assignee: 'Someone Else' }, 'assign', ME)).toBeNull();
    expect(unavailableReason({ status: 'in_progress', assignee: ME }, 'assign', null)).toBeNull();
  });

  it('does not resolve a resolved ticket, but lets it be noted, answered and reopened', () => {
    const resolved = { status: 'resolved', assignee: ME } as const;
    expect(unavailableReason(resolved, 'resolve', ME)).toBe('resolved');
    for (const kind of ['note', 'reply', 'status', 'priority'] as const)
      expect(unavailableReason(resolved, kind, ME), kind).toBeNull();
  });
});

describe('what can be done with a change', () => {
  it('retries (needsUser) and edits only refused or conflicting changes, and edits only those with a value', () => {
    const states: ChangeState[] = ['pending', 'inflight', 'unknown', 'acked', 'rejected', 'conflict'];
    for (const state of states) {
      const waits = state === 'rejected' || state === 'conflict';
      expect(needsUser(change(state)), state).toBe(waits);
      expect(canEdit(change(state, { kind: 'note', body: 'x' })), state).toBe(waits);
      expect(canEdit(change(state, { kind: 'priority', priority: 'P1' })), state).toBe(waits);
      expect(canEdit(change(state, { kind: 'resolve' })), state).toBe(false);
    }
  });

  it('discards what has not left Piket or was refused, never what is on its way or arrived', () => {
    expect(canDiscard(change('pending'))).toBe(true);
    expect(canDiscard(change('rejected'))).toBe(true);
    expect(canDiscard(change('conflict'))).toBe(true);
    expect(canDiscard(change('inflight'))).toBe(false);
    expect(canDiscard(change('unknown'))).toBe(false);
    expect(canDiscard(change('acked'))).toBe(false);
  });
});
