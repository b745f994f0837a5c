// What the SLA engine reads of a stored ticket: its reported history when there is one, else a minimal history
// rebuilt from the ticket's own timestamps, marked approximate so the UI can say its clocks are estimates.
//
// Rebuilt history (the ticket system reports none):
// - the ticket was open ('new', a running status) from createdAt, under its current priority throughout;
// - a ticket that is resolved or closed now became so at resolvedAt (updatedAt when resolvedAt is unknown);
// - an open ticket with resolvedAt was resolved then and reopened at updatedAt (into its current status);
// - any other current status (waiting on the customer, workaround provided, …) began at updatedAt, the latest
//   instant it can have begun, so a pause or a stop counts no longer than the facts allow;
// - firstResponseAt is a fact of the record either way; milestones are only known from reported history.
import { isOpenStatus } from '../domain/ticket';
import type { Priority, TicketChange, TicketKind, TicketStatus } from '../domain/ticket';
import type { SlaTicket } from './clock-types';

/** The facts of a stored ticket the SLA engine can use; all instants are server times in UTC ms. */
export interface SlaTicketFacts {
  createdAt: number;
  kind: TicketKind;
  severity: string | null;
  priority: Priority;
  status: TicketStatus;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  updatedAt: number;
  /** As reported: the first entry is the state at creation; empty when the system reports no history. */
  history: readonly TicketChange[];
}

function rebuiltChanges({ status, resolvedAt, updatedAt }: SlaTicketFacts): TicketChange[] {
  if (!isOpenStatus(status)) return [{ at: resolvedAt ?? updatedAt, status }];
  if (resolvedAt !== null && resolvedAt < updatedAt) {
    return [
      { at: resolvedAt, status: 'resolved' },
      { at: updatedAt, status },
    ];
  }
  return status === 'new' ? [] : [{ at: updatedAt, status }];
}

/** The SLA engine's view of a stored ticket (see the rules above for one without reported history). */
export function slaTicketOf(facts: SlaTicketFacts): SlaTicket {
  const { createdAt, kind, severity, firstResponseAt } = facts;
  const [first, ...changes] = facts.history;
  if (!first) {
    return {
      createdAt,
      kind,
      severity,
      initialStatus: 'new',
      initialPriority: facts.priority,
      changes: rebuiltChanges(facts),
      firstResponseAt,
      approximate: true,
    };
  }
  return {
    createdAt,
    kind,
    severity,
    initialStatus: first.status ?? facts.status,
    initialPriority: first.priority ?? facts.priority,
    changes,
    firstResponseAt,
    approximate: false,
  };
}
