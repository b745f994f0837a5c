// The built-in demo support desk: a simulated ticket system behind the Connector interface. Its tickets are a pure
// function of (seed, clock time), plus the changes pushed to it since Piket started (kept in memory, desk-changes.ts).
import { addsText } from '../../domain/action';
import type { Clock } from '../../domain/clock';
import type { CustomerRecord, TicketRecord } from '../../domain/ticket';
import {
  ConnectorError,
  type CallOptions,
  type ConnectionIdentity,
  type Connector,
  type PullPage,
  type PushReceipt,
  type PushRequest,
} from '../connector';
import { DEMO_CUSTOMERS, DEMO_TEAM } from './catalog';
import { createDeskChanges, type DeskChanges } from './desk-changes';
import {
  MAX_LIFECYCLE_MS,
  planOf,
  planTicket,
  slotOf,
  slotStart,
  ticketAt,
  type TicketPlan,
} from './lifecycle';

export interface DemoDeskOptions {
  seed: number;
  clock: Clock;
  /** The `source` of every record; default 'demo'. */
  source?: string;
}

/** How far back the first pull reaches. */
export const DEMO_WINDOW_MS = 14 * 24 * 60 * 60_000;
export const DEMO_PAGE_SIZE = 100;
/** The desk's one resource: it serves whole tickets, notes and history included. */
export const DEMO_RESOURCE = 'tickets';
/** Creation slots scanned between checks whether a page is complete: one day. */
const SCAN_CHUNK_SLOTS = 144;

/** The server high-water mark: the (updatedAt, externalId) of the last ticket handed out. */
interface DeskCursor {
  windowStart: number;
  updatedAt: number;
  externalId: string;
}

function encodeCursor(cursor: DeskCursor): string {
  return JSON.stringify(cursor);
}

function unreadableCursor(): ConnectorError {
  return new ConnectorError('protocol', 'Demo desk: unreadable cursor');
}

function decodeCursor(text: string): DeskCursor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unreadableCursor();
  }
  const { windowStart, updatedAt, externalId } = (value ?? {}) as Partial<Record<keyof DeskCursor, unknown>>;
  if (typeof windowStart !== 'number' || typeof updatedAt !== 'number' || typeof externalId !== 'string') {
    throw unreadableCursor();
  }
  return { windowStart, updatedAt, externalId };
}

function compareTickets(a: TicketRecord, b: TicketRecord): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  return a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;
}

function isAfter(ticket: TicketRecord, mark: DeskCursor): boolean {
  return (
    ticket.updatedAt > mark.updatedAt ||
    (ticket.updatedAt === mark.updatedAt && ticket.externalId > mark.externalId)
  );
}

function customerRecords(source: string, updatedAt: number): CustomerRecord[] {
  return DEMO_CUSTOMERS.map((customer) => ({
    source,
    externalId: customer.externalId,
    name: customer.name,
    tam: { ...customer.tam },
    leadEngineer: { ...customer.leadEngineer },
    uptimePromise: customer.uptimePromise,
    timeZone: customer.timeZone,
    updatedAt,
  }));
}

/** The desk's tickets: the plans of a seed, shown with the changes people made. */
interface Tickets {
  seed: number;
  source: string;
  changes: DeskChanges;
}

function show({ source, changes }: Tickets, plan: TicketPlan, now: number): TicketRecord | null {
  return ticketAt(plan, now, source, changes.of(plan.externalId));
}

/**
 * The next page after `mark`, as the desk stands at `now`. A ticket whose planned life alone updated it after the
 * mark was created at most MAX_LIFECYCLE_MS before it, so the scan starts there and walks creation slots forward;
 * it stops once more than a page of tickets updated before the scan frontier is found, as every unscanned ticket is
 * updated at or after it (a change only moves a ticket's updatedAt later). A changed ticket created before the scan
 * start can still be updated after the mark: those are looked at one by one first.
 */
function nextPage(
  tickets: Tickets,
  mark: DeskCursor,
  now: number,
): { tickets: TicketRecord[]; hasMore: boolean } {
  const found: TicketRecord[] = [];
  const lastSlot = slotOf(now);
  let slot = slotOf(Math.max(mark.windowStart, mark.updatedAt - MAX_LIFECYCLE_MS));
  for (const externalId of tickets.changes.changed()) {
    const plan = planOf(tickets.seed, externalId);
    if (!plan || plan.createdAt < mark.windowStart || slotOf(plan.createdAt) >= slot) continue;
    const ticket = show(tickets, plan, now);
    if (ticket && isAfter(ticket, mark)) found.push(ticket);
  }
  while (slot <= lastSlot) {
    const chunkEnd = Math.min(lastSlot, slot + SCAN_CHUNK_SLOTS - 1);
    for (; slot <= chunkEnd; slot++) {
      const plan = planTicket(tickets.seed, slot);
      if (!plan || plan.createdAt < mark.windowStart) continue;
      const ticket = show(tickets, plan, now);
      if (ticket && isAfter(ticket, mark)) found.push(ticket);
    }
    const frontier = slotStart(slot);
    if (found.filter((ticket) => ticket.updatedAt < frontier).length > DEMO_PAGE_SIZE) break;
  }
  found.sort(compareTickets);
  return { tickets: found.slice(0, DEMO_PAGE_SIZE), hasMore: found.length > DEMO_PAGE_SIZE };
}

/** Who the desk says Piket acts as: the first of its team, whom the app also takes as "me" by default. */
const DEMO_USER: ConnectionIdentity = {
  userId: 'demo-user-1',
  name: DEMO_TEAM[0]![0],
  email: null,
  role: 'agent',
  canExport: true,
};

/** A page of the desk: always whole tickets, with their notes and history (and so is a fetched ticket). */
export type DemoPage = PullPage & { tickets: TicketRecord[] };

export interface DemoDesk extends Connector {
  pull(resource: string, cursor: string | null, options: CallOptions): Promise<DemoPage>;
  fetchTicket(externalId: string, options: CallOptions): Promise<TicketRecord | null>;
}

function noTicket(externalId: string): ConnectorError {
  return new ConnectorError('not_found', `Demo desk: there is no ticket ${externalId}`);
}

function minute(instant: number): string {
  return new Date(instant).toISOString().slice(0, 16).replace('T', ' ');
}

export function createDemoDesk({ seed, clock, source = 'demo' }: DemoDeskOptions): DemoDesk {
  const changes = createDeskChanges(clock);
  const tickets: Tickets = { seed, source, changes };

  /** The ticket as the desk has it now, null when the desk has no such ticket (yet). */
  function current(externalId: string): TicketRecord | null {
    const plan = planOf(seed, externalId);
    return plan && show(tickets, plan, changes.now());
  }

  function apply({ mutationId, externalId, action, baseUpdatedAt }: PushRequest): PushReceipt {
    const ticket = current(externalId);
    if (!ticket) throw noTicket(externalId);
    if (ticket.status === 'closed') {
      throw new ConnectorError('validation', 'Demo desk: closed tickets cannot be changed');
    }
    if (addsText(action) && action.body.trim() === '') {
      throw new ConnectorError('validation', `Demo desk: a ${action.kind} needs some text`);
    }
    if (baseUpdatedAt !== null && baseUpdatedAt !== ticket.updatedAt) {
      throw new ConnectorError(
        'conflict',
        `Demo desk: ${externalId} changed since you saw it (last change at ${minute(ticket.updatedAt)} UTC)`,
      );
    }
    return changes.add(externalId, {
      mutationId,
      action,
      at: changes.stamp(ticket.updatedAt),
      author: DEMO_USER.name,
      noteId: `${externalId}-piket-${mutationId}`,
    });
  }

  return {
    source,
    label: 'Demo desk',
    resources: [DEMO_RESOURCE],
    async whoAmI({ signal }): Promise<ConnectionIdentity> {
      signal.throwIfAborted();
      return { ...DEMO_USER };
    },
    async pull(resource, cursor, { signal }): Promise<DemoPage> {
      signal.throwIfAborted();
      if (resource !== DEMO_RESOURCE) {
        throw new ConnectorError('protocol', `Demo desk: there is no resource "${resource}", only tickets`);
      }
      const now = changes.now();
      const windowStart = now - DEMO_WINDOW_MS;
      const mark =
        cursor === null ? { windowStart, updatedAt: windowStart - 1, externalId: '' } : decodeCursor(cursor);
      const page = nextPage(tickets, mark, now);
      changes.served(now);
      const last = page.tickets[page.tickets.length - 1];
      const next = last ? { ...mark, updatedAt: last.updatedAt, externalId: last.externalId } : mark;
      return {
        customers: cursor === null ? customerRecords(source, mark.windowStart) : [],
        tickets: page.tickets,
        cursor: encodeCursor(next),
        hasMore: page.hasMore,
      };
    },
    async push(request, { signal }): Promise<PushReceipt> {
      signal.throwIfAborted();
      return changes.receipt(request.mutationId) ?? apply(request);
    },
    async findPushed({ mutationId }, { signal }): Promise<PushReceipt | null> {
      signal.throwIfAborted();
      return changes.receipt(mutationId);
    },
    async fetchTicket(externalId, { signal }): Promise<TicketRecord | null> {
      signal.throwIfAborted();
      return current(externalId);
    },
  };
}
