// The Zendesk connector: which API each resource reads for whom and how pages become Piket pages (the pull), and
// the requests behind a change (push.ts says what each one sends and how its answer reads).
//
// Resources, pulled in this order each round:
// - `tickets`: for an admin, the cursor-based incremental ticket export (start_time on the first request, then
//   the cursor; `end_of_stream` ends a round). For an agent without admin rights, the search export fallback
//   (search-cursor.ts), where each changed ticket also brings its whole history and notes from its audits.
// - `events`: for an admin, the incremental ticket event export with comments (time-based; the cursor is the next
//   start_time in Unix seconds): status and priority changes, notes and first responses as additions. For an
//   agent there is nothing to do (the tickets resource carried it all), so its page is empty.
// Who the connection is (whoAmI) is asked once and kept; an export refused with 403 asks again, so an admin who
// lost the role falls back to search export in the same call.
// Changes: push is one Update Ticket request; findPushed reads the ticket's audits newest first for the change's
// marker, then the ticket for its version; fetchTicket reads one ticket. See docs/zendesk.md.
import type { StoredConnection } from '../../store/connection-store';
import {
  ConnectorError,
  type CallOptions,
  type ConnectionIdentity,
  type Connector,
  type PullPage,
  type PulledTicket,
  type PushReceipt,
  type PushRequest,
  type TicketAddition,
  type Tombstone,
} from '../connector';
import type { ConnectorDeps } from '../registry';
import type { CustomerRecord } from '../../domain/ticket';
import { ZendeskDirectory } from './directory';
import { ZendeskHttp } from './http';
import {
  customerOf,
  factsOfAudit,
  factsOfEvent,
  firstResponseOf,
  historyOf,
  instant,
  NO_ORGANIZATION,
  noOrganizationCustomer,
  notesOf,
  resolvedAtOf,
  ticketOf,
  tombstoneOf,
  type AuditFacts,
  type TicketExtras,
} from './mapping';
import { parseZendeskOptions, type ZendeskSettings } from './options';
import {
  assignsToMe,
  AUDIT_SCAN_PAGE_SIZE,
  findMarkedAudit,
  MARKER_KEY,
  receiptOf,
  remoteRefOf,
  ticketNumber,
  updateBody,
  versionOf,
} from './push';
import {
  advanceSearchCursor,
  decodeSearchCursor,
  encodeSearchCursor,
  wasSeen,
  type SearchCursor,
} from './search-cursor';
import {
  auditsPageSchema,
  meSchema,
  searchExportPageSchema,
  showTicketSchema,
  ticketEventsPageSchema,
  ticketExportPageSchema,
  updateAnswerSchema,
  type ZdAudit,
  type ZdTicket,
} from './wire';

export const ZENDESK_RESOURCES = ['tickets', 'events'] as const;

const DAY_MS = 86_400_000;
/** Zendesk's largest page for the exports; smaller sizes are sent as per_page. */
const EXPORT_PAGE_MAX = 1000;
const SEARCH_PAGE_MAX = 100;
const AUDITS_PAGE_SIZE = 100;
/** Tickets whose audits are read at the same time (search-export fallback). */
const AUDIT_CONCURRENCY = 4;
/** Cursor prefixes of the admin tickets resource: an export cursor, or a start time not yet answered with one. */
const EXPORT_PREFIX = 'export:';
const START_PREFIX = 'start:';

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function authorsOf(audits: readonly AuditFacts[]): number[] {
  return audits.flatMap((audit) => audit.comments.flatMap((comment) => comment.authorId ?? []));
}

/** Runs `work` for every item, at most `limit` at a time, keeping the order; after a failure no item starts. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class ZendeskConnector implements Connector {
  readonly source: string;
  readonly label: string;
  readonly resources = ZENDESK_RESOURCES;
  private readonly http: ZendeskHttp;
  private readonly directory: ZendeskDirectory;
  private readonly settings: ZendeskSettings | Error;
  private identity: ConnectionIdentity | null = null;

  constructor(
    private readonly connection: StoredConnection,
    private readonly deps: ConnectorDeps,
  ) {
    this.source = connection.id;
    this.label = connection.label;
    this.http = new ZendeskHttp({
      baseUrl: connection.url,
      email: connection.login,
      secret: deps.secret,
      clock: deps.clock,
      log: deps.log,
    });
    this.directory = new ZendeskDirectory(this.http);
    let settings: ZendeskSettings | Error;
    try {
      settings = parseZendeskOptions(connection.options);
    } catch (error) {
      settings = error as Error;
    }
    this.settings = settings;
  }

  async whoAmI({ signal }: CallOptions): Promise<ConnectionIdentity> {
    const { user } = await this.http.get('/api/v2/users/me.json', {}, meSchema, 'your user profile', signal);
    const email = this.connection.login;
    if (user.id === null)
      throw new ConnectorError(
        'auth',
        `Zendesk did not accept the login ${email}: it answers as an anonymous user.`,
      );
    if (user.role !== 'admin' && user.role !== 'agent')
      throw new ConnectorError(
        'permission',
        `${email} is an end user on Zendesk, not an agent: connect with the e-mail of an agent or an admin.`,
      );
    this.directory.remember(user.id, { name: user.name, agent: true });
    this.identity = {
      userId: String(user.id),
      name: user.name,
      email: user.email ?? null,
      role: user.role,
      canExport: user.role === 'admin',
    };
    return this.identity;
  }

  async pull(resource: string, cursor: string | null, { signal }: CallOptions): Promise<PullPage> {
    const settings = this.requireSettings();
    if (resource !== 'tickets' && resource !== 'events')
      throw new Error(`The Zendesk connector has no resource "${resource}".`);
    const identity = this.identity ?? (await this.whoAmI({ signal }));
    if (identity.canExport) {
      try {
        return resource === 'tickets'
          ? await this.exportTickets(cursor, settings, signal)
          : await this.exportEvents(cursor, settings, signal);
      } catch (error) {
        if (!(error instanceof ConnectorError && error.kind === 'permission')) throw error;
        if ((await this.whoAmI({ signal })).canExport) throw error;
        this.deps.log(
          `Zendesk ${this.http.host}: ${identity.email ?? identity.name} is no longer an admin; using search export.`,
        );
      }
    }
    return resource === 'tickets'
      ? this.searchTickets(cursor, settings, signal)
      : {
          customers: [],
          tickets: [],
          cursor: cursor ?? String(this.windowStart(settings) / 1000),
          hasMore: false,
        };
  }

  // ---- changes ------------------------------------------------------------------------------------------

  async push(request: PushRequest, { signal }: CallOptions): Promise<PushReceipt> {
    const settings = this.requireSettings();
    const id = ticketNumber(request.externalId);
    const me = assignsToMe(request.action)
      ? Number((this.identity ?? (await this.whoAmI({ signal }))).userId)
      : null;
    const body = updateBody(request, settings, me);
    const answer = await this.http.put(
      `/api/v2/tickets/${id}.json`,
      body,
      updateAnswerSchema,
      `ticket ${id}`,
      signal,
    );
    // An answer whose update carries another change's marker is not this change's (a repeated answer): whether
    // this one landed is unknown, so it is looked for before it is sent again.
    const marker = answer.audit?.metadata?.custom?.[MARKER_KEY];
    if (marker !== undefined && marker !== request.mutationId)
      throw new ConnectorError(
        'protocol',
        `${this.http.host} does not answer like a Zendesk: its answer to the change to ticket ${id} is about another update.`,
      );
    const receipt = receiptOf(answer, request.action, this.http.host);
    const ticket = await this.answeredTicket(answer.ticket, answer.audit ?? null, settings, signal);
    return ticket ? { ...receipt, ticket } : receipt;
  }

  async findPushed(request: PushRequest, { signal }: CallOptions): Promise<PushReceipt | null> {
    const settings = this.requireSettings();
    const id = ticketNumber(request.externalId);
    const audit = await this.ticketStillThere(
      id,
      findMarkedAudit(
        request,
        (after) =>
          this.http.get(
            `/api/v2/tickets/${id}/audits.json`,
            { 'page[size]': AUDIT_SCAN_PAGE_SIZE, 'page[after]': after ?? undefined, sort: '-created_at' },
            auditsPageSchema,
            `the history of ticket ${id}`,
            signal,
          ),
        this.http.host,
      ),
    );
    if (audit === null) return null;
    const { ticket } = await this.ticketStillThere(
      id,
      this.http.get(`/api/v2/tickets/${id}.json`, {}, showTicketSchema, `ticket ${id}`, signal),
    );
    const receipt = {
      updatedAt: versionOf(ticket, this.http.host),
      remoteRef: remoteRefOf(audit, request.action),
    };
    const mapped = await this.answeredTicket(ticket, null, settings, signal);
    return mapped ? { ...receipt, ticket: mapped } : receipt;
  }

  async fetchTicket(externalId: string, { signal }: CallOptions): Promise<PulledTicket | null> {
    const settings = this.requireSettings();
    const id = ticketNumber(externalId);
    let ticket: ZdTicket;
    try {
      ({ ticket } = await this.http.get(
        `/api/v2/tickets/${id}.json`,
        {},
        showTicketSchema,
        `ticket ${id}`,
        signal,
      ));
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'not_found') return null;
      throw error;
    }
    if (tombstoneOf(ticket)) return null;
    await this.directory.loadPeople(ticket.assignee_id == null ? [] : [ticket.assignee_id], signal);
    return ticketOf(this.source, ticket, settings, this.directory, {
      resolvedAt: null,
      firstResponseAt: null,
    });
  }

  /** `call`, with a 404 worded as the ticket being gone. */
  private async ticketStillThere<T>(id: number, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (!(error instanceof ConnectorError && error.kind === 'not_found')) throw error;
      throw new ConnectorError('not_found', `Ticket ${id} no longer exists in Zendesk.`, {
        status: error.status,
      });
    }
  }

  /**
   * A ticket Zendesk answered with, as Piket stores it: its resolved time and first response as far as `audit`
   * (the update just made) tells, else unknown (null). Undefined for a deleted or merged ticket, and when the
   * people it names cannot be looked up now: the change has landed regardless, and the next pull brings the ticket.
   */
  private async answeredTicket(
    ticket: ZdTicket,
    audit: ZdAudit | null,
    settings: ZendeskSettings,
    signal: AbortSignal,
  ): Promise<PulledTicket | undefined> {
    if (tombstoneOf(ticket)) return undefined;
    const facts = audit ? [factsOfAudit(audit)] : [];
    try {
      await this.directory.loadPeople(
        [...(ticket.assignee_id == null ? [] : [ticket.assignee_id]), ...authorsOf(facts)],
        signal,
      );
    } catch (error) {
      this.deps.log(
        `Zendesk ${this.http.host}: ticket ${ticket.id} changed, but its people could not be looked up (${(error as Error).message.replace(/\.$/, '')}); the next sync brings it.`,
      );
      return undefined;
    }
    return ticketOf(this.source, ticket, settings, this.directory, {
      resolvedAt: resolvedAtOf(historyOf(facts, settings)),
      firstResponseAt: firstResponseOf(facts, this.directory),
    });
  }

  private requireSettings(): ZendeskSettings {
    if (this.settings instanceof Error) throw new ConnectorError('validation', this.settings.message);
    return this.settings;
  }

  /** Where the first export starts: `startDays` before now, in whole seconds (the only use of the local clock). */
  private windowStart(settings: ZendeskSettings): number {
    return Math.floor((this.deps.clock.now() - settings.startDays * DAY_MS) / 1000) * 1000;
  }

  // ---- admin: incremental exports -------------------------------------------------------------------------

  private async exportTickets(
    cursor: string | null,
    settings: ZendeskSettings,
    signal: AbortSignal,
  ): Promise<PullPage> {
    const position = cursor?.startsWith(EXPORT_PREFIX) ? cursor.slice(EXPORT_PREFIX.length) : null;
    const since = decodeSearchCursor(cursor)?.since;
    const startTime = cursor?.startsWith(START_PREFIX)
      ? Number(cursor.slice(START_PREFIX.length))
      : Math.floor((since ?? this.windowStart(settings)) / 1000);
    const page = await this.http.get(
      '/api/v2/incremental/tickets/cursor.json',
      {
        ...(position ? { cursor: position } : { start_time: startTime }),
        per_page: settings.pageSize < EXPORT_PAGE_MAX ? settings.pageSize : undefined,
        include: 'metric_sets',
      },
      ticketExportPageSchema,
      'the incremental ticket export',
      signal,
    );
    if (!page.end_of_stream && (!page.after_cursor || page.after_cursor === position))
      throw new ConnectorError(
        'protocol',
        `${this.http.host} does not answer like a Zendesk: its ticket export says there is more but gives no new cursor.`,
      );
    const solvedAt = new Map((page.metric_sets ?? []).map((set) => [set.ticket_id, instant(set.solved_at)]));
    const { customers, tickets, tombstones } = await this.mapTickets(
      page.tickets,
      settings,
      signal,
      (ticket) => {
        const solved = solvedAt.get(ticket.id);
        return {
          resolvedAt: solved === undefined || Number.isNaN(solved) ? null : solved,
          firstResponseAt: null,
        };
      },
    );
    const next = page.after_cursor
      ? EXPORT_PREFIX + page.after_cursor
      : (cursor ?? START_PREFIX + String(startTime));
    return { customers, tickets, tombstones, cursor: next, hasMore: !page.end_of_stream };
  }

  private async exportEvents(
    cursor: string | null,
    settings: ZendeskSettings,
    signal: AbortSignal,
  ): Promise<PullPage> {
    const start = cursor && /^\d+$/.test(cursor) ? Number(cursor) : this.windowStart(settings) / 1000;
    const page = await this.http.get(
      '/api/v2/incremental/ticket_events.json',
      {
        start_time: start,
        include: 'comment_events',
        per_page: settings.pageSize < EXPORT_PAGE_MAX ? settings.pageSize : undefined,
      },
      ticketEventsPageSchema,
      'the ticket event export',
      signal,
    );
    const audits = page.ticket_events.map(factsOfEvent);
    await this.directory.loadPeople(authorsOf(audits), signal);
    const byTicket = new Map<number, AuditFacts[]>();
    for (const audit of audits) {
      const list = byTicket.get(audit.ticketId);
      if (list) list.push(audit);
      else byTicket.set(audit.ticketId, [audit]);
    }
    const additions: TicketAddition[] = [];
    for (const [ticketId, ticketAudits] of byTicket) {
      const history = historyOf(ticketAudits, settings);
      const notes = notesOf(ticketAudits, this.directory);
      const firstResponseAt = firstResponseOf(ticketAudits, this.directory);
      if (history.length === 0 && notes.length === 0 && firstResponseAt === null) continue;
      additions.push({
        externalId: String(ticketId),
        ...(history.length > 0 && { history }),
        ...(notes.length > 0 && { notes }),
        ...(firstResponseAt !== null && { firstResponseAt }),
      });
    }
    // The next page starts at the last second of this one (it may hold more events of that second). A page that
    // ends on the second it started in held all of that second's events, so the next one starts after it.
    const end = Math.floor(page.end_time ?? start);
    // A page that ends before the second it was asked from is stale (a repeated or cached answer): it says nothing
    // about that second, so the cursor stays (and the sync stops the round rather than skip the second).
    const next = end < start ? start : end > start || page.end_of_stream ? end : start + 1;
    return { customers: [], tickets: [], additions, cursor: String(next), hasMore: !page.end_of_stream };
  }

  // ---- agents: search export, with each ticket's audits -----------------------------------------------------

  private async searchTickets(
    cursor: string | null,
    settings: ZendeskSettings,
    signal: AbortSignal,
  ): Promise<PullPage> {
    const start: SearchCursor = decodeSearchCursor(cursor) ?? {
      since: cursor?.startsWith(START_PREFIX)
        ? Number(cursor.slice(START_PREFIX.length)) * 1000
        : this.windowStart(settings),
      after: null,
      high: 0,
      seen: [],
    };
    let state = start;
    const ask = (after: string | null) =>
      this.http.get(
        '/api/v2/search/export.json',
        {
          query: `updated>=${isoSeconds(state.since)}`,
          'filter[type]': 'ticket',
          'page[size]': Math.min(settings.pageSize, SEARCH_PAGE_MAX),
          'page[after]': after ?? undefined,
        },
        searchExportPageSchema,
        'the search export',
        signal,
      );
    let page;
    try {
      page = await ask(state.after);
    } catch (error) {
      // An export cursor lasts an hour: after a long pause the pass starts over (what it delivered is in `seen`).
      if (!(error instanceof ConnectorError && error.kind === 'validation' && state.after !== null))
        throw error;
      this.deps.log(`Zendesk ${this.http.host}: the search export cursor expired; starting the pass again.`);
      state = { ...state, after: null };
      page = await ask(null);
    }
    const fresh = page.results.filter((ticket) => !wasSeen(state, ticket.id, instant(ticket.updated_at)));
    const auditLists = await mapLimited(fresh, AUDIT_CONCURRENCY, (ticket) =>
      tombstoneOf(ticket) ? Promise.resolve([]) : this.auditsOf(ticket.id, signal),
    );
    const auditsById = new Map<number, AuditFacts[]>();
    const gone: Tombstone[] = [];
    const live = fresh.filter((ticket, index) => {
      const audits = auditLists[index];
      if (audits) auditsById.set(ticket.id, audits);
      else gone.push({ externalId: String(ticket.id), reason: 'deleted', at: instant(ticket.updated_at) });
      return Boolean(audits);
    });
    await this.directory.loadPeople(authorsOf([...auditsById.values()].flat()), signal);
    const mapped = await this.mapTickets(live, settings, signal, (ticket) => {
      const ticketAudits = auditsById.get(ticket.id) ?? [];
      const history = historyOf(ticketAudits, settings);
      return {
        resolvedAt: resolvedAtOf(history),
        firstResponseAt: firstResponseOf(ticketAudits, this.directory),
        notes: notesOf(ticketAudits, this.directory),
        history,
      };
    });
    const delivered = fresh.map((ticket): [number, number] => [ticket.id, instant(ticket.updated_at)]);
    const hasMore = page.meta.has_more && Boolean(page.meta.after_cursor);
    const next = advanceSearchCursor(
      state,
      delivered.filter(([, at]) => !Number.isNaN(at)),
      hasMore ? (page.meta.after_cursor ?? null) : null,
    );
    return {
      customers: mapped.customers,
      tickets: mapped.tickets,
      tombstones: [...mapped.tombstones, ...gone],
      cursor: encodeSearchCursor(next),
      hasMore,
    };
  }

  /** Every audit of a ticket, oldest first as Zendesk lists them; null when the ticket is gone (404). */
  private async auditsOf(ticketId: number, signal: AbortSignal): Promise<AuditFacts[] | null> {
    const facts: AuditFacts[] = [];
    let after: string | null = null;
    do {
      let page;
      try {
        page = await this.http.get(
          `/api/v2/tickets/${ticketId}/audits.json`,
          { 'page[size]': AUDITS_PAGE_SIZE, 'page[after]': after ?? undefined },
          auditsPageSchema,
          `the history of ticket ${ticketId}`,
          signal,
        );
      } catch (error) {
        if (error instanceof ConnectorError && error.kind === 'not_found') return null;
        throw error;
      }
      facts.push(...page.audits.map(factsOfAudit));
      const nextAfter: string | null = page.meta.has_more ? (page.meta.after_cursor ?? null) : null;
      if (nextAfter !== null && nextAfter === after)
        throw new ConnectorError(
          'protocol',
          `${this.http.host} does not answer like a Zendesk: the history of ticket ${ticketId} repeats its cursor.`,
        );
      after = nextAfter;
    } while (after !== null);
    return facts;
  }

  // ---- both ---------------------------------------------------------------------------------------------

  /** Live tickets as records (with their customers), deleted and merged ones as tombstones. */
  private async mapTickets(
    tickets: readonly ZdTicket[],
    settings: ZendeskSettings,
    signal: AbortSignal,
    extras: (ticket: ZdTicket) => TicketExtras,
  ): Promise<{ customers: CustomerRecord[]; tickets: PulledTicket[]; tombstones: Tombstone[] }> {
    const tombstones: Tombstone[] = [];
    const live: ZdTicket[] = [];
    for (const ticket of tickets) {
      const tombstone = tombstoneOf(ticket);
      if (tombstone) tombstones.push(tombstone);
      else live.push(ticket);
    }
    await this.directory.loadPeople(
      live.flatMap((ticket) => (ticket.assignee_id == null ? [] : [ticket.assignee_id])),
      signal,
    );
    const organizationIds = [
      ...new Set(live.flatMap((ticket) => (ticket.organization_id == null ? [] : [ticket.organization_id]))),
    ];
    await this.directory.loadOrganizations(organizationIds, signal);
    const customers = organizationIds.map((id) =>
      customerOf(this.source, this.directory.organization(id), settings.timeZone),
    );
    const records = live.map((ticket) =>
      ticketOf(this.source, ticket, settings, this.directory, extras(ticket)),
    );
    if (records.some((record) => record.customerExternalId === NO_ORGANIZATION))
      customers.push(noOrganizationCustomer(this.source, settings.timeZone));
    return { customers, tickets: records, tombstones };
  }
}

export function createZendeskConnector(connection: StoredConnection, deps: ConnectorDeps): Connector {
  return new ZendeskConnector(connection, deps);
}
