// The escalation capability: a ticket's ladder (src/escalation) under its contract's policy — the steps, the one
// to act on now and when the next fires — with whom to call resolved from the stored schedules and the customer's
// contacts in the contract.
import { isOpenStatus } from '../domain/ticket';
import type { Clock } from '../domain/clock';
import { acknowledgedAtOf, ladderFor, type LadderView } from '../escalation/ladder';
import { targetResolver, type OnCallSource } from '../escalation/targets';
import type { ResolvedPolicy } from '../sla/contracts';
import type { StoredDetail } from '../store/ticket-store';

export interface EscalationOptions {
  /** The schedules the ladder's on-call targets ask (Rotation.sources). */
  sources: () => OnCallSource[];
  clock: Pick<Clock, 'now'>;
}

export class Escalation {
  constructor(private readonly options: EscalationOptions) {}

  /** The ladder of a ticket as stored, under `policy`, at the current time. */
  ladderOf(ticket: StoredDetail, policy: ResolvedPolicy): LadderView {
    const { slaTicket } = ticket;
    const history = [
      { at: slaTicket.createdAt, status: slaTicket.initialStatus },
      ...[...slaTicket.changes].sort((a, b) => a.at - b.at),
    ];
    const resolve = targetResolver(
      { name: ticket.customer.name, leadEngineer: ticket.customer.leadEngineer, tam: ticket.customer.tam },
      this.options.sources(),
    );
    return ladderFor(
      {
        createdAt: ticket.createdAt,
        acknowledgedAt: acknowledgedAtOf({ status: ticket.status, updatedAt: ticket.updatedAt, history }),
        priority: ticket.priority,
        isOpen: isOpenStatus(ticket.status),
        closedAt: ticket.resolvedAt,
      },
      policy.escalation,
      this.options.clock.now(),
      resolve,
    );
  }
}
