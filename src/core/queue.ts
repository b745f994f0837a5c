// The queue capability: pages of the queue, its counts, one ticket's detail (with the user's changes not yet
// settled and its escalation ladder) and the customer list, each with its SLA clocks computed at read time.
import type { ChangeView, PiketHandlers, TicketDetail } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store';
import type { TicketStore } from '../store/ticket-store';
import type { Escalation } from './escalation';
import type { SlaTracker } from './sla-tracker';

export type QueueHandlers = Pick<
  PiketHandlers,
  'listQueue' | 'getQueueStats' | 'getTicket' | 'listCustomers'
>;

export interface QueueDeps {
  tickets: TicketStore;
  outbox: OutboxStore;
  sla: SlaTracker;
  escalation: Escalation;
  /** The names the user goes by as tickets are assigned (the `me` setting, each connection's login name). */
  me: () => readonly string[];
}

/** One ticket as the detail pane shows it; throws not_found when it is gone. */
export function ticketDetail(
  { tickets, outbox, sla, escalation }: Omit<QueueDeps, 'me'>,
  id: number,
): TicketDetail {
  const ticket = tickets.getTicket(id);
  if (!ticket) throw new ApiFailure('not_found', `Ticket ${id} does not exist (it may have been removed).`);
  const changes = outbox.ofTicketEntries(ticket.source, ticket.externalId).map(changeView);
  const ladder = escalation.ladderOf(ticket, sla.policy(ticket.customerId));
  return { ...sla.detail(ticket), changes, ladder };
}

export function changeView(entry: OutboxEntry): ChangeView {
  return {
    seq: entry.seq,
    action: entry.intent.action,
    state: entry.state,
    message: entry.lastError,
    createdAt: entry.createdAt,
    attempts: entry.attempts,
  };
}

export function queueHandlers(deps: QueueDeps): QueueHandlers {
  const { tickets, sla, me } = deps;
  return {
    listQueue: (query) => {
      const page = tickets.listQueue(query, me());
      return { tickets: page.tickets.map((ticket) => sla.summarize(ticket)), nextCursor: page.nextCursor };
    },
    getQueueStats: () => tickets.getQueueStats(me()),
    getTicket: ({ id }) => ticketDetail(deps, id),
    listCustomers: () => tickets.listCustomers(),
  };
}
