// Zendesk records as Piket records: a ticket as a PulledTicket (or a Tombstone when deleted or merged), an audit
// (from the ticket event export or a ticket's audits) as history entries, notes and a first response. Pure: the
// names and roles of people come in through `People`. docs/zendesk.md describes every rule.
//
// Values Piket cannot read (an unknown status, a missing date) are passed on as they are, so that the sync's
// record checks refuse that one record with a reason and keep it to show, instead of a guess being stored.
import type { PulledTicket, Tombstone } from '../connector';
import {
  isOpenStatus,
  type CustomerRecord,
  type NoteRecord,
  type Priority,
  type TicketChange,
  type TicketKind,
  type TicketStatus,
} from '../../domain/ticket';
import { EARLIEST_INSTANT } from '../record-schemas';
import {
  ZENDESK_PRIORITIES,
  ZENDESK_STATUSES,
  ZENDESK_TYPES,
  type ZendeskPriority,
  type ZendeskSettings,
  type ZendeskStatus,
  type ZendeskType,
} from './options';
import type { ZdAudit, ZdChildEvent, ZdTicket, ZdTicketEvent } from './wire';

/** The customer of tickets without an organization. */
export const NO_ORGANIZATION = 'none';
export const NO_ORGANIZATION_NAME = 'No organization';
/** Zendesk closes a merged ticket and tags it so. */
export const MERGED_TAG = 'closed_by_merge';

/** The lengths record-schemas.ts allows; longer text is cut rather than the record refused. */
const MAX_SUBJECT = 2_000;
const MAX_BODY = 1_000_000;
const MAX_NAME = 200;
const MAX_CUSTOMER_NAME = 500;
const CVE_ID = /\bCVE-\d{4}-\d{4,}\b/i;
const SEVERITY_TAG = /^(?:severity|cvss)[_-]([a-z]+)$/;

export interface Person {
  name: string;
  /** An agent or admin (their public comments are replies to the customer). */
  agent: boolean;
}

export interface People {
  person(userId: number): Person;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

/** An ISO 8601 instant in ms; NaN when missing or unreadable (the record check then refuses the record). */
export function instant(text: string | null | undefined): number {
  return text ? Date.parse(text) : Number.NaN;
}

export function mapPriority(value: unknown, settings: ZendeskSettings): Priority {
  if (value === null || value === undefined || value === '') return settings.priorities.none;
  return (ZENDESK_PRIORITIES as readonly unknown[]).includes(value)
    ? settings.priorities[value as ZendeskPriority]
    : (value as Priority);
}

/** Piket's status for a Zendesk status; an unknown one is passed on for the record check to refuse. */
export function mapStatus(value: string, settings: ZendeskSettings): TicketStatus {
  return (ZENDESK_STATUSES as readonly string[]).includes(value)
    ? settings.statuses[value as ZendeskStatus]
    : (value as TicketStatus);
}

function classify(
  ticket: ZdTicket,
  settings: ZendeskSettings,
): Pick<PulledTicket, 'kind' | 'cveId' | 'severity'> {
  const tags = (ticket.tags ?? []).map((tag) => tag.toLowerCase());
  const cve = CVE_ID.exec(ticket.subject ?? '') ?? tags.map((tag) => CVE_ID.exec(tag)).find(Boolean) ?? null;
  const cveId = cve ? cve[0].toUpperCase() : null;
  const severity = tags.map((tag) => SEVERITY_TAG.exec(tag)?.[1]).find(Boolean) ?? null;
  const security = cveId !== null || tags.some((tag) => settings.securityTags.includes(tag));
  const type = (ZENDESK_TYPES as readonly unknown[]).includes(ticket.type)
    ? (ticket.type as ZendeskType)
    : 'none';
  const kind: TicketKind = security ? 'security' : settings.kinds[type];
  return { kind, cveId, severity };
}

/** A deleted ticket (status "deleted" in the incremental export) or a merged one (closed, tagged closed_by_merge). */
export function tombstoneOf(ticket: ZdTicket): Tombstone | null {
  const merged = ticket.status === 'closed' && (ticket.tags ?? []).includes(MERGED_TAG);
  if (ticket.status !== 'deleted' && !merged) return null;
  const generated =
    typeof ticket.generated_timestamp === 'number' ? ticket.generated_timestamp * 1000 : Number.NaN;
  const updated = instant(ticket.updated_at);
  const at = Number.isNaN(updated)
    ? generated
    : Number.isNaN(generated)
      ? updated
      : Math.max(updated, generated);
  return { externalId: String(ticket.id), reason: merged ? 'merged' : 'deleted', at };
}

export interface TicketExtras {
  resolvedAt: number | null;
  firstResponseAt: number | null;
  /** The whole lists (from the ticket's audits); absent when only the ticket itself is known. */
  notes?: NoteRecord[];
  history?: TicketChange[];
}

/** A live ticket as Piket stores it; notes and history only when `extras` has them. */
export function ticketOf(
  source: string,
  ticket: ZdTicket,
  settings: ZendeskSettings,
  people: People,
  extras: TicketExtras,
): PulledTicket {
  const assignee = ticket.assignee_id == null ? null : clip(people.person(ticket.assignee_id).name, MAX_NAME);
  return {
    source,
    externalId: String(ticket.id),
    customerExternalId: ticket.organization_id == null ? NO_ORGANIZATION : String(ticket.organization_id),
    subject: clip(ticket.subject ?? ticket.raw_subject ?? '', MAX_SUBJECT),
    description: clip(ticket.description ?? '', MAX_BODY),
    priority: mapPriority(ticket.priority, settings),
    ...classify(ticket, settings),
    status: mapStatus(ticket.status, settings),
    assignee,
    createdAt: instant(ticket.created_at),
    updatedAt: instant(ticket.updated_at),
    ...extras,
  };
}

export function customerOf(
  source: string,
  organization: { id: number; name: string; updatedAt: number },
  timeZone: string,
): CustomerRecord {
  return {
    source,
    externalId: String(organization.id),
    name: clip(organization.name, MAX_CUSTOMER_NAME),
    tam: null,
    leadEngineer: null,
    uptimePromise: null,
    timeZone,
    updatedAt: organization.updatedAt,
  };
}

/** The customer of tickets without an organization; it never changes, so its version is the earliest instant. */
export function noOrganizationCustomer(source: string, timeZone: string): CustomerRecord {
  const customer = customerOf(
    source,
    { id: 0, name: NO_ORGANIZATION_NAME, updatedAt: EARLIEST_INSTANT },
    timeZone,
  );
  return { ...customer, externalId: NO_ORGANIZATION };
}

// ---- audits -----------------------------------------------------------------------------------------------

interface CommentFact {
  id: number;
  authorId: number | null;
  body: string;
  public: boolean;
  at: number;
}

/** One audit (one update of a ticket), from either source, reduced to what Piket reads. */
export interface AuditFacts {
  ticketId: number;
  at: number;
  /** The audit that created the ticket: its comment is the ticket's description. */
  creation: boolean;
  /** The status set by this audit, when it set one. */
  status?: string;
  /** The priority set by this audit (null: cleared), when it set one. */
  priority?: string | null;
  comments: CommentFact[];
}

function fieldValue(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** An entry of the incremental ticket event export (`include=comment_events`). */
export function factsOfEvent(event: ZdTicketEvent): AuditFacts {
  const at = event.timestamp * 1000;
  const facts: AuditFacts = { ticketId: event.ticket_id, at, creation: false, comments: [] };
  for (const child of event.child_events ?? []) addChild(facts, child, at);
  return facts;
}

function addChild(facts: AuditFacts, child: ZdChildEvent, at: number): void {
  if (child.event_type === 'Create' || child.event_type === 'Change') {
    if (child.event_type === 'Create') facts.creation = true;
    if ('status' in child) facts.status = fieldValue(child.status) ?? undefined;
    if ('priority' in child) facts.priority = fieldValue(child.priority);
    return;
  }
  if (child.event_type === 'Comment' && typeof child.id === 'number') {
    facts.comments.push({
      id: child.id,
      authorId: typeof child.author_id === 'number' ? child.author_id : null,
      body: fieldValue(child.plain_body) ?? fieldValue(child.body) ?? '',
      public: child.public === true,
      at: typeof child.created_at === 'string' ? instant(child.created_at) : at,
    });
  }
}

/** One audit from GET /api/v2/tickets/{id}/audits. */
export function factsOfAudit(audit: ZdAudit): AuditFacts {
  const at = instant(audit.created_at);
  const facts: AuditFacts = { ticketId: audit.ticket_id, at, creation: false, comments: [] };
  for (const event of audit.events) {
    if (event.type === 'Create' || event.type === 'Change') {
      if (event.type === 'Create') facts.creation = true;
      if (event.field_name === 'status') facts.status = fieldValue(event.value) ?? undefined;
      if (event.field_name === 'priority') facts.priority = fieldValue(event.value);
    } else if (event.type === 'Comment' && typeof event.id === 'number') {
      facts.comments.push({
        id: event.id,
        authorId: event.author_id ?? null,
        body: event.plain_body ?? event.body ?? '',
        public: event.public === true,
        at,
      });
    }
  }
  return facts;
}

/** Status and priority changes, in the order given; a deletion (status "deleted") is a tombstone, not history. */
export function historyOf(audits: readonly AuditFacts[], settings: ZendeskSettings): TicketChange[] {
  const history: TicketChange[] = [];
  for (const audit of audits) {
    const change: TicketChange = { at: audit.at };
    if (audit.status !== undefined && audit.status !== 'deleted')
      change.status = mapStatus(audit.status, settings);
    if (audit.priority !== undefined) change.priority = mapPriority(audit.priority, settings);
    if (change.status !== undefined || change.priority !== undefined) history.push(change);
  }
  return history;
}

/** Comments as notes, without the ticket's first comment (that is its description). */
export function notesOf(audits: readonly AuditFacts[], people: People): NoteRecord[] {
  return audits
    .filter((audit) => !audit.creation)
    .flatMap((audit) => audit.comments)
    .map((comment) => ({
      externalId: String(comment.id),
      author: clip(comment.authorId === null ? 'Zendesk' : people.person(comment.authorId).name, MAX_NAME),
      body: clip(comment.body, MAX_BODY),
      public: comment.public,
      createdAt: comment.at,
    }));
}

/** The earliest public comment by an agent or admin, not counting the one that opened the ticket. */
export function firstResponseOf(audits: readonly AuditFacts[], people: People): number | null {
  let first: number | null = null;
  for (const audit of audits) {
    if (audit.creation) continue;
    for (const comment of audit.comments) {
      if (!comment.public || comment.authorId === null || !people.person(comment.authorId).agent) continue;
      if (first === null || comment.at < first) first = comment.at;
    }
  }
  return first;
}

/** When the ticket last became resolved or closed from an open status (null when never, as far as known). */
export function resolvedAtOf(history: readonly TicketChange[]): number | null {
  let open = true;
  let resolvedAt: number | null = null;
  for (const change of history) {
    if (change.status === undefined) continue;
    const nowOpen = isOpenStatus(change.status);
    if (open && !nowOpen) resolvedAt = change.at;
    open = nowOpen;
  }
  return resolvedAt;
}
