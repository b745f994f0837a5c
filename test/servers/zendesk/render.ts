// Turns the state's records into Zendesk's JSON: tickets, users, organizations, comments, audits, ticket events.
//
// Shapes: TicketObject, UserForAdmin, OrganizationObject, TicketCommentObject and TicketAuditObject in
// Zendesk's OpenAPI document; audit event values are strings except for tags ("value and previous_value will
// always be strings, except when the field_name is tags", Ticket Audits docs). Ticket events follow the
// Incremental Ticket Event Export: the parent's `via` is a display name, each child event names its field as
// a key with `previous_value`, and a comment is only `comment_present`/`comment_public` unless the
// `comment_events` sideload asks for the whole comment. An audit's `metadata.custom` is what its update sent as
// `ticket.metadata` (Tickets API, "Setting Metadata"); `system` stays empty here. A ticket event is its audit, so
// it shows the same `metadata` (the export's reference does not list the field; kept as the audit has it).
import {
  wholeSecond,
  type AuditRecord,
  type CommentRecord,
  type OrganizationRecord,
  type TicketRecord,
  type UserRecord,
} from './state';
import type {
  ViaChannel,
  ZdAudit,
  ZdAuditEvent,
  ZdChildEvent,
  ZdComment,
  ZdOrganization,
  ZdTicket,
  ZdTicketEvent,
  ZdUser,
  ZdVia,
} from './types';

/** An instant as Zendesk writes it: ISO 8601 in UTC, whole seconds ("2011-05-05T10:38:52Z"). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function via(channel: ViaChannel): ZdVia {
  return { channel, source: { from: {}, to: {}, rel: null } };
}

/** The display names the ticket event export uses for `via` (e.g. "Web form" in its examples). */
const VIA_NAMES: Record<ViaChannel, string> = {
  web: 'Web form',
  email: 'Mail',
  api: 'Web service',
  rule: 'Rule',
  system: 'System',
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function htmlBody(body: string): string {
  return `<div class="zd-comment" dir="auto">${escapeHtml(body).replace(/\n/g, '<br>')}</div>`;
}

export function renderTicket(ticket: TicketRecord, baseUrl: string): ZdTicket {
  return {
    url: `${baseUrl}/api/v2/tickets/${ticket.id}.json`,
    id: ticket.id,
    external_id: ticket.externalId,
    via: via(ticket.via),
    created_at: isoSeconds(ticket.createdAt),
    updated_at: isoSeconds(ticket.updatedAt),
    generated_timestamp: ticket.generatedAt / 1000,
    type: ticket.type,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    status: ticket.deleted ? 'deleted' : ticket.status,
    recipient: null,
    requester_id: ticket.requesterId,
    submitter_id: ticket.submitterId,
    assignee_id: ticket.assigneeId,
    organization_id: ticket.organizationId,
    group_id: ticket.groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...ticket.tags],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    followup_ids: [],
    brand_id: 1,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function renderUser(user: UserRecord, baseUrl: string): ZdUser {
  const agent = user.role !== 'end-user';
  return {
    id: user.id,
    url: `${baseUrl}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    created_at: isoSeconds(user.createdAt),
    updated_at: isoSeconds(user.updatedAt),
    time_zone: user.timeZone,
    iana_time_zone: user.timeZone === 'Amsterdam' ? 'Europe/Amsterdam' : user.timeZone,
    locale: 'en-US',
    locale_id: 1,
    organization_id: user.organizationId,
    role: user.role,
    role_type: user.role === 'admin' ? 4 : user.role === 'agent' ? 0 : null,
    active: true,
    verified: true,
    suspended: user.suspended,
    restricted_agent: false,
    moderator: agent,
    only_private_comments: false,
    ticket_restriction: agent ? null : 'requested',
    shared: false,
    shared_agent: false,
    tags: [],
    user_fields: {},
    external_id: null,
    alias: null,
    details: '',
    notes: '',
    phone: null,
    photo: null,
    signature: null,
    last_login_at: null,
    two_factor_auth_enabled: null,
  };
}

/** Who an unauthenticated caller is to `GET /users/me`: an anonymous end user without an id. */
export function renderAnonymousUser(now: number, baseUrl: string): Omit<ZdUser, 'id'> & { id: null } {
  const user = renderUser(
    {
      id: 0,
      name: 'Anonymous user',
      email: 'invalid@example.com',
      role: 'end-user',
      organizationId: null,
      timeZone: 'Amsterdam',
      suspended: false,
      createdAt: wholeSecond(now),
      updatedAt: wholeSecond(now),
    },
    baseUrl,
  );
  return { ...user, id: null, url: `${baseUrl}/api/v2/users/me.json` };
}

export function renderOrganization(organization: OrganizationRecord, baseUrl: string): ZdOrganization {
  return {
    id: organization.id,
    url: `${baseUrl}/api/v2/organizations/${organization.id}.json`,
    name: organization.name,
    created_at: isoSeconds(organization.createdAt),
    updated_at: isoSeconds(organization.updatedAt),
    domain_names: [...organization.domainNames],
    details: '',
    notes: '',
    external_id: null,
    group_id: null,
    shared_tickets: false,
    shared_comments: false,
    tags: [],
    organization_fields: {},
  };
}

export function renderComment(comment: CommentRecord): ZdComment {
  return {
    id: comment.id,
    type: 'Comment',
    author_id: comment.authorId,
    body: comment.body,
    html_body: htmlBody(comment.body),
    plain_body: comment.body,
    public: comment.public,
    attachments: [],
    audit_id: comment.auditId,
    via: via(comment.via),
    created_at: isoSeconds(comment.createdAt),
    metadata: { system: {}, custom: {} },
  };
}

export function renderAudit(audit: AuditRecord): ZdAudit {
  const events: ZdAuditEvent[] = audit.fields.map((field, index) =>
    field.type === 'Create'
      ? { id: audit.id + index + 1, type: 'Create', field_name: field.field, value: field.value }
      : {
          id: audit.id + index + 1,
          type: 'Change',
          field_name: field.field,
          value: field.value,
          previous_value: field.previous,
        },
  );
  if (audit.comment) {
    const comment = renderComment(audit.comment);
    events.push({
      id: comment.id,
      type: 'Comment',
      author_id: comment.author_id,
      body: comment.body,
      html_body: comment.html_body,
      plain_body: comment.plain_body,
      public: comment.public,
      attachments: [],
      audit_id: audit.id,
    });
  }
  return {
    id: audit.id,
    ticket_id: audit.ticketId,
    created_at: isoSeconds(audit.createdAt),
    author_id: audit.authorId,
    via: via(audit.via),
    metadata: { system: {}, custom: { ...audit.metadata } },
    events,
  };
}

function tagChildEvent(value: string[] | null, previous: string[] | null): Record<string, unknown> {
  const now = value ?? [];
  const before = previous ?? [];
  return {
    tags: now,
    added_tags: now.filter((tag) => !before.includes(tag)),
    removed_tags: before.filter((tag) => !now.includes(tag)),
  };
}

export function renderTicketEvent(audit: AuditRecord, includeComments: boolean): ZdTicketEvent {
  const viaName = VIA_NAMES[audit.via];
  const children: ZdChildEvent[] = audit.fields.map((field, index) => {
    const base = { id: audit.id + index + 1, via: viaName, via_reference_id: null };
    if (field.field === 'tags') {
      const previous = field.type === 'Change' ? (field.previous as string[] | null) : null;
      return { ...base, ...tagChildEvent(field.value as string[] | null, previous), event_type: field.type };
    }
    return field.type === 'Create'
      ? { ...base, [field.field]: field.value, event_type: 'Create' }
      : { ...base, [field.field]: field.value, previous_value: field.previous, event_type: 'Change' };
  });
  if (audit.comment) {
    const comment = renderComment(audit.comment);
    children.push(
      includeComments
        ? {
            id: comment.id,
            via: comment.via,
            via_reference_id: null,
            type: 'Comment',
            author_id: comment.author_id,
            body: comment.body,
            html_body: comment.html_body,
            plain_body: comment.plain_body,
            public: comment.public,
            attachments: [],
            audit_id: audit.id,
            created_at: comment.created_at,
            event_type: 'Comment',
          }
        : {
            id: comment.id,
            via: viaName,
            via_reference_id: null,
            comment_present: true,
            comment_public: comment.public,
            event_type: 'Comment',
          },
    );
  }
  return {
    id: audit.id,
    ticket_id: audit.ticketId,
    timestamp: audit.createdAt / 1000,
    created_at: isoSeconds(audit.createdAt),
    updater_id: audit.authorId,
    via: viaName,
    system: {},
    metadata: { system: {}, custom: { ...audit.metadata } },
    event_type: 'Audit',
    child_events: children,
  };
}
