// Ticket actions in the UI's words and what applies when: an action ("Set status to Resolved"), the state of a
// change not yet settled ("Waiting to be sent", "Refused"), and which actions a ticket allows now and why not.
import type { TFunction } from 'i18next';
import type { ChangeState, ChangeView, TicketDetail } from '../../src/api';
import type { ActionKind, TicketAction } from '../../src/domain/action';

/** "Acknowledge", "Set status to Waiting on customer", "Internal note". */
export function actionText(t: TFunction, action: TicketAction): string {
  switch (action.kind) {
    case 'status':
      return t('actions.what.status', { status: t(`status.${action.status}`) });
    case 'priority':
      return t('actions.what.priority', { priority: action.priority });
    default:
      return t(`actions.what.${action.kind}`);
  }
}

export function changeStateText(t: TFunction, state: ChangeState): string {
  return t(`actions.state.${state}`);
}

/** Refused or in conflict: the change waits for the user to retry, edit or discard it. */
export function needsUser(change: ChangeView): boolean {
  return change.state === 'rejected' || change.state === 'conflict';
}

/** A change the user can still take back: refused, in conflict, or not sent yet. */
export function canDiscard(change: ChangeView): boolean {
  return needsUser(change) || change.state === 'pending';
}

/** The actions whose refused change opens its control again, prefilled, for editing. */
export function canEdit(change: ChangeView): boolean {
  return needsUser(change) && ['note', 'reply', 'status', 'priority'].includes(change.action.kind);
}

/** Why an action does not apply to the ticket now (an `actions.unavailable.*` text), or null when it does. */
export type Unavailable = 'closed' | 'notNew' | 'mine' | 'resolved';

export function unavailableReason(
  ticket: Pick<TicketDetail, 'status' | 'assignee'>,
  kind: ActionKind,
  me: string | null,
): Unavailable | null {
  if (ticket.status === 'closed') return 'closed';
  if (kind === 'ack' && ticket.status !== 'new') return 'notNew';
  if (kind === 'assign' && me !== null && ticket.assignee === me) return 'mine';
  if (kind === 'resolve' && ticket.status === 'resolved') return 'resolved';
  return null;
}
