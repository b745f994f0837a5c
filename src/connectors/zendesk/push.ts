// The Zendesk connector's push side, pure: which Update Ticket body a Piket action becomes (always with Piket's
// hidden marker in the update's custom metadata, and with Zendesk's safe update when the change was made on a known
// version), how Piket's statuses and priorities map back onto Zendesk's (the reverse of the connection's
// settings), what Zendesk's answer says about the change, and how a change whose answer was lost is looked for in
// the ticket's audits, newest first. docs/zendesk.md ("Changes Piket makes") describes every rule.
import { addsText, type TicketAction } from '../../domain/action';
import type { Priority, TicketStatus } from '../../domain/ticket';
import { ConnectorError, type PushReceipt, type PushRequest } from '../connector';
import { instant } from './mapping';
import {
  ZENDESK_PRIORITIES,
  ZENDESK_STATUSES,
  type ZendeskPriority,
  type ZendeskSettings,
  type ZendeskStatus,
} from './options';
import type { ZdAudit, ZdTicket, ZdUpdateAnswer } from './wire';

/** The key of Piket's marker in an update's custom metadata; its value is the change's mutation id. */
export const MARKER_KEY = 'piket_mutation';

/** How many pages of a ticket's audits (100 each, newest first) are read to find a change by its marker. */
export const AUDIT_SCAN_PAGES = 5;
export const AUDIT_SCAN_PAGE_SIZE = 100;

/**
 * Piket statuses that no Zendesk status maps to with the default settings, and the Piket status whose Zendesk
 * status they take instead: "acknowledged" is what Zendesk calls open (someone has taken the ticket).
 */
const STAND_INS: Partial<Record<TicketStatus, TicketStatus>> = { acknowledged: 'in_progress' };

/**
 * The Zendesk status for a Piket status: the first of Zendesk's statuses (new, open, pending, hold, solved,
 * closed) that the connection's `statuses` setting maps to it, else that of its stand-in; null when there is none.
 */
export function zendeskStatusFor(status: TicketStatus, settings: ZendeskSettings): ZendeskStatus | null {
  const direct = ZENDESK_STATUSES.find((candidate) => settings.statuses[candidate] === status);
  if (direct) return direct;
  const standIn = STAND_INS[status];
  return standIn ? zendeskStatusFor(standIn, settings) : null;
}

/** The Zendesk priority for P1–P4: the first of urgent, high, normal, low that `priorities` maps to it. */
export function zendeskPriorityFor(priority: Priority, settings: ZendeskSettings): ZendeskPriority | null {
  return ZENDESK_PRIORITIES.find((candidate) => settings.priorities[candidate] === priority) ?? null;
}

/** Zendesk ticket ids are positive whole numbers; anything else never reaches a URL. */
export function ticketNumber(externalId: string): number {
  if (!/^[1-9]\d{0,15}$/.test(externalId))
    throw new ConnectorError('validation', `"${externalId.slice(0, 50)}" is not a Zendesk ticket number.`);
  return Number(externalId);
}

/** Whether the action sets the assignee to the connection's own user (whose id comes from whoAmI). */
export function assignsToMe(action: TicketAction): boolean {
  return action.kind === 'ack' || action.kind === 'assign';
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** The ticket fields an action sets; throws a `validation` ConnectorError when Zendesk has no equivalent. */
function fieldsOf(
  { action, seen }: Pick<PushRequest, 'action' | 'seen'>,
  settings: ZendeskSettings,
  me: number | null,
): Record<string, unknown> {
  const myId = (): number => {
    if (me === null) throw new Error(`The Zendesk user id is needed to ${action.kind}.`);
    return me;
  };
  switch (action.kind) {
    case 'ack':
      // Taking a new ticket opens it; taking one that is pending or on hold leaves it so.
      return seen.status === 'new' ? { assignee_id: myId(), status: 'open' } : { assignee_id: myId() };
    case 'assign':
      return { assignee_id: myId() };
    case 'note':
      return { comment: { body: action.body, public: false } };
    case 'reply':
      return { comment: { body: action.body, public: true } };
    case 'resolve':
      return { status: 'solved' };
    case 'status': {
      const status = zendeskStatusFor(action.status, settings);
      if (status === null)
        throw new ConnectorError(
          'validation',
          `Zendesk has no status for "${action.status.replace(/_/g, ' ')}": map a Zendesk status to ${action.status} in this connection's settings (statuses) to use it.`,
        );
      return { status };
    }
    case 'priority': {
      const priority = zendeskPriorityFor(action.priority, settings);
      if (priority === null)
        throw new ConnectorError(
          'validation',
          `Zendesk has no priority for ${action.priority}: map a Zendesk priority to ${action.priority} in this connection's settings (priorities) to use it.`,
        );
      return { priority };
    }
  }
}

/**
 * The Update Ticket body (`PUT /api/v2/tickets/{id}`) for a change: the action's fields, the marker in
 * `metadata` (Zendesk keeps it on the update's audit as `metadata.custom`), and `safe_update` with the version the
 * change was made on, so that Zendesk refuses it with 409 when the ticket changed since. `me` is the connection's
 * Zendesk user id, needed when `assignsToMe(action)`.
 */
export function updateBody(
  request: PushRequest,
  settings: ZendeskSettings,
  me: number | null,
): { ticket: Record<string, unknown> } {
  const ticket: Record<string, unknown> = {
    ...fieldsOf(request, settings, me),
    metadata: { [MARKER_KEY]: request.mutationId },
  };
  if (request.baseUpdatedAt !== null) {
    ticket.safe_update = true;
    ticket.updated_stamp = isoSeconds(request.baseUpdatedAt);
  }
  return { ticket };
}

/** What pulls will call what the change made: the comment's id for a note or reply, else the audit's id. */
export function remoteRefOf(audit: ZdAudit, action: TicketAction): string | null {
  if (!addsText(action)) return String(audit.id);
  const comment = audit.events.find((event) => event.type === 'Comment' && typeof event.id === 'number');
  return comment ? String(comment.id) : null;
}

/** The ticket's server version (`updated_at`); a ticket without one is not from a Zendesk. */
export function versionOf(ticket: ZdTicket, host: string): number {
  const updatedAt = instant(ticket.updated_at);
  if (Number.isNaN(updatedAt))
    throw new ConnectorError(
      'protocol',
      `${host} does not answer like a Zendesk: ticket ${ticket.id} comes without a valid updated_at.`,
    );
  return updatedAt;
}

/** The receipt for Zendesk's answer to an update (no audit: the update changed nothing, so nothing was kept). */
export function receiptOf(answer: ZdUpdateAnswer, action: TicketAction, host: string): PushReceipt {
  return {
    updatedAt: versionOf(answer.ticket, host),
    remoteRef: answer.audit ? remoteRefOf(answer.audit, action) : null,
  };
}

export function carriesMarker(audit: ZdAudit, mutationId: string): boolean {
  return audit.metadata?.custom?.[MARKER_KEY] === mutationId;
}

export interface AuditsPage {
  audits: readonly ZdAudit[];
  meta: { has_more: boolean; after_cursor?: string | null };
}

/**
 * The audit that carries the change's marker, read newest first through `readPage` (given the cursor of the next
 * page, null for the first), or null when the ticket surely has none: every audit was read, or the audits reached
 * are older than the version the change was made on (it cannot have landed before that). Fails with `validation`
 * when AUDIT_SCAN_PAGES pages hold neither (Piket cannot tell, and says so), and with `protocol` when Zendesk
 * lists the audits out of order or repeats a cursor.
 */
export async function findMarkedAudit(
  request: PushRequest,
  readPage: (after: string | null) => Promise<AuditsPage>,
  host: string,
): Promise<ZdAudit | null> {
  const ticket = request.externalId;
  let after: string | null = null;
  let previous = Number.POSITIVE_INFINITY;
  for (let page = 0; page < AUDIT_SCAN_PAGES; page += 1) {
    const { audits, meta } = await readPage(after);
    for (const audit of audits) {
      const at = instant(audit.created_at);
      if (at > previous)
        throw new ConnectorError(
          'protocol',
          `${host} does not answer like a Zendesk: the history of ticket ${ticket} is not listed newest first.`,
        );
      if (!Number.isNaN(at)) previous = at;
      if (carriesMarker(audit, request.mutationId)) return audit;
      if (request.baseUpdatedAt !== null && at < request.baseUpdatedAt) return null;
    }
    const next: string | null = meta.has_more ? (meta.after_cursor ?? null) : null;
    if (next === null) return null;
    if (next === after)
      throw new ConnectorError(
        'protocol',
        `${host} does not answer like a Zendesk: the history of ticket ${ticket} repeats its cursor.`,
      );
    after = next;
  }
  throw new ConnectorError(
    'validation',
    `Piket cannot tell whether Zendesk has this change to ticket ${ticket}: it is not among the ticket's latest ${AUDIT_SCAN_PAGES * AUDIT_SCAN_PAGE_SIZE} updates. Check the ticket in Zendesk and make the change again if it is missing.`,
  );
}
