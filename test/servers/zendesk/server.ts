// A loopback Zendesk Support API for tests and local development, following Zendesk's documented behaviour.
//
// `startZendeskServer()` listens on 127.0.0.1 (a free port by default) and answers the endpoints Piket's
// connector uses. What each follows (developer.zendesk.com; field names checked against Zendesk's OpenAPI
// document, mirrored in botbrains-io/python-zendesk `openapi-src.yaml`):
//
// - Auth ("Security and authentication" / API token): HTTP basic `{email}/token:{api_token}`. A bad or
//   missing credential answers 401 `{"error":"Couldn't authenticate you"}`; an authenticated user without
//   the role an endpoint is "Allowed For" answers 403 `{"error":"Forbidden","description":…}`.
// - GET /api/v2/users/me (Show Self, "Allowed For: Anonymous users"): the caller, with `authenticity_token`;
//   without credentials an anonymous end user (id null).
// - GET /api/v2/incremental/tickets/cursor (Incremental Ticket Export, Cursor Based; Admins only): the first
//   request takes `start_time`, later ones `cursor`; `per_page` up to 1,000 (default 1,000);
//   `exclude_deleted`; pages ordered by generated_timestamp then id; changes of the last minute are left out
//   and come in a later export; `after_cursor`/`after_url` are always given so the next export resumes there;
//   `before_*` are null; `end_of_stream` is true once the page reached the last change older than a minute;
//   deleted tickets come with status "deleted". A `start_time` less than a minute old answers 422
//   `{"error":"InvalidValue","description":"Too recent start_time. …"}` (the body clients see in practice).
// - GET /api/v2/incremental/ticket_events (Incremental Ticket Event Export; time-based; Admins only):
//   events with timestamp >= start_time, oldest first, `per_page` (default and maximum 1,000), a page runs
//   past the limit to end on a whole second ("may exceed the 1000-item default return limit if items share
//   the same timestamp"); `end_time` is the last event's timestamp and `next_page` starts there (so the last
//   second repeats: time-based exports can return duplicates); `count`; `include=comment_events` puts the
//   comments in `child_events`, otherwise only `comment_present`/`comment_public`.
// - GET /api/v2/search/export (Export Search Results; Agents): `query`, `filter[type]` (required; tickets
//   only here), `page[size]` (default 100, at most 1,000), `page[after]`; results ordered by created_at
//   descending then id (as its example cursor says), with `result_type`; `meta.has_more`,
//   `meta.after_cursor`, `links.next`, no `count`; the cursor expires after one hour and belongs to its query.
// - GET /api/v2/organizations/show_many and /api/v2/users/show_many (`ids`, at most 100; unknown ids are
//   left out).
// - GET /api/v2/tickets/{id}, GET /api/v2/tickets/{id}/comments and /audits: cursor pagination when
//   `page[size]`/`page[after]`/`page[before]` is given (page[size] at most 100; `meta` and `links`; both lists
//   take `sort=created_at|-created_at`, oldest first by default: List Comments, and List Audits for a Ticket
//   whose reference gives `sort`, "Prefix with - for descending order … determines the cursor ordering"),
//   offset pagination otherwise (`page`, `per_page`, `sort_order=asc|desc`, `next_page`, `previous_page`,
//   `count`). Unknown or deleted tickets answer 404 `{"error":"RecordNotFound"}`.
// - PUT /api/v2/tickets/{id} (Update Ticket): `{ ticket: { status, priority, type, subject, assignee_id,
//   tags, comment: { body, public }, metadata, safe_update, updated_stamp } }`; with `safe_update` (any value)
//   and an `updated_stamp` other than the ticket's `updated_at`, 409 `{"error":"UpdateConflict",…}`
//   ("Protecting against ticket update collisions"); a closed ticket answers 422 RecordInvalid "Status: closed
//   prevents ticket update"; invalid values answer 422 RecordInvalid with `details` per field; otherwise 200
//   `{ ticket, audit }` (no audit when nothing changed). `metadata` is kept on the update's audit as
//   `metadata.custom` ("Setting Metadata"; not kept when the update makes no audit; metadata that is not an
//   object answers 422, inferred). Unknown attributes are ignored, as Zendesk does.
// - Rate limits: see rate-limit.ts. Faults injected by tests: see faults.ts.
//
// Error bodies and choices the docs leave open (marked "inferred" where made): malformed parameters answer
// 400 `{"error":"InvalidValue"|"InvalidPaginationParameter","description":…}`; a 429 body is
// `{"error":"APIRateLimitExceeded",…}`; an unknown path answers 404 `{"error":"InvalidEndpoint"}`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { Faults, type TakenFault } from './faults';
import { DEFAULT_RATE_LIMITS, RateLimiter, type EndpointBudget, type RateLimits } from './rate-limit';
import {
  renderAnonymousUser,
  renderAudit,
  renderComment,
  renderOrganization,
  renderTicket,
  renderTicketEvent,
  renderUser,
} from './render';
import { compileTicketQuery, SearchQueryError } from './search-query';
import {
  auditKey,
  generatedKey,
  lowerBound,
  upperBound,
  ZendeskState,
  type OrderKey,
  type TicketChanges,
  type TicketRecord,
  type UserRecord,
} from './state';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type CursorExportTicketsPage,
  type CursorPaginationMeta,
  type OffsetPaginationMeta,
  type SearchExportPage,
  type TicketEventsPage,
  type ZdCurrentUser,
  type ZdErrorBody,
  type ZdResponse,
} from './types';

export interface ZendeskServerOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The server clock in UTC milliseconds; Date.now by default. Ignored when `state` is given. */
  now?: () => number;
  /** A prepared account (e.g. from seed.ts); an empty one on `now` otherwise. */
  state?: ZendeskState;
  /** Budgets per minute (missing ones take Zendesk's defaults), or false for no rate limiting. */
  rateLimits?: Partial<RateLimits> | false;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  /** The status sent, or 'dropped' when the connection was closed without an answer. */
  status: number | 'dropped';
}

export interface ZendeskServer {
  /** The base URL, e.g. http://127.0.0.1:43125 (no trailing slash). */
  url: string;
  state: ZendeskState;
  faults: Faults;
  /** Every request answered so far, oldest first. */
  requests: RequestRecord[];
  close(): Promise<void>;
}

const BODY_LIMIT = 1_000_000;
const EXPORT_LAG_MS = 60_000;
const SEARCH_CURSOR_TTL_MS = 3_600_000;
const FORBIDDEN =
  'You do not have access to this page. Please contact the account owner of this help desk for further help.';

class HttpError extends Error {
  constructor(readonly response: ZdResponse) {
    super(`HTTP ${response.status}`);
  }
}

function fail(status: number, error: string, description?: string, details?: ZdErrorBody['details']): never {
  const body: ZdErrorBody = { error };
  if (description !== undefined) body.description = description;
  if (details !== undefined) body.details = details;
  throw new HttpError({ status, body });
}

function invalidValue(description: string): never {
  return fail(400, 'InvalidValue', description);
}

function invalidPagination(description: string): never {
  return fail(400, 'InvalidPaginationParameter', description);
}

function recordInvalid(field: string, description: string): never {
  return fail(422, 'RecordInvalid', 'Record validation errors', {
    [field]: [{ description, error: 'InvalidValue' }],
  });
}

function notFound(): never {
  return fail(404, 'RecordNotFound', 'Not found');
}

// ---- parameters -----------------------------------------------------------------------------------------

function integerParam(
  query: URLSearchParams,
  name: string,
  options: { min: number; max?: number; fallback?: number; onError?: (message: string) => never },
): number | undefined {
  const raw = query.get(name);
  const onError = options.onError ?? invalidValue;
  if (raw === null || raw === '') return options.fallback;
  if (!/^\d+$/.test(raw)) onError(`${name} must be a whole number, not "${raw}"`);
  const value = Number(raw);
  if (value < options.min) onError(`${name} must be at least ${options.min}`);
  if (options.max !== undefined && value > options.max) onError(`${name} must be at most ${options.max}`);
  return value;
}

function booleanParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return invalidValue(`${name} must be true or false`);
}

function idsParam(query: URLSearchParams): number[] {
  const raw = query.get('ids');
  if (raw === null || raw.trim() === '')
    return invalidValue('ids is required: a comma-separated list of ids');
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length > 100) invalidValue('ids accepts at most 100 ids');
  return parts.map((part) => {
    if (!/^\d+$/.test(part)) invalidValue(`"${part}" is not an id`);
    return Number(part);
  });
}

function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeToken(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Incremental cursors look like Zendesk's: base64 of "<seconds>.0||<id>|". */
function encodeExportCursor(key: OrderKey): string {
  return Buffer.from(`${key.at / 1000}.0||${key.id}|`, 'utf8').toString('base64');
}

function decodeExportCursor(text: string): OrderKey | undefined {
  const match = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(text, 'base64').toString('utf8'));
  return match ? { at: Number(match[1]) * 1000, id: Number(match[2]) } : undefined;
}

function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  return `${base}?${query.toString()}`;
}

// ---- request bodies -------------------------------------------------------------------------------------

const updateSchema = z.object({
  ticket: z.object({
    status: z.unknown().optional(),
    priority: z.unknown().optional(),
    type: z.unknown().optional(),
    subject: z.unknown().optional(),
    assignee_id: z.unknown().optional(),
    tags: z.unknown().optional(),
    comment: z.unknown().optional(),
    metadata: z.unknown().optional(),
    safe_update: z.unknown().optional(),
    updated_stamp: z.unknown().optional(),
  }),
});

const commentSchema = z.object({
  body: z.string().optional(),
  html_body: z.string().optional(),
  public: z.boolean().optional(),
  author_id: z.number().int().positive().optional(),
});

type UpdateRequest = z.infer<typeof updateSchema>['ticket'];

function oneOf<T extends string>(field: string, label: string, allowed: readonly T[], value: unknown): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return recordInvalid(field, `${label}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

/** Field values of an Update Ticket request, checked the way Zendesk's record validation reports them. */
function ticketChanges(state: ZendeskState, request: UpdateRequest, caller: UserRecord): TicketChanges {
  const changes: TicketChanges = {};
  if (request.status !== undefined)
    changes.status = oneOf('status', 'Status', TICKET_STATUSES, request.status);
  if (request.priority !== undefined) {
    changes.priority =
      request.priority === null || request.priority === ''
        ? null
        : oneOf('priority', 'Priority', TICKET_PRIORITIES, request.priority);
  }
  if (request.type !== undefined) {
    changes.type =
      request.type === null || request.type === '' ? null : oneOf('type', 'Type', TICKET_TYPES, request.type);
  }
  if (request.subject !== undefined) {
    if (typeof request.subject !== 'string') recordInvalid('subject', 'Subject: must be text');
    changes.subject = request.subject;
  }
  if (request.assignee_id !== undefined) {
    const id = request.assignee_id;
    if (id === null) changes.assignee_id = null;
    else if (typeof id === 'number' && Number.isInteger(id) && state.isAgent(id)) changes.assignee_id = id;
    else recordInvalid('assignee_id', `Assignee: ${JSON.stringify(id)} is not an agent of this account`);
  }
  if (request.tags !== undefined) {
    if (!Array.isArray(request.tags) || !request.tags.every((tag) => typeof tag === 'string')) {
      recordInvalid('tags', 'Tags: must be a list of words');
    }
    changes.tags = (request.tags as string[]).map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  }
  if (request.comment !== undefined) {
    const parsed = commentSchema.safeParse(request.comment);
    if (!parsed.success) return recordInvalid('comment', 'Comment: must be { body, public }');
    const body = parsed.data.body ?? parsed.data.html_body ?? '';
    if (body.trim() === '') recordInvalid('comment', 'Comment: cannot be blank');
    const authorId = parsed.data.author_id ?? caller.id;
    if (!state.users.has(authorId)) recordInvalid('comment', `Comment: author ${authorId} is not a user`);
    changes.comment = { body, public: parsed.data.public ?? true, author_id: authorId };
  }
  if (request.metadata !== undefined) {
    const metadata = request.metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
      recordInvalid('metadata', 'Metadata: must be an object');
    changes.metadata = metadata as Record<string, unknown>;
  }
  return changes;
}

// ---- routing --------------------------------------------------------------------------------------------

type Access = 'anyone' | 'agent' | 'admin';

interface Context {
  query: URLSearchParams;
  params: string[];
  /** The authenticated caller; null only on routes open to anyone. */
  user: UserRecord | null;
  base: string;
  path: string;
  body: unknown;
  /** Counts an update of this ticket by the caller; the 429 headers when that budget is spent. */
  admitTicketUpdate: (ticketId: number) => Record<string, string> | undefined;
}

interface Route {
  method: 'GET' | 'PUT';
  pattern: RegExp;
  access: Access;
  /** A list endpoint (adds the ratelimit-* headers). */
  list: boolean;
  endpoint?: EndpointBudget;
  handle: (context: Context) => ZdResponse;
}

export async function startZendeskServer(options: ZendeskServerOptions = {}): Promise<ZendeskServer> {
  const state = options.state ?? new ZendeskState(options.now ?? Date.now);
  const now = state.now;
  const faults = new Faults();
  const limiter = new RateLimiter(
    options.rateLimits === false ? false : { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    now,
  );
  const requests: RequestRecord[] = [];
  const lastSuccess = new Map<string, { status: number; headers: Record<string, string>; text: string }>();
  let base = '';

  const liveTicket = (raw: string | undefined): TicketRecord => {
    const ticket = state.liveTicket(Number(raw));
    return ticket ?? notFound();
  };

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/v2\/users\/me$/,
      access: 'anyone',
      list: false,
      handle: ({ user }) => {
        const body: ZdCurrentUser = {
          ...(user ? renderUser(user, base) : renderAnonymousUser(now(), base)),
          authenticity_token: 'test-server-csrf-token',
        };
        return { status: 200, body: { user: body } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/users\/show_many$/,
      access: 'agent',
      list: true,
      handle: ({ query }) => {
        const users = idsParam(query).flatMap((id) => {
          const user = state.users.get(id);
          return user ? [renderUser(user, base)] : [];
        });
        return { status: 200, body: { users } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/organizations\/show_many$/,
      access: 'agent',
      list: true,
      handle: ({ query }) => {
        const organizations = idsParam(query).flatMap((id) => {
          const organization = state.organizations.get(id);
          return organization ? [renderOrganization(organization, base)] : [];
        });
        return { status: 200, body: { organizations } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/incremental\/tickets\/cursor$/,
      access: 'admin',
      list: true,
      endpoint: 'incrementalExports',
      handle: ({ query }) => exportTickets(query),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/incremental\/ticket_events$/,
      access: 'admin',
      list: true,
      endpoint: 'incrementalExports',
      handle: ({ query }) => exportTicketEvents(query),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/search\/export$/,
      access: 'agent',
      list: true,
      endpoint: 'searchExport',
      handle: ({ query }) => searchExport(query),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/tickets\/(\d+)$/,
      access: 'agent',
      list: false,
      handle: ({ params }) => ({ status: 200, body: { ticket: renderTicket(liveTicket(params[0]), base) } }),
    },
    {
      method: 'PUT',
      pattern: /^\/api\/v2\/tickets\/(\d+)$/,
      access: 'agent',
      list: false,
      endpoint: 'ticketUpdates',
      handle: (context) => updateTicket(context),
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/tickets\/(\d+)\/comments$/,
      access: 'agent',
      list: true,
      handle: ({ params, query, path }) => {
        const ticket = liveTicket(params[0]);
        const page = paginate(state.commentsOf(ticket.id), query, `${base}${path}.json`);
        return { status: 200, body: { comments: page.items.map(renderComment), ...page.meta } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/v2\/tickets\/(\d+)\/audits$/,
      access: 'agent',
      list: true,
      handle: ({ params, query, path }) => {
        const ticket = liveTicket(params[0]);
        const page = paginate(state.auditsOf(ticket.id), query, `${base}${path}.json`);
        return { status: 200, body: { audits: page.items.map(renderAudit), ...page.meta } };
      },
    },
  ];

  // ---- endpoint bodies ------------------------------------------------------------------------------

  function startTimeParam(query: URLSearchParams, required: boolean): number | undefined {
    const startTime = integerParam(query, 'start_time', { min: 0 });
    if (startTime === undefined) {
      return required ? invalidValue('start_time is required: a Unix time in seconds') : undefined;
    }
    if (startTime * 1000 > now() - EXPORT_LAG_MS) {
      fail(422, 'InvalidValue', 'Too recent start_time. Use a start_time older than 1 minute');
    }
    return startTime;
  }

  function exportTickets(query: URLSearchParams): ZdResponse {
    const perPage = integerParam(query, 'per_page', { min: 1, max: 1000, fallback: 1000 }) as number;
    const excludeDeleted = booleanParam(query, 'exclude_deleted');
    const cursorText = query.get('cursor');
    let position: OrderKey;
    if (cursorText) {
      position =
        decodeExportCursor(cursorText) ?? invalidValue('cursor is not a cursor this export gave out');
    } else {
      position = { at: (startTimeParam(query, true) as number) * 1000, id: 0 };
    }
    const horizon = now() - EXPORT_LAG_MS;
    const ordered = state.ticketsByGenerated();
    let index = upperBound(ordered, position, generatedKey);
    const tickets: TicketRecord[] = [];
    let last = position;
    while (tickets.length < perPage && index < ordered.length) {
      const ticket = ordered[index] as TicketRecord;
      if (ticket.generatedAt > horizon) break;
      last = generatedKey(ticket);
      index += 1;
      if (!(excludeDeleted && ticket.deleted)) tickets.push(ticket);
    }
    const next = ordered[index];
    const afterCursor = encodeExportCursor(last);
    const body: CursorExportTicketsPage = {
      tickets: tickets.map((ticket) => renderTicket(ticket, base)),
      after_url: withQuery(`${base}/api/v2/incremental/tickets/cursor.json`, {
        cursor: afterCursor,
        per_page: query.get('per_page') ? perPage : undefined,
        exclude_deleted: excludeDeleted ? 'true' : undefined,
      }),
      after_cursor: afterCursor,
      before_url: null,
      before_cursor: null,
      end_of_stream: next === undefined || next.generatedAt > horizon,
    };
    return { status: 200, body };
  }

  function exportTicketEvents(query: URLSearchParams): ZdResponse {
    const startTime = startTimeParam(query, true) as number;
    const perPage = integerParam(query, 'per_page', { min: 1, max: 1000, fallback: 1000 }) as number;
    const include = (query.get('include') ?? '').split(',').map((part) => part.trim());
    const withComments = include.includes('comment_events');
    const horizon = now() - EXPORT_LAG_MS;
    const audits = state.auditsByTime();
    let index = lowerBound(audits, { at: startTime * 1000, id: 0 }, auditKey);
    const page = [];
    while (index < audits.length) {
      const audit = audits[index] as (typeof audits)[number];
      if (audit.createdAt > horizon) break;
      const previous = page[page.length - 1];
      if (page.length >= perPage && previous && previous.createdAt !== audit.createdAt) break;
      page.push(audit);
      index += 1;
    }
    const following = audits[index];
    const lastAudit = page[page.length - 1];
    const endTime = lastAudit ? lastAudit.createdAt / 1000 : startTime;
    const body: TicketEventsPage = {
      ticket_events: page.map((audit) => renderTicketEvent(audit, withComments)),
      next_page: withQuery(`${base}/api/v2/incremental/ticket_events.json`, {
        start_time: endTime,
        include: query.get('include') ?? undefined,
        per_page: query.get('per_page') ? perPage : undefined,
      }),
      count: page.length,
      end_time: endTime,
      end_of_stream: following === undefined || following.createdAt > horizon,
    };
    return { status: 200, body };
  }

  function searchExport(query: URLSearchParams): ZdResponse {
    const text = query.get('query');
    if (text === null || text.trim() === '') invalidValue('query is required');
    const filterType = query.get('filter[type]');
    if (filterType === null) invalidValue('filter[type] is required: ticket, organization, user or group');
    if (filterType !== 'ticket')
      invalidValue(`filter[type]=${filterType}: this test server exports tickets only`);
    const size = integerParam(query, 'page[size]', {
      min: 1,
      max: 1000,
      fallback: 100,
      onError: invalidPagination,
    }) as number;
    let predicate;
    try {
      predicate = compileTicketQuery(text as string, now());
    } catch (error) {
      if (error instanceof SearchQueryError) invalidValue(`Invalid search: ${error.message}`);
      throw error;
    }
    const queryHash = (text as string).trim();
    const afterText = query.get('page[after]');
    let after: { createdAt: number; id: number } | null = null;
    let issuedAt = now();
    let exported = 0;
    if (afterText) {
      const decoded = decodeToken(afterText) as
        | { sortValues?: [number, number]; query?: string; createdAt?: number; exportedThusFar?: number }
        | undefined;
      if (!decoded?.sortValues || typeof decoded.createdAt !== 'number' || decoded.query !== queryHash) {
        invalidPagination('page[after] is not a cursor of this query');
      }
      if (now() - (decoded.createdAt as number) > SEARCH_CURSOR_TTL_MS) {
        invalidPagination('page[after] has expired: export cursors last one hour');
      }
      after = { createdAt: decoded.sortValues[0], id: decoded.sortValues[1] };
      issuedAt = decoded.createdAt as number;
      exported = decoded.exportedThusFar ?? 0;
    }
    const ordered = state.ticketsByCreatedDesc();
    let index = 0;
    if (after) {
      const { createdAt, id } = after;
      let low = 0;
      let high = ordered.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        const ticket = ordered[mid] as TicketRecord;
        const beforeOrAt =
          ticket.createdAt > createdAt || (ticket.createdAt === createdAt && ticket.id <= id);
        if (beforeOrAt) low = mid + 1;
        else high = mid;
      }
      index = low;
    }
    const results: TicketRecord[] = [];
    while (index < ordered.length && results.length < size) {
      const ticket = ordered[index] as TicketRecord;
      if (predicate(ticket)) results.push(ticket);
      index += 1;
    }
    let hasMore = false;
    for (let rest = index; rest < ordered.length; rest += 1) {
      if (predicate(ordered[rest] as TicketRecord)) {
        hasMore = true;
        break;
      }
    }
    const lastResult = results[results.length - 1];
    const afterCursor =
      hasMore && lastResult
        ? encodeToken({
            field: 'created_at',
            desc: true,
            tieBreakField: 'id',
            tieBreakDesc: false,
            sortValues: [lastResult.createdAt, lastResult.id],
            exportedThusFar: exported + results.length,
            createdAt: issuedAt,
            query: queryHash,
          })
        : null;
    const body: SearchExportPage = {
      results: results.map((ticket) => ({ ...renderTicket(ticket, base), result_type: 'ticket' as const })),
      facets: null,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: {
        next: afterCursor
          ? withQuery(`${base}/api/v2/search/export.json`, {
              query: text as string,
              'filter[type]': 'ticket',
              'page[size]': size,
              'page[after]': afterCursor,
            })
          : null,
        prev: null,
      },
    };
    return { status: 200, body };
  }

  function paginate<T extends { id: number }>(
    all: readonly T[],
    query: URLSearchParams,
    url: string,
  ): { items: T[]; meta: CursorPaginationMeta | OffsetPaginationMeta } {
    const cursorMode = ['page[size]', 'page[after]', 'page[before]'].some((name) => query.has(name));
    if (cursorMode) {
      const size = integerParam(query, 'page[size]', {
        min: 1,
        max: 100,
        fallback: 100,
        onError: invalidPagination,
      }) as number;
      const sort = query.get('sort') ?? 'created_at';
      if (sort !== 'created_at' && sort !== '-created_at') {
        invalidPagination('sort must be created_at or -created_at');
      }
      const items = sort === '-created_at' ? [...all].reverse() : [...all];
      const decode = (name: string): number | undefined => {
        const raw = query.get(name);
        if (raw === null) return undefined;
        const decoded = decodeToken(raw) as { id?: number } | undefined;
        if (typeof decoded?.id !== 'number') return invalidPagination(`${name} is not a cursor of this list`);
        const position = items.findIndex((item) => item.id === decoded.id);
        return position >= 0 ? position : invalidPagination(`${name} points at nothing in this list`);
      };
      const afterPosition = decode('page[after]');
      const beforePosition = decode('page[before]');
      let start: number;
      let end: number;
      if (beforePosition !== undefined) {
        end = beforePosition;
        start = Math.max(0, end - size);
      } else {
        start = afterPosition === undefined ? 0 : afterPosition + 1;
        end = Math.min(items.length, start + size);
      }
      const page = items.slice(start, end);
      const first = page[0];
      const last = page[page.length - 1];
      const afterCursor = last ? encodeToken({ id: last.id }) : null;
      const beforeCursor = first ? encodeToken({ id: first.id }) : null;
      const common = { 'page[size]': size, sort: query.has('sort') ? sort : undefined };
      const meta: CursorPaginationMeta = {
        meta: { has_more: end < items.length, after_cursor: afterCursor, before_cursor: beforeCursor },
        links: {
          next: afterCursor ? withQuery(url, { ...common, 'page[after]': afterCursor }) : null,
          prev: beforeCursor ? withQuery(url, { ...common, 'page[before]': beforeCursor }) : null,
        },
      };
      return { items: page, meta };
    }
    const perPage = integerParam(query, 'per_page', { min: 1, max: 100, fallback: 100 }) as number;
    const pageNumber = integerParam(query, 'page', { min: 1, fallback: 1 }) as number;
    const sortOrder = query.get('sort_order') ?? 'asc';
    if (sortOrder !== 'asc' && sortOrder !== 'desc') invalidValue('sort_order must be asc or desc');
    const items = sortOrder === 'desc' ? [...all].reverse() : all;
    const start = (pageNumber - 1) * perPage;
    const page = items.slice(start, start + perPage);
    const keep = {
      per_page: query.has('per_page') ? perPage : undefined,
      sort_order: query.get('sort_order') ?? undefined,
    };
    const meta: OffsetPaginationMeta = {
      next_page: start + perPage < items.length ? withQuery(url, { ...keep, page: pageNumber + 1 }) : null,
      previous_page: pageNumber > 1 ? withQuery(url, { ...keep, page: pageNumber - 1 }) : null,
      count: items.length,
    };
    return { items: page, meta };
  }

  function updateTicket(context: Context): ZdResponse {
    const parsed = updateSchema.safeParse(context.body);
    if (!parsed.success) invalidValue('the body must be JSON of the form { "ticket": { … } }');
    const request = (parsed.data as z.infer<typeof updateSchema>).ticket;
    const ticket = liveTicket(context.params[0]);
    const caller = context.user as UserRecord;
    const budget = context.admitTicketUpdate(ticket.id);
    if (budget) {
      throw new HttpError({
        status: 429,
        headers: budget,
        body: { error: 'TooManyRequests', description: 'Too many updates to this ticket by this user' },
      });
    }
    if (request.safe_update !== undefined) {
      if (typeof request.updated_stamp !== 'string' || Number.isNaN(Date.parse(request.updated_stamp))) {
        recordInvalid('updated_stamp', 'Updated stamp: a safe update needs the updated_at it was based on');
      }
      if (Date.parse(request.updated_stamp as string) !== ticket.updatedAt) {
        fail(
          409,
          'UpdateConflict',
          'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
        );
      }
    }
    if (ticket.status === 'closed') recordInvalid('status', 'Status: closed prevents ticket update');
    const changes = ticketChanges(state, request, caller);
    const { audit } = state.updateTicket(ticket.id, changes, { by: caller.id, via: 'api' });
    const body: Record<string, unknown> = { ticket: renderTicket(ticket, base) };
    if (audit) body.audit = renderAudit(audit);
    return { status: 200, body };
  }

  // ---- the pipeline ---------------------------------------------------------------------------------

  function authenticate(header: string | undefined): UserRecord | null | 'invalid' {
    if (header === undefined) return null;
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match) return 'invalid';
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const separator = decoded.indexOf('/token:');
    if (separator <= 0) return 'invalid';
    const user = state.userByEmail(decoded.slice(0, separator));
    const token = decoded.slice(separator + '/token:'.length);
    if (!user || user.suspended || !state.apiTokens.has(token)) return 'invalid';
    return user;
  }

  function allowed(user: UserRecord, access: Access): boolean {
    if (access === 'anyone') return true;
    if (access === 'admin') return user.role === 'admin';
    return user.role === 'admin' || user.role === 'agent';
  }

  async function readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > BODY_LIMIT) invalidValue('the request body is larger than 1 MB');
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return invalidValue('the request body is not valid JSON');
    }
  }

  async function respond(
    request: IncomingMessage,
    path: string,
    query: URLSearchParams,
  ): Promise<ZdResponse> {
    const method = request.method ?? 'GET';
    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (!route) return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
    const user = authenticate(request.headers.authorization);
    if (user === 'invalid' || (user === null && route.access !== 'anyone')) {
      return { status: 401, body: { error: "Couldn't authenticate you" } };
    }
    if (user && !allowed(user, route.access)) {
      return { status: 403, body: { error: 'Forbidden', description: FORBIDDEN } };
    }
    let headers: Record<string, string> = {};
    if (user) {
      const admission = limiter.admit({ userId: user.id, list: route.list, endpoint: route.endpoint });
      headers = admission.headers;
      if (!admission.ok) {
        return {
          status: 429,
          headers,
          body: {
            error: 'APIRateLimitExceeded',
            description: 'Number of allowed API requests per minute exceeded',
          },
        };
      }
    }
    const body = method === 'PUT' ? await readBody(request) : undefined;
    const context: Context = {
      query,
      params: (route.pattern.exec(path) as RegExpExecArray).slice(1),
      user,
      base,
      path,
      body,
      admitTicketUpdate: (ticketId) => {
        const admission = limiter.admit({
          userId: (user as UserRecord).id,
          list: false,
          ticketUpdate: { ticketId },
        });
        return admission.ok ? undefined : admission.headers;
      },
    };
    const result = route.handle(context);
    return { ...result, headers: { ...headers, ...result.headers } };
  }

  function send(
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    text: string,
  ): void {
    response.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    response.end(text);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base);
    const path = url.pathname.replace(/\.json$/, '').replace(/\/+$/, '');
    const method = request.method ?? 'GET';
    const key = `${method} ${path}`;
    const log = (status: number | 'dropped'): void => {
      requests.push({ method, path, query: url.search, status });
    };
    const fault: TakenFault | undefined = faults.take(method, path);
    const abandoned = new Promise<void>((resolve) => response.once('close', () => resolve()));
    if (fault?.action.kind === 'drop' && !fault.action.after) {
      log('dropped');
      request.socket.destroy();
      return;
    }
    if (fault?.action.kind === 'status') {
      const { status, headers = {}, body } = fault.action;
      log(status);
      send(
        response,
        status,
        headers,
        JSON.stringify(body ?? { error: 'InjectedFault', description: `HTTP ${status}` }),
      );
      return;
    }
    /** Holds the answer as a delay fault says; false when the client left meanwhile (nothing is sent). */
    const hold = async (taken: TakenFault, ms: number): Promise<boolean> => {
      await taken.wait(ms, abandoned);
      if (!response.destroyed && !request.socket.destroyed) return true;
      log('dropped');
      return false;
    };
    if (fault?.action.kind === 'delay' && !fault.action.after && !(await hold(fault, fault.action.ms)))
      return;
    const replay = fault?.action.kind === 'replay' ? lastSuccess.get(key) : undefined;
    let status: number;
    let headers: Record<string, string>;
    let text: string;
    if (replay) {
      ({ status, headers, text } = replay);
    } else {
      let result: ZdResponse;
      try {
        result = await respond(request, path, url.searchParams);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        result = error.response;
      }
      status = result.status;
      headers = result.headers ?? {};
      text = JSON.stringify(result.body);
      if (status >= 200 && status < 300) lastSuccess.set(key, { status, headers, text });
    }
    if (fault?.action.kind === 'delay' && fault.action.after && !(await hold(fault, fault.action.ms))) return;
    if (fault?.action.kind === 'drop') {
      log('dropped');
      request.socket.destroy();
      return;
    }
    if (fault?.action.kind === 'truncate') {
      const bytes = Buffer.from(text, 'utf8');
      text = bytes.subarray(0, fault.action.keepBytes ?? Math.floor(bytes.length / 2)).toString('utf8');
    }
    log(status);
    send(response, status, headers, text);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      requests.push({ method: request.method ?? 'GET', path: request.url ?? '', query: '', status: 500 });
      if (!response.headersSent)
        send(response, 500, {}, JSON.stringify({ error: 'InternalError', description: message }));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
