// What an engineer can do to a ticket (acknowledge, note, reply, set status or priority, assign to me, resolve),
// how one such change shows on the ticket before its ticket system confirms it, and which fields it overwrites
// there. Pure: the outbox stores these, the effective row replays them on top of the server state.
import type { Priority, TicketStatus } from './ticket';

export const ACTION_KINDS = ['ack', 'note', 'reply', 'status', 'priority', 'assign', 'resolve'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** One change as the user asked for it. `assign` always means "to me": Piket acts as each connection's login. */
export type TicketAction =
  | { kind: 'ack' }
  | { kind: 'note'; body: string }
  | { kind: 'reply'; body: string }
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'assign' }
  | { kind: 'resolve' };

/** The fields of a ticket a change can overwrite on the server. */
export interface ActionFields {
  status: TicketStatus;
  priority: Priority;
  assignee: string | null;
}
export type ActionField = keyof ActionFields;

/**
 * A change as the outbox keeps it: the action, the name it assigns when it assigns to me, and the values of the
 * fields it overwrites as the user saw them. Those values decide a conflict: when the server's value of such a
 * field is no longer the one the user saw, someone else changed it meanwhile, and their change wins.
 */
export interface Intent {
  action: TicketAction;
  /** The user's name at this connection, for `ack` and `assign`. */
  me: string;
  was: Partial<ActionFields>;
}

/** The fields an action overwrites on the server (a note or reply overwrites none: it only adds). */
export function fieldsOf(action: TicketAction): ActionField[] {
  switch (action.kind) {
    case 'ack':
      return ['status', 'assignee'];
    case 'status':
    case 'resolve':
      return ['status'];
    case 'priority':
      return ['priority'];
    case 'assign':
      return ['assignee'];
    case 'note':
    case 'reply':
      return [];
  }
}

/** Whether the action adds text to the ticket (and so can be replayed on any newer version of it). */
export function addsText(action: TicketAction): action is { kind: 'note' | 'reply'; body: string } {
  return action.kind === 'note' || action.kind === 'reply';
}

/** The intent for `action` on a ticket whose fields the user sees as `fields`. */
export function intentOf(action: TicketAction, me: string, fields: ActionFields): Intent {
  const was: Partial<ActionFields> = {};
  for (const field of fieldsOf(action)) Object.assign(was, { [field]: fields[field] });
  return { action, me, was };
}

/** The fields after the change, as Piket shows them until the ticket system confirms it. */
export function applyAction(fields: ActionFields, intent: Intent): ActionFields {
  const { action } = intent;
  switch (action.kind) {
    case 'ack':
      return {
        ...fields,
        status: fields.status === 'new' ? 'acknowledged' : fields.status,
        assignee: intent.me,
      };
    case 'status':
      return { ...fields, status: action.status };
    case 'resolve':
      return { ...fields, status: 'resolved' };
    case 'priority':
      return { ...fields, priority: action.priority };
    case 'assign':
      return { ...fields, assignee: intent.me };
    case 'note':
    case 'reply':
      return fields;
  }
}

/**
 * The fields of `current` (fresh server state) that someone changed since the user made the change: those whose
 * value is no longer the one the user saw. Empty: the change can be sent again on the fresh version.
 */
export function changedSince(intent: Intent, current: ActionFields): ActionField[] {
  return (Object.keys(intent.was) as ActionField[]).filter((field) => intent.was[field] !== current[field]);
}

/** The action in a few words, e.g. "priority → P1", for lists and messages. */
export function describeAction(action: TicketAction): string {
  switch (action.kind) {
    case 'ack':
      return 'acknowledge';
    case 'note':
      return 'internal note';
    case 'reply':
      return 'public reply';
    case 'status':
      return `status → ${action.status}`;
    case 'priority':
      return `priority → ${action.priority}`;
    case 'assign':
      return 'assign to me';
    case 'resolve':
      return 'resolve';
  }
}
