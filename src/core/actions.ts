// The actions capability: the user acknowledges, notes, replies, sets status or priority, assigns to self or
// resolves a ticket — online or not. Each action is recorded with the ticket's new look in one transaction (the UI
// shows it at once, marked pending) and its connection is asked to send it; refused and conflicting changes are
// retried, edited or discarded here. Also: finding a ticket by the number its ticket system shows, and what a
// priority change would do to the SLA before the user confirms it.
import type { ClockBrief, PiketHandlers, TicketDetail } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import type { TicketAction } from '../domain/action';
import type { Clock } from '../domain/clock';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store';
import type { StoredDetail, TicketStore } from '../store/ticket-store';
import type { EventHub } from './event-hub';
import { changeView, ticketDetail } from './queue';
import type { Escalation } from './escalation';
import type { SlaTracker } from './sla-tracker';

export type ActionsHandlers = Pick<
  PiketHandlers,
  | 'findTicket'
  | 'listChanges'
  | 'actOnTicket'
  | 'previewPriority'
  | 'retryChange'
  | 'editChange'
  | 'discardChange'
>;

export interface ActionsDeps {
  tickets: TicketStore;
  outbox: OutboxStore;
  sla: SlaTracker;
  escalation: Escalation;
  events: EventHub;
  clock: Clock;
  /** The user's name at a connection (who "assign to me" assigns). */
  meFor: (source: string) => string;
  /** A change of `source` was recorded: its connection sends it as soon as it can. */
  changeMade: (source: string) => void;
}

const TICKET_REF = /^(?:([a-z0-9][a-z0-9-]{0,39}):)?#?(\S+)$/;

/** Refuses an action that cannot do anything on the ticket as the user sees it, with the reason in words. */
function checkAction(ticket: StoredDetail, action: TicketAction): void {
  const name = `Ticket ${ticket.externalId}`;
  if (ticket.status === 'closed')
    throw new ApiFailure('invalid_argument', `${name} is closed; a closed ticket cannot be changed.`);
  if (action.kind === 'status' && action.status === ticket.status)
    throw new ApiFailure('invalid_argument', `${name} already has the status ${ticket.status}.`);
  if (action.kind === 'priority' && action.priority === ticket.priority)
    throw new ApiFailure('invalid_argument', `${name} is already ${ticket.priority}.`);
  if (action.kind === 'resolve' && ticket.status === 'resolved')
    throw new ApiFailure('invalid_argument', `${name} is already resolved.`);
}

export function actionsHandlers(deps: ActionsDeps): ActionsHandlers {
  const { tickets, outbox, sla, events, clock } = deps;

  const stored = (id: number): StoredDetail => {
    const ticket = tickets.getTicket(id);
    if (!ticket) throw new ApiFailure('not_found', `Ticket ${id} does not exist (it may have been removed).`);
    return ticket;
  };

  const changed = (id: number, source: string): TicketDetail => {
    sla.recompute([id]);
    events.emit('queueChanged', { ticketIds: [id] });
    deps.changeMade(source);
    return ticketDetail(deps, id);
  };

  const change = (seq: number): { entry: OutboxEntry; ticketId: number } => {
    const entry = outbox.get(seq);
    const ticket = entry ? tickets.findByExternalId(entry.externalId, entry.source)[0] : undefined;
    if (!entry || !ticket)
      throw new ApiFailure('not_found', `There is no change ${seq}; it may have been settled already.`);
    return { entry, ticketId: ticket.id };
  };

  const replace = (seq: number, action: TicketAction, verb: string): TicketDetail => {
    const { entry, ticketId } = change(seq);
    if (entry.state !== 'rejected' && entry.state !== 'conflict') {
      throw new ApiFailure(
        'invalid_argument',
        `Only a refused or conflicting change can be ${verb}; this one is ${entry.state}.`,
      );
    }
    checkAction(stored(ticketId), action);
    outbox.replace(seq, action, deps.meFor(entry.source));
    return changed(ticketId, entry.source);
  };

  return {
    findTicket: ({ ref }) => {
      const match = TICKET_REF.exec(ref);
      if (!match)
        throw new ApiFailure('invalid_argument', `"${ref}" is not a ticket number or CONNECTION:NUMBER.`);
      const [, source, externalId] = match as unknown as [string, string | undefined, string];
      const found = tickets.findByExternalId(externalId, source ?? null);
      if (found.length === 0) {
        throw new ApiFailure(
          'not_found',
          `No ticket ${ref} in Piket${source ? '' : ' (of any connection)'}. Check the number, or run piket sync if it is new.`,
        );
      }
      if (found.length > 1) {
        const refs = found.map((ticket) => `${ticket.source}:${externalId}`).join(' or ');
        throw new ApiFailure(
          'invalid_argument',
          `More than one connection has a ticket ${externalId}; write ${refs}.`,
        );
      }
      return ticketDetail(deps, found[0]!.id);
    },
    listChanges: () =>
      outbox.allEntries().map((entry) => ({
        ...changeView(entry),
        ticketId: entry.ticketId,
        source: entry.source,
        externalId: entry.externalId,
        subject: entry.subject,
      })),
    actOnTicket: ({ id, action }) => {
      const ticket = stored(id);
      checkAction(ticket, action);
      const recorded = outbox.record(ticket.source, ticket.externalId, action, deps.meFor(ticket.source));
      if (!recorded)
        throw new ApiFailure('not_found', `Ticket ${id} does not exist (it may have been removed).`);
      return changed(recorded.ticketId, ticket.source);
    },
    previewPriority: ({ id, priority }) => {
      const ticket = stored(id);
      const briefs = (detail: StoredDetail): ClockBrief[] => sla.detail(detail).sla?.clocks ?? [];
      const after: StoredDetail = {
        ...ticket,
        priority,
        slaTicket: {
          ...ticket.slaTicket,
          changes: [...ticket.slaTicket.changes, { at: clock.now(), priority }],
        },
      };
      return {
        ticketId: id,
        from: ticket.priority,
        to: priority,
        before: briefs(ticket),
        after: briefs(after),
      };
    },
    retryChange: ({ seq }) => replace(seq, change(seq).entry.intent.action, 'retried'),
    editChange: ({ seq, action }) => replace(seq, action, 'edited'),
    discardChange: ({ seq }) => {
      const { entry, ticketId } = change(seq);
      if (outbox.discard(seq) === undefined && outbox.get(seq) !== null) {
        throw new ApiFailure(
          'invalid_argument',
          entry.state === 'acked'
            ? 'This change has reached the ticket system; it cannot be discarded.'
            : 'This change is being sent right now; try again in a moment.',
        );
      }
      sla.recompute([ticketId]);
      events.emit('queueChanged', { ticketIds: [ticketId] });
      deps.changeMade(entry.source);
      return ticketDetail(deps, ticketId);
    },
  };
}
