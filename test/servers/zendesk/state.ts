// The test server's in-memory Zendesk account: users, organizations, tickets, comments and audits, on an injected clock.
//
// Tests read and change it directly; the HTTP layer validates requests and then calls the same methods, so a
// change made here looks exactly like one made through the API (an audit with its events, a new `updated_at`).
// Behaviour modelled on Zendesk's docs:
// - every ticket update is stored as an audit whose events are Create / Change / Comment (Ticket Audits);
//   a comment's id is the id of its Comment audit event, so comments and audits cross-reference;
// - `updated_at` and `generated_timestamp` move on every update and have one-second resolution (TicketObject
//   shows "2011-05-05T10:38:52Z" and a Unix-seconds generated_timestamp); `systemUpdate` moves only
//   generated_timestamp, as the incremental-export docs describe for system updates;
// - a requester's reply reopens a pending or solved ticket (Zendesk's standard status behaviour);
// - a deleted ticket stays in the incremental stream with status "deleted" (Incremental Exports,
//   `exclude_deleted`) and is otherwise gone (404);
// - merging closes the source with a private note on each side and the tag `closed_by_merge` (the tag is
//   what agents see in Zendesk; not in the API reference, so treat it as unverified).
import type { AuditValue, TicketPriority, TicketStatus, TicketType, UserRole, ViaChannel } from './types';

export interface TicketRecord {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  deleted: boolean;
  priority: TicketPriority | null;
  type: TicketType | null;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  organizationId: number | null;
  groupId: number | null;
  tags: string[];
  externalId: string | null;
  via: ViaChannel;
  /** Instants in UTC milliseconds, always whole seconds. */
  createdAt: number;
  updatedAt: number;
  generatedAt: number;
}

export interface UserRecord {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  organizationId: number | null;
  timeZone: string;
  suspended: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface OrganizationRecord {
  id: number;
  name: string;
  domainNames: string[];
  createdAt: number;
  updatedAt: number;
}

export interface CommentRecord {
  id: number;
  ticketId: number;
  auditId: number;
  authorId: number;
  body: string;
  public: boolean;
  via: ViaChannel;
  createdAt: number;
}

/** A field event of an audit; ids are the audit's id plus the event's position, so none is stored. */
export type FieldEvent =
  | { type: 'Create'; field: string; value: AuditValue }
  | { type: 'Change'; field: string; value: AuditValue; previous: AuditValue };

export interface AuditRecord {
  id: number;
  ticketId: number;
  authorId: number;
  via: ViaChannel;
  createdAt: number;
  fields: FieldEvent[];
  /** The comment this update added (its id is this audit's id + fields.length + 1). */
  comment: CommentRecord | null;
  /** The custom metadata the update sent (`ticket.metadata`), shown as the audit's `metadata.custom`. */
  metadata: Record<string, unknown>;
}

export interface TicketChanges {
  status?: TicketStatus;
  priority?: TicketPriority | null;
  type?: TicketType | null;
  subject?: string;
  assignee_id?: number | null;
  group_id?: number | null;
  organization_id?: number | null;
  tags?: string[];
  comment?: { body: string; public?: boolean; author_id?: number };
  /** Custom metadata for the update's audit ("Setting Metadata"); kept only when the update makes an audit. */
  metadata?: Record<string, unknown>;
}

export interface NewTicket {
  subject: string;
  description: string;
  requester_id: number;
  submitter_id?: number;
  organization_id?: number | null;
  assignee_id?: number | null;
  group_id?: number | null;
  status?: TicketStatus;
  priority?: TicketPriority | null;
  type?: TicketType | null;
  tags?: string[];
  external_id?: string | null;
}

export interface ActOptions {
  /** The user who makes the change (the audit's author). */
  by: number;
  via?: ViaChannel;
  /** When it happened; defaults to the server clock. Seeding uses past instants. */
  at?: number;
}

export class StateError extends Error {}

/** Whole seconds, as Zendesk stores update times. */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export type OrderKey = { at: number; id: number };
function compareKeys(a: OrderKey, b: OrderKey): number {
  return a.at - b.at || a.id - b.id;
}

/** Index of the first element whose key is greater than `key` in an array sorted by `keyOf`. */
export function upperBound<T>(items: readonly T[], key: OrderKey, keyOf: (item: T) => OrderKey): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keyOf(items[mid] as T), key) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first element whose key is at least `key`. */
export function lowerBound<T>(items: readonly T[], key: OrderKey, keyOf: (item: T) => OrderKey): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keyOf(items[mid] as T), key) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The incremental export's order: generated_timestamp, then id. */
export const generatedKey = (t: TicketRecord): OrderKey => ({ at: t.generatedAt, id: t.id });
/** The ticket event export's order: the audit's time, then its id. */
export const auditKey = (a: AuditRecord): OrderKey => ({ at: a.createdAt, id: a.id });

function auditValue(value: number | string | string[] | null): AuditValue {
  if (value === null || Array.isArray(value)) return value;
  return String(value);
}

export class ZendeskState {
  readonly tickets = new Map<number, TicketRecord>();
  readonly users = new Map<number, UserRecord>();
  readonly organizations = new Map<number, OrganizationRecord>();
  readonly apiTokens = new Set<string>();
  private readonly comments = new Map<number, CommentRecord[]>();
  private readonly audits = new Map<number, AuditRecord[]>();
  private readonly usersByEmail = new Map<string, number>();
  private nextTicketId = 1;
  private nextUserId = 370_000_000_001;
  private nextOrganizationId = 360_000_000_001;
  private nextEventId = 900_000_000_001;
  /** Tickets by (generated_timestamp, id) for the incremental export; null until first needed. */
  private byGenerated: TicketRecord[] | null = null;
  /** Tickets by created_at descending, id ascending, as search export orders them. */
  private byCreated: TicketRecord[] | null = null;
  /** Every audit by (created_at, id) for the ticket event export. */
  private auditLog: AuditRecord[] | null = null;
  private readonly allAudits: AuditRecord[] = [];

  constructor(readonly now: () => number) {}

  // ---- people ---------------------------------------------------------------------------------------

  addOrganization(input: { name: string; domain_names?: string[]; created_at?: number }): OrganizationRecord {
    const at = wholeSecond(input.created_at ?? this.now());
    const organization: OrganizationRecord = {
      id: this.nextOrganizationId++,
      name: input.name,
      domainNames: input.domain_names ?? [],
      createdAt: at,
      updatedAt: at,
    };
    this.organizations.set(organization.id, organization);
    return organization;
  }

  addUser(input: {
    name: string;
    email: string;
    role: UserRole;
    organization_id?: number | null;
    time_zone?: string;
    created_at?: number;
  }): UserRecord {
    const key = input.email.toLowerCase();
    if (this.usersByEmail.has(key)) throw new StateError(`a user with e-mail ${input.email} exists`);
    if (input.organization_id != null && !this.organizations.has(input.organization_id)) {
      throw new StateError(`no organization ${input.organization_id}`);
    }
    const at = wholeSecond(input.created_at ?? this.now());
    const user: UserRecord = {
      id: this.nextUserId++,
      name: input.name,
      email: input.email,
      role: input.role,
      organizationId: input.organization_id ?? null,
      timeZone: input.time_zone ?? 'Amsterdam',
      suspended: false,
      createdAt: at,
      updatedAt: at,
    };
    this.users.set(user.id, user);
    this.usersByEmail.set(key, user.id);
    return user;
  }

  userByEmail(email: string): UserRecord | undefined {
    const id = this.usersByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  setRole(userId: number, role: UserRole): void {
    const user = this.requireUser(userId);
    user.role = role;
    user.updatedAt = wholeSecond(this.now());
  }

  setSuspended(userId: number, suspended: boolean): void {
    const user = this.requireUser(userId);
    user.suspended = suspended;
    user.updatedAt = wholeSecond(this.now());
  }

  /** API tokens belong to the account; any active user's e-mail plus a valid token authenticates as that user. */
  addApiToken(token: string): void {
    this.apiTokens.add(token);
  }

  revokeApiToken(token: string): void {
    this.apiTokens.delete(token);
  }

  isAgent(userId: number | null): boolean {
    if (userId === null) return false;
    const role = this.users.get(userId)?.role;
    return role === 'agent' || role === 'admin';
  }

  // ---- tickets --------------------------------------------------------------------------------------

  /** A live (not deleted) ticket, or undefined. */
  liveTicket(id: number): TicketRecord | undefined {
    const ticket = this.tickets.get(id);
    return ticket && !ticket.deleted ? ticket : undefined;
  }

  createTicket(input: NewTicket, options: ActOptions): TicketRecord {
    const at = wholeSecond(options.at ?? this.now());
    this.requireUser(input.requester_id);
    const requester = this.users.get(input.requester_id) as UserRecord;
    const organizationId =
      input.organization_id === undefined ? requester.organizationId : input.organization_id;
    const ticket: TicketRecord = {
      id: this.nextTicketId++,
      subject: input.subject,
      description: input.description,
      status: input.status ?? (input.assignee_id ? 'open' : 'new'),
      deleted: false,
      priority: input.priority ?? null,
      type: input.type ?? null,
      requesterId: input.requester_id,
      submitterId: input.submitter_id ?? input.requester_id,
      assigneeId: input.assignee_id ?? null,
      organizationId,
      groupId: input.group_id ?? null,
      tags: [...(input.tags ?? [])],
      externalId: input.external_id ?? null,
      via: options.via ?? 'web',
      createdAt: at,
      updatedAt: at,
      generatedAt: at,
    };
    this.tickets.set(ticket.id, ticket);
    this.comments.set(ticket.id, []);
    this.audits.set(ticket.id, []);
    const fields: FieldEvent[] = [
      { type: 'Create', field: 'subject', value: ticket.subject },
      { type: 'Create', field: 'requester_id', value: auditValue(ticket.requesterId) },
      { type: 'Create', field: 'status', value: ticket.status },
      { type: 'Create', field: 'priority', value: ticket.priority },
      { type: 'Create', field: 'type', value: ticket.type },
    ];
    if (ticket.organizationId !== null) {
      fields.push({ type: 'Create', field: 'organization_id', value: auditValue(ticket.organizationId) });
    }
    if (ticket.assigneeId !== null) {
      fields.push({ type: 'Create', field: 'assignee_id', value: auditValue(ticket.assigneeId) });
    }
    if (ticket.groupId !== null) {
      fields.push({ type: 'Create', field: 'group_id', value: auditValue(ticket.groupId) });
    }
    if (ticket.tags.length > 0) fields.push({ type: 'Create', field: 'tags', value: [...ticket.tags] });
    this.recordAudit(ticket, options.by, options.via ?? 'web', at, fields, {
      body: input.description,
      public: true,
      authorId: ticket.submitterId,
    });
    this.byCreated = null;
    if (this.byGenerated)
      this.byGenerated.splice(upperBound(this.byGenerated, generatedKey(ticket), generatedKey), 0, ticket);
    return ticket;
  }

  /**
   * Applies an agent's or requester's change as Zendesk does: one audit holding a Change event per field that
   * really changed, plus the comment if there is one, and a new `updated_at`. Nothing changed and no comment:
   * no audit and no new timestamp, so the update's metadata is not kept either (as the Tickets API says).
   */
  updateTicket(
    id: number,
    changes: TicketChanges,
    options: ActOptions,
  ): { ticket: TicketRecord; audit: AuditRecord | null } {
    const ticket = this.liveTicket(id);
    if (!ticket) throw new StateError(`no ticket ${id}`);
    const at = wholeSecond(options.at ?? this.now());
    const fields: FieldEvent[] = [];
    const change = (
      field: string,
      previous: number | string | string[] | null,
      value: typeof previous,
    ): void => {
      fields.push({ type: 'Change', field, value: auditValue(value), previous: auditValue(previous) });
    };
    let status = changes.status;
    const commentAuthor = changes.comment ? (changes.comment.author_id ?? options.by) : null;
    if (
      status === undefined &&
      commentAuthor !== null &&
      !this.isAgent(commentAuthor) &&
      (ticket.status === 'pending' || ticket.status === 'solved')
    ) {
      status = 'open';
    }
    if (status !== undefined && status !== ticket.status) {
      change('status', ticket.status, status);
      ticket.status = status;
    }
    if (changes.priority !== undefined && changes.priority !== ticket.priority) {
      change('priority', ticket.priority, changes.priority);
      ticket.priority = changes.priority;
    }
    if (changes.type !== undefined && changes.type !== ticket.type) {
      change('type', ticket.type, changes.type);
      ticket.type = changes.type;
    }
    if (changes.subject !== undefined && changes.subject !== ticket.subject) {
      change('subject', ticket.subject, changes.subject);
      ticket.subject = changes.subject;
    }
    if (changes.assignee_id !== undefined && changes.assignee_id !== ticket.assigneeId) {
      change('assignee_id', ticket.assigneeId, changes.assignee_id);
      ticket.assigneeId = changes.assignee_id;
    }
    if (changes.group_id !== undefined && changes.group_id !== ticket.groupId) {
      change('group_id', ticket.groupId, changes.group_id);
      ticket.groupId = changes.group_id;
    }
    if (changes.organization_id !== undefined && changes.organization_id !== ticket.organizationId) {
      change('organization_id', ticket.organizationId, changes.organization_id);
      ticket.organizationId = changes.organization_id;
    }
    if (changes.tags !== undefined) {
      const next = [...new Set(changes.tags)];
      if (next.join('\u0000') !== ticket.tags.join('\u0000')) {
        change('tags', ticket.tags, next);
        ticket.tags = next;
      }
    }
    if (fields.length === 0 && !changes.comment) return { ticket, audit: null };
    const comment = changes.comment
      ? {
          body: changes.comment.body,
          public: changes.comment.public ?? true,
          authorId: commentAuthor as number,
        }
      : null;
    const audit = this.recordAudit(
      ticket,
      options.by,
      options.via ?? 'api',
      at,
      fields,
      comment,
      changes.metadata,
    );
    this.touch(ticket, at, true);
    return { ticket, audit };
  }

  /** Adds a comment (a public reply by default) as its own update. */
  addComment(
    ticketId: number,
    comment: { body: string; public?: boolean; author_id: number },
    options?: Omit<ActOptions, 'by'>,
  ): CommentRecord {
    const { audit } = this.updateTicket(ticketId, { comment }, { ...options, by: comment.author_id });
    return (audit as AuditRecord).comment as CommentRecord;
  }

  /** A system change that moves only generated_timestamp (e.g. an SLA or metric update). */
  systemUpdate(ticketId: number, at?: number): void {
    const ticket = this.liveTicket(ticketId);
    if (!ticket) throw new StateError(`no ticket ${ticketId}`);
    this.touch(ticket, wholeSecond(at ?? this.now()), false);
  }

  /** Soft delete: the ticket leaves every endpoint but the incremental stream, where it shows as "deleted". */
  deleteTicket(ticketId: number, options: ActOptions): void {
    const ticket = this.liveTicket(ticketId);
    if (!ticket) throw new StateError(`no ticket ${ticketId}`);
    const at = wholeSecond(options.at ?? this.now());
    this.recordAudit(
      ticket,
      options.by,
      options.via ?? 'web',
      at,
      [{ type: 'Change', field: 'status', value: 'deleted', previous: ticket.status }],
      null,
    );
    ticket.deleted = true;
    this.byCreated = null;
    this.touch(ticket, at, true);
  }

  /** Merges `sourceId` into `targetId`: the source is closed, each side gets a private note. */
  mergeTicket(sourceId: number, targetId: number, options: ActOptions): void {
    const source = this.liveTicket(sourceId);
    const target = this.liveTicket(targetId);
    if (!source || !target) throw new StateError(`cannot merge ${sourceId} into ${targetId}`);
    if (sourceId === targetId) throw new StateError('a ticket cannot be merged into itself');
    this.updateTicket(
      sourceId,
      {
        status: 'closed',
        tags: [...source.tags, 'closed_by_merge'],
        comment: {
          body: `This request was closed and merged into request #${targetId} "${target.subject}".`,
          public: false,
        },
      },
      options,
    );
    this.updateTicket(
      targetId,
      {
        comment: {
          body: `Request #${sourceId} "${source.subject}" was closed and merged into this request.`,
          public: false,
        },
      },
      options,
    );
  }

  commentsOf(ticketId: number): readonly CommentRecord[] {
    return this.comments.get(ticketId) ?? [];
  }

  auditsOf(ticketId: number): readonly AuditRecord[] {
    return this.audits.get(ticketId) ?? [];
  }

  // ---- ordered views for the exports ----------------------------------------------------------------

  /** Every ticket, deleted ones too, by (generated_timestamp, id). */
  ticketsByGenerated(): readonly TicketRecord[] {
    if (!this.byGenerated) {
      this.byGenerated = [...this.tickets.values()].sort((a, b) =>
        compareKeys(generatedKey(a), generatedKey(b)),
      );
    }
    return this.byGenerated;
  }

  /** Live tickets by created_at descending, then id ascending. */
  ticketsByCreatedDesc(): readonly TicketRecord[] {
    if (!this.byCreated) {
      this.byCreated = [...this.tickets.values()]
        .filter((ticket) => !ticket.deleted)
        .sort((a, b) => b.createdAt - a.createdAt || a.id - b.id);
    }
    return this.byCreated;
  }

  /** Every audit of every ticket by (created_at, id). */
  auditsByTime(): readonly AuditRecord[] {
    if (!this.auditLog)
      this.auditLog = [...this.allAudits].sort((a, b) => compareKeys(auditKey(a), auditKey(b)));
    return this.auditLog;
  }

  // ---- internals ------------------------------------------------------------------------------------

  private requireUser(id: number): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new StateError(`no user ${id}`);
    return user;
  }

  private touch(ticket: TicketRecord, at: number, updated: boolean): void {
    const index = this.byGenerated;
    if (index) {
      const position = lowerBound(index, generatedKey(ticket), generatedKey);
      if (index[position] === ticket) index.splice(position, 1);
      else this.byGenerated = null;
    }
    if (updated) ticket.updatedAt = Math.max(ticket.updatedAt, at);
    ticket.generatedAt = Math.max(ticket.generatedAt, at);
    if (this.byGenerated) {
      this.byGenerated.splice(upperBound(this.byGenerated, generatedKey(ticket), generatedKey), 0, ticket);
    }
  }

  private recordAudit(
    ticket: TicketRecord,
    authorId: number,
    via: ViaChannel,
    at: number,
    fields: FieldEvent[],
    comment: { body: string; public: boolean; authorId: number } | null,
    metadata: Record<string, unknown> = {},
  ): AuditRecord {
    const id = this.nextEventId;
    this.nextEventId += fields.length + (comment ? 1 : 0) + 1;
    const audit: AuditRecord = {
      id,
      ticketId: ticket.id,
      authorId,
      via,
      createdAt: at,
      fields,
      comment: null,
      metadata: { ...metadata },
    };
    if (comment) {
      audit.comment = {
        id: id + fields.length + 1,
        ticketId: ticket.id,
        auditId: id,
        authorId: comment.authorId,
        body: comment.body,
        public: comment.public,
        via,
        createdAt: at,
      };
      (this.comments.get(ticket.id) as CommentRecord[]).push(audit.comment);
    }
    (this.audits.get(ticket.id) as AuditRecord[]).push(audit);
    this.allAudits.push(audit);
    if (this.auditLog) this.auditLog.splice(upperBound(this.auditLog, auditKey(audit), auditKey), 0, audit);
    return audit;
  }
}
