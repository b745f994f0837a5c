// The queue capability: pages of the queue, its counts, one ticket's detail and the customer list, each with its
// SLA clocks computed at read time.
import type { PiketHandlers } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import type { TicketStore } from '../store/ticket-store';
import type { SlaTracker } from './sla-tracker';

export type QueueHandlers = Pick<
  PiketHandlers,
  'listQueue' | 'getQueueStats' | 'getTicket' | 'listCustomers'
>;

export interface QueueDeps {
  tickets: TicketStore;
  sla: SlaTracker;
  /** The user's name as tickets are assigned to it (the `me` setting). */
  me: () => string;
}

export function queueHandlers({ tickets, sla, me }: QueueDeps): QueueHandlers {
  return {
    listQueue: (query) => {
      const page = tickets.listQueue(query, me());
      return { tickets: page.tickets.map((ticket) => sla.summarize(ticket)), nextCursor: page.nextCursor };
    },
    getQueueStats: () => tickets.getQueueStats(me()),
    getTicket: ({ id }) => {
      const ticket = tickets.getTicket(id);
      if (!ticket)
        throw new ApiFailure('not_found', `Ticket ${id} does not exist (it may have been removed).`);
      return sla.detail(ticket);
    },
    listCustomers: () => tickets.listCustomers(),
  };
}
