// The Zendesk wire shapes the test server speaks: resources, audit events, export pages and error bodies.
//
// Field names follow Zendesk's OpenAPI document (TicketObject, TicketCommentObject, TicketAuditObject,
// UserForAdmin, OrganizationObject, Pagination, OffsetPaginationObject, SearchExportResponse,
// CursorBasedExportIncrementalTicketsResponse, ExportIncrementalTicketEventsResponse) as published in
// developer.zendesk.com/api-reference and mirrored in botbrains-io/python-zendesk `openapi-src.yaml`.
// Only the fields a client could use are modelled; the rest of Zendesk's optional fields are left out.

export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** A soft-deleted ticket shows this status in the incremental export ("deletions appear in the ticket stream"). */
export type ExportedStatus = TicketStatus | 'deleted';

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const TICKET_TYPES = ['problem', 'incident', 'question', 'task'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export type UserRole = 'end-user' | 'agent' | 'admin';

/** `via.channel` values from the audit docs' "Via Object" table (the subset the server produces). */
export type ViaChannel = 'web' | 'email' | 'api' | 'rule' | 'system';

export interface ZdVia {
  channel: ViaChannel;
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

export interface ZdTicket {
  url: string;
  id: number;
  external_id: string | null;
  via: ZdVia;
  created_at: string;
  updated_at: string;
  generated_timestamp: number;
  type: TicketType | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: TicketPriority | null;
  status: ExportedStatus;
  recipient: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  problem_id: number | null;
  has_incidents: boolean;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: { id: number; value: string | null }[];
  satisfaction_rating: null;
  sharing_agreement_ids: number[];
  followup_ids: number[];
  brand_id: number;
  allow_channelback: boolean;
  allow_attachments: boolean;
  from_messaging_channel: boolean;
}

/** A search export result: the ticket plus the `result_type` every search result carries. */
export type ZdSearchResult = ZdTicket & { result_type: 'ticket' };

export interface ZdUser {
  id: number;
  url: string;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
  time_zone: string;
  iana_time_zone: string;
  locale: string;
  locale_id: number;
  organization_id: number | null;
  role: UserRole;
  /** 4 for an admin, 0 for an agent (a "custom agent" in the docs' table), null for end users. */
  role_type: number | null;
  active: boolean;
  verified: boolean;
  suspended: boolean;
  restricted_agent: boolean;
  moderator: boolean;
  only_private_comments: boolean;
  ticket_restriction: string | null;
  shared: boolean;
  shared_agent: boolean;
  tags: string[];
  user_fields: Record<string, unknown>;
  external_id: string | null;
  alias: string | null;
  details: string;
  notes: string;
  phone: string | null;
  photo: null;
  signature: string | null;
  last_login_at: string | null;
  two_factor_auth_enabled: boolean | null;
}

/** `GET /users/me` adds the CSRF token ("CurrentUserResponse"); an anonymous caller has no id. */
export type ZdCurrentUser = Omit<ZdUser, 'id'> & { id: number | null; authenticity_token: string };

export interface ZdOrganization {
  id: number;
  url: string;
  name: string;
  created_at: string;
  updated_at: string;
  domain_names: string[];
  details: string;
  notes: string;
  external_id: string | null;
  group_id: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  organization_fields: Record<string, unknown>;
}

export interface ZdComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: [];
  audit_id: number;
  via: ZdVia;
  created_at: string;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
}

/** Audit events as the Ticket Audits docs list them ("Create", "Change", "Comment"). */
export type AuditValue = string | string[] | null;
export type ZdAuditEvent =
  | { id: number; type: 'Create'; field_name: string; value: AuditValue }
  | { id: number; type: 'Change'; field_name: string; value: AuditValue; previous_value: AuditValue }
  | {
      id: number;
      type: 'Comment';
      author_id: number;
      body: string;
      html_body: string;
      plain_body: string;
      public: boolean;
      attachments: [];
      audit_id: number;
    };

export interface ZdAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  via: ZdVia;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  events: ZdAuditEvent[];
}

/**
 * One entry of the incremental ticket event export. The parent's `via` is a display string ("Web form");
 * child events name the changed field as a key (`"status": "open"`) next to `previous_value`.
 */
export interface ZdTicketEvent {
  id: number;
  ticket_id: number;
  timestamp: number;
  created_at: string;
  updater_id: number;
  via: string;
  system: Record<string, unknown>;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  event_type: 'Audit';
  child_events: ZdChildEvent[];
}

export type ZdChildEvent = Record<string, unknown> & {
  id: number;
  event_type: 'Create' | 'Change' | 'Comment';
};

// ---- Response envelopes -------------------------------------------------------------------------------

export interface CursorExportTicketsPage {
  tickets: ZdTicket[];
  after_url: string | null;
  after_cursor: string | null;
  before_url: string | null;
  before_cursor: string | null;
  end_of_stream: boolean;
}

export interface TicketEventsPage {
  ticket_events: ZdTicketEvent[];
  next_page: string | null;
  count: number;
  end_time: number;
  end_of_stream: boolean;
}

export interface CursorPaginationMeta {
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
}

export interface OffsetPaginationMeta {
  next_page: string | null;
  previous_page: string | null;
  count: number;
}

export type SearchExportPage = CursorPaginationMeta & { results: ZdSearchResult[]; facets: null };

// ---- Errors --------------------------------------------------------------------------------------------

/** Zendesk's classic error body: `{ error, description?, details? }`. */
export interface ZdErrorBody {
  error: string;
  description?: string;
  details?: Record<string, { description: string; error?: string }[]>;
}

export interface ZdResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
