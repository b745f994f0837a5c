// The Zendesk test server over real HTTP on loopback: exports, search, updates, auth, rate limits and faults.
import { afterEach, describe, expect, it } from 'vitest';
import { seedZendesk, type SeededAccount } from '../../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../../servers/zendesk/server';
import type { RateLimits } from '../../servers/zendesk/rate-limit';
import { ZendeskState } from '../../servers/zendesk/state';
import type {
  CursorExportTicketsPage,
  CursorPaginationMeta,
  SearchExportPage,
  TicketEventsPage,
  ZdAudit,
  ZdComment,
  ZdTicket,
} from '../../servers/zendesk/types';

const MINUTE = 60_000;
/** 15 seconds past a minute, so rate-limit windows have a known remainder. */
const START = Date.UTC(2026, 0, 15, 12, 0, 15);

let clockNow = START;
let server: ZendeskServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  options: { tickets?: number; rateLimits?: Partial<RateLimits> | false } = {},
): Promise<{ server: ZendeskServer; account: SeededAccount }> {
  clockNow = START;
  const state = new ZendeskState(() => clockNow);
  const account = seedZendesk(state, { tickets: options.tickets ?? 40, spanDays: 10, seed: 7 });
  server = await startZendeskServer({ state, rateLimits: options.rateLimits ?? false });
  return { server, account };
}

function advance(ms: number): void {
  clockNow += ms;
}

function basic(email: string, token: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}` };
}

async function get<T>(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: T; response: Response }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T, response };
}

async function put<T>(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('auth', () => {
  it('answers 401 for a missing, wrong or revoked token and for password-style credentials', async () => {
    const { server, account } = await start({ tickets: 3 });
    const ticketUrl = `${server.url}/api/v2/tickets/1.json`;
    const missing = await get<unknown>(ticketUrl, {});
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: "Couldn't authenticate you" });
    expect((await get(ticketUrl, basic(account.admin.email, 'wrong'))).status).toBe(401);
    expect((await get(ticketUrl, basic('nobody@helpdesk.example', account.token))).status).toBe(401);
    const password = {
      Authorization: `Basic ${Buffer.from(`${account.admin.email}:secret`).toString('base64')}`,
    };
    expect((await get(ticketUrl, password)).status).toBe(401);
    expect((await get(ticketUrl, basic(account.admin.email, account.token))).status).toBe(200);
    server.state.setSuspended(account.admin.id, true);
    expect((await get(ticketUrl, basic(account.admin.email, account.token))).status).toBe(401);
    expect((await get(ticketUrl, basic(account.agent.email, account.token))).status).toBe(200);
    server.state.revokeApiToken(account.token);
    expect((await get(ticketUrl, basic(account.agent.email, account.token))).status).toBe(401);
  });

  it('tells who is calling, with the role, and who an anonymous caller is', async () => {
    const { server, account } = await start({ tickets: 1 });
    const me = `${server.url}/api/v2/users/me.json`;
    const admin = await get<{ user: { id: number; email: string; role: string } }>(
      me,
      basic(account.admin.email, account.token),
    );
    expect(admin.body.user).toMatchObject({
      id: account.admin.id,
      email: 'admin@helpdesk.example',
      role: 'admin',
    });
    const agent = await get<{ user: { role: string } }>(me, basic(account.agent.email, account.token));
    expect(agent.body.user.role).toBe('agent');
    const anonymous = await get<{ user: { id: number | null; role: string } }>(me, {});
    expect(anonymous.body.user).toMatchObject({ id: null, role: 'end-user' });
  });

  it('answers 403 to an agent on the admin-only exports and to an end user on tickets', async () => {
    const { server, account } = await start({ tickets: 2 });
    const agent = basic(account.agent.email, account.token);
    const then = Math.floor((START - 10 * MINUTE) / 1000);
    for (const path of [
      `/api/v2/incremental/tickets/cursor.json?start_time=${then}`,
      `/api/v2/incremental/ticket_events.json?start_time=${then}`,
    ]) {
      const denied = await get<{ error: string; description: string }>(`${server.url}${path}`, agent);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('Forbidden');
    }
    const requester = account.requesters[0]!;
    expect(
      (await get(`${server.url}/api/v2/tickets/1.json`, basic(requester.email, account.token))).status,
    ).toBe(403);
    expect((await get(`${server.url}/api/v2/tickets/1.json`, agent)).status).toBe(200);
    const exportUrl = `${server.url}/api/v2/incremental/tickets/cursor.json?start_time=${then}`;
    expect((await get(exportUrl, basic(account.admin.email, account.token))).status).toBe(200);
    server.state.setRole(account.admin.id, 'agent');
    expect((await get(exportUrl, basic(account.admin.email, account.token))).status).toBe(403);
  });
});

describe('incremental ticket export, cursor based', () => {
  async function walk(
    server: ZendeskServer,
    headers: Record<string, string>,
    first: string,
  ): Promise<{ pages: CursorExportTicketsPage[]; cursor: string }> {
    const pages: CursorExportTicketsPage[] = [];
    let url = first;
    for (;;) {
      const { status, body } = await get<CursorExportTicketsPage>(url, headers);
      expect(status).toBe(200);
      pages.push(body);
      if (body.end_of_stream) return { pages, cursor: body.after_cursor as string };
      url = body.after_url as string;
      expect(pages.length).toBeLessThan(100);
    }
  }

  it('walks to end_of_stream without gaps or duplicates, and a later export from the cursor brings later changes', async () => {
    const { server, account } = await start({ tickets: 40 });
    const admin = basic(account.admin.email, account.token);
    server.state.deleteTicket(5, { by: account.admin.id, at: START - 10 * MINUTE });
    const { pages, cursor } = await walk(
      server,
      admin,
      `${server.url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=7`,
    );
    const tickets = pages.flatMap((page) => page.tickets);
    expect(pages.length).toBe(Math.ceil(40 / 7));
    expect(pages.slice(0, -1).every((page) => !page.end_of_stream && page.tickets.length === 7)).toBe(true);
    expect(tickets.map((ticket) => ticket.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const order = tickets.map((ticket) => [ticket.generated_timestamp, ticket.id] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(tickets.find((ticket) => ticket.id === 5)?.status).toBe('deleted');
    expect(pages[0]?.before_cursor).toBeNull();

    // A change is held back for a minute, then comes after the saved cursor, and nothing else does.
    advance(10 * MINUTE);
    server.state.updateTicket(3, { priority: 'urgent' }, { by: account.admin.id });
    const untouched = server.state.tickets.get(4)!.updatedAt;
    server.state.systemUpdate(4);
    const fromCursor = `${server.url}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`;
    const tooSoon = await get<CursorExportTicketsPage>(fromCursor, admin);
    expect(tooSoon.body.tickets).toEqual([]);
    expect(tooSoon.body.end_of_stream).toBe(true);
    expect(tooSoon.body.after_cursor).toBe(cursor);
    advance(MINUTE + 1000);
    const later = await get<CursorExportTicketsPage>(fromCursor, admin);
    expect(later.body.tickets.map((ticket) => ticket.id)).toEqual([3, 4]);
    const [changed, systemUpdated] = later.body.tickets;
    expect(changed?.priority).toBe('urgent');
    expect(changed?.updated_at).toBe(new Date(START + 10 * MINUTE).toISOString().replace('.000', ''));
    expect(Date.parse(systemUpdated!.updated_at)).toBe(untouched);
    expect(systemUpdated?.generated_timestamp).toBe((START + 10 * MINUTE) / 1000);
    expect(later.body.end_of_stream).toBe(true);
    expect(later.body.after_cursor).not.toBe(cursor);
  });

  it('leaves deleted tickets out with exclude_deleted and refuses bad parameters', async () => {
    const { server, account } = await start({ tickets: 6 });
    const admin = basic(account.admin.email, account.token);
    server.state.deleteTicket(2, { by: account.admin.id, at: START - 10 * MINUTE });
    const base = `${server.url}/api/v2/incremental/tickets/cursor.json`;
    const kept = await get<CursorExportTicketsPage>(`${base}?start_time=0&exclude_deleted=true`, admin);
    expect(kept.body.tickets.map((ticket) => ticket.id)).toEqual(expect.not.arrayContaining([2]));
    expect(kept.body.tickets).toHaveLength(5);
    const recent = await get<{ error: string; description: string }>(
      `${base}?start_time=${Math.floor(START / 1000) - 30}`,
      admin,
    );
    expect(recent.status).toBe(422);
    expect(recent.body.description).toMatch(/^Too recent start_time/);
    for (const query of [
      '',
      'start_time=yesterday',
      'start_time=0&per_page=0',
      'start_time=0&per_page=1001',
      'cursor=bm9wZQ',
    ]) {
      const refused = await get<{ error: string }>(`${base}?${query}`, admin);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error, query).toBe('InvalidValue');
    }
  });
});

describe('search export', () => {
  it('paginates with page[size] and page[after] through every match, newest first, until has_more is false', async () => {
    const { server, account } = await start({ tickets: 40 });
    const agent = basic(account.agent.email, account.token);
    const since = new Date(START - 5 * 24 * 60 * MINUTE).toISOString().replace('.000', '');
    const expected = [...server.state.tickets.values()]
      .filter((ticket) => ticket.status !== 'closed' && ticket.updatedAt > Date.parse(since))
      .sort((a, b) => b.createdAt - a.createdAt || a.id - b.id)
      .map((ticket) => ticket.id);
    expect(expected.length).toBeGreaterThan(5);
    const query = new URLSearchParams({
      query: `updated>${since} status<closed`,
      'filter[type]': 'ticket',
      'page[size]': '4',
    });
    let url: string | null = `${server.url}/api/v2/search/export.json?${query.toString()}`;
    const seen: number[] = [];
    let pages = 0;
    while (url) {
      const { status, body }: { status: number; body: SearchExportPage } = await get<SearchExportPage>(
        url,
        agent,
      );
      expect(status).toBe(200);
      expect(body.results.every((result) => result.result_type === 'ticket')).toBe(true);
      expect('count' in body).toBe(false);
      seen.push(...body.results.map((result) => result.id));
      pages += 1;
      expect(body.meta.has_more).toBe(body.links.next !== null);
      url = body.meta.has_more ? body.links.next : null;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 4));
  });

  it('refuses a type in the query, a missing filter[type] and an expired cursor', async () => {
    const { server, account } = await start({ tickets: 10 });
    const agent = basic(account.agent.email, account.token);
    const base = `${server.url}/api/v2/search/export.json`;
    const typed = await get<{ error: string }>(
      `${base}?query=type:ticket%20status:open&filter[type]=ticket`,
      agent,
    );
    expect(typed.status).toBe(400);
    expect((await get(`${base}?query=status:open`, agent)).status).toBe(400);
    expect((await get(`${base}?query=updated%3Eyesterday&filter[type]=ticket`, agent)).status).toBe(400);
    const first = await get<SearchExportPage>(
      `${base}?query=status%3Cclosed&filter[type]=ticket&page[size]=1`,
      agent,
    );
    expect(first.body.meta.has_more).toBe(true);
    advance(61 * MINUTE);
    const expired = await get<{ error: string }>(first.body.links.next as string, agent);
    expect(expired.status).toBe(400);
    expect(expired.body.error).toBe('InvalidPaginationParameter');
  });
});

describe('incremental ticket event export', () => {
  it('returns status, priority and comment events, with comment bodies only when comment_events is included', async () => {
    const { server, account } = await start({ tickets: 3 });
    const admin = basic(account.admin.email, account.token);
    const requester = account.requesters[0]!;
    advance(10 * MINUTE);
    const startTime = Math.floor(clockNow / 1000);
    const ticket = server.state.createTicket(
      { subject: 'Printer on fire', description: 'It burns', requester_id: requester.id, priority: 'normal' },
      { by: requester.id },
    );
    advance(MINUTE);
    server.state.updateTicket(
      ticket.id,
      {
        status: 'open',
        priority: 'urgent',
        assignee_id: account.agent.id,
        comment: { body: 'On it.', public: true },
      },
      { by: account.agent.id },
    );
    advance(MINUTE);
    server.state.updateTicket(
      ticket.id,
      { comment: { body: 'Internal: vendor called.', public: false } },
      { by: account.agent.id },
    );
    advance(2 * MINUTE);

    const url = `${server.url}/api/v2/incremental/ticket_events.json?start_time=${startTime}`;
    const plain = await get<TicketEventsPage>(url, admin);
    expect(plain.status).toBe(200);
    expect(plain.body.count).toBe(3);
    expect(plain.body.end_of_stream).toBe(true);
    const [created, update, note] = plain.body.ticket_events;
    expect(plain.body.end_time).toBe(note?.timestamp);
    expect(plain.body.next_page).toContain(`start_time=${note?.timestamp}`);
    expect(created?.child_events).toEqual(
      expect.arrayContaining([expect.objectContaining({ event_type: 'Create', status: 'new' })]),
    );
    expect(update).toMatchObject({ ticket_id: ticket.id, updater_id: account.agent.id, event_type: 'Audit' });
    expect(update?.child_events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event_type: 'Change', status: 'open', previous_value: 'new' }),
        expect.objectContaining({ event_type: 'Change', priority: 'urgent', previous_value: 'normal' }),
        expect.objectContaining({ event_type: 'Comment', comment_present: true, comment_public: true }),
      ]),
    );
    expect(JSON.stringify(plain.body)).not.toContain('On it.');

    const withComments = await get<TicketEventsPage>(`${url}&include=comment_events`, admin);
    const comments = withComments.body.ticket_events.flatMap((event) =>
      event.child_events.filter((child) => child.event_type === 'Comment'),
    );
    expect(comments).toEqual([
      expect.objectContaining({ type: 'Comment', body: 'It burns', public: true, author_id: requester.id }),
      expect.objectContaining({ type: 'Comment', body: 'On it.', public: true, author_id: account.agent.id }),
      expect.objectContaining({
        body: 'Internal: vendor called.',
        public: false,
        author_id: account.agent.id,
      }),
    ]);
  });

  it('ends a page on a whole second, past per_page, and starts the next page at end_time', async () => {
    const { server, account } = await start({ tickets: 1 });
    const admin = basic(account.admin.email, account.token);
    advance(10 * MINUTE);
    const second = Math.floor(clockNow / 1000);
    server.state.addComment(1, { body: 'one', author_id: account.agent.id });
    server.state.addComment(1, { body: 'two', author_id: account.agent.id });
    advance(MINUTE);
    server.state.addComment(1, { body: 'three', author_id: account.agent.id });
    advance(2 * MINUTE);
    const page = await get<TicketEventsPage>(
      `${server.url}/api/v2/incremental/ticket_events.json?start_time=${second}&per_page=1`,
      admin,
    );
    expect(page.body.count).toBe(2);
    expect(page.body.end_time).toBe(second);
    expect(page.body.end_of_stream).toBe(false);
    const next = await get<TicketEventsPage>(page.body.next_page as string, admin);
    expect(next.body.ticket_events.map((event) => event.timestamp)).toEqual([second, second]);
  });
});

describe('tickets, comments and audits', () => {
  it('pages comments by cursor in both sort orders and by offset', async () => {
    const { server, account } = await start({ tickets: 1 });
    const agent = basic(account.agent.email, account.token);
    for (const body of ['a', 'b', 'c', 'd']) {
      advance(1000);
      server.state.addComment(1, { body, author_id: account.agent.id, public: body !== 'c' });
    }
    const all = server.state.commentsOf(1).map((comment) => comment.id);
    const walk = async (first: string): Promise<number[]> => {
      const ids: number[] = [];
      let url: string | null = first;
      while (url) {
        const page: { body: { comments: ZdComment[] } & CursorPaginationMeta } = await get(url, agent);
        ids.push(...page.body.comments.map((comment) => comment.id));
        url = page.body.meta.has_more ? page.body.links.next : null;
      }
      return ids;
    };
    const base = `${server.url}/api/v2/tickets/1/comments.json`;
    expect(await walk(`${base}?page[size]=2`)).toEqual(all);
    expect(await walk(`${base}?page[size]=2&sort=-created_at`)).toEqual([...all].reverse());
    const offset = await get<{ comments: ZdComment[]; count: number; next_page: string | null }>(
      `${base}?per_page=3`,
      agent,
    );
    expect(offset.body.count).toBe(all.length);
    expect(offset.body.comments.map((comment) => comment.id)).toEqual(all.slice(0, 3));
    expect(offset.body.next_page).toContain('page=2');
    expect((await get(`${base}?page[size]=101`, agent)).status).toBe(400);
  });

  it('hides deleted tickets and closes a merged one with a private note', async () => {
    const { server, account } = await start({ tickets: 3 });
    const agent = basic(account.agent.email, account.token);
    server.state.deleteTicket(1, { by: account.admin.id });
    const gone = await get<{ error: string }>(`${server.url}/api/v2/tickets/1.json`, agent);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toBe('RecordNotFound');
    expect((await get(`${server.url}/api/v2/tickets/1/comments.json`, agent)).status).toBe(404);
    server.state.updateTicket(2, { status: 'open' }, { by: account.agent.id });
    server.state.mergeTicket(2, 3, { by: account.agent.id });
    const merged = await get<{ ticket: ZdTicket }>(`${server.url}/api/v2/tickets/2.json`, agent);
    expect(merged.body.ticket.status).toBe('closed');
    expect(merged.body.ticket.tags).toContain('closed_by_merge');
    const notes = await get<{ comments: ZdComment[] }>(`${server.url}/api/v2/tickets/3/comments.json`, agent);
    expect(notes.body.comments.at(-1)).toMatchObject({ public: false, body: expect.stringContaining('#2') });
  });

  it('shows many organizations and users, leaving unknown ids out', async () => {
    const { server, account } = await start({ tickets: 1 });
    const agent = basic(account.agent.email, account.token);
    const [first, second] = account.organizations;
    const organizations = await get<{ organizations: { id: number; name: string }[] }>(
      `${server.url}/api/v2/organizations/show_many.json?ids=${first!.id},${second!.id},42`,
      agent,
    );
    expect(organizations.body.organizations.map((org) => org.id)).toEqual([first!.id, second!.id]);
    const users = await get<{ users: { id: number; role: string }[] }>(
      `${server.url}/api/v2/users/show_many.json?ids=${account.admin.id},${account.requesters[0]!.id}`,
      agent,
    );
    expect(users.body.users.map((user) => user.role)).toEqual(['admin', 'end-user']);
    const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect((await get(`${server.url}/api/v2/users/show_many.json?ids=${tooMany}`, agent)).status).toBe(400);
    expect((await get(`${server.url}/api/v2/users/show_many.json?ids=1,x`, agent)).status).toBe(400);
  });
});

describe('update ticket', () => {
  it('answers 409 to a stale updated_stamp and changes nothing', async () => {
    const { server, account } = await start({ tickets: 2 });
    const agent = basic(account.agent.email, account.token);
    const url = `${server.url}/api/v2/tickets/1.json`;
    const seen = (await get<{ ticket: ZdTicket }>(url, agent)).body.ticket;
    advance(5000);
    server.state.updateTicket(1, { subject: 'Edited by a colleague' }, { by: account.admin.id });
    const auditsBefore = server.state.auditsOf(1).length;
    const conflict = await put<{ error: string }>(url, agent, {
      ticket: { status: 'pending', safe_update: true, updated_stamp: seen.updated_at },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toBe('UpdateConflict');
    expect(server.state.auditsOf(1)).toHaveLength(auditsBefore);
    expect(server.state.tickets.get(1)?.status).not.toBe('pending');
  });

  it('applies a safe update on a fresh stamp: 200 with the ticket, a new audit and a new updated_at', async () => {
    const { server, account } = await start({ tickets: 2 });
    const agent = basic(account.agent.email, account.token);
    const url = `${server.url}/api/v2/tickets/2.json`;
    server.state.updateTicket(2, { status: 'open' }, { by: account.admin.id });
    const seen = (await get<{ ticket: ZdTicket }>(url, agent)).body.ticket;
    advance(90_000);
    const updated = await put<{ ticket: ZdTicket; audit: ZdAudit }>(url, agent, {
      ticket: {
        status: 'pending',
        priority: 'urgent',
        comment: { body: 'Waiting for your logs.', public: false },
        safe_update: true,
        updated_stamp: seen.updated_at,
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.ticket).toMatchObject({ id: 2, status: 'pending', priority: 'urgent' });
    expect(Date.parse(updated.body.ticket.updated_at)).toBe(Math.floor(clockNow / 1000) * 1000);
    expect(updated.body.audit.author_id).toBe(account.agent.id);
    expect(updated.body.audit.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Change',
          field_name: 'status',
          value: 'pending',
          previous_value: 'open',
        }),
        expect.objectContaining({ type: 'Comment', body: 'Waiting for your logs.', public: false }),
      ]),
    );
    const audits = await get<{ audits: ZdAudit[] }>(`${server.url}/api/v2/tickets/2/audits.json`, agent);
    expect(audits.body.audits.at(-1)?.id).toBe(updated.body.audit.id);
    const again = await put<{ error: string }>(url, agent, {
      ticket: { status: 'open', safe_update: true, updated_stamp: seen.updated_at },
    });
    expect(again.status).toBe(409);
  });

  it('answers 422 for a closed ticket and for an invalid status, 400 for a body that is not JSON, 404 for no ticket', async () => {
    const { server, account } = await start({ tickets: 2 });
    const agent = basic(account.agent.email, account.token);
    server.state.updateTicket(1, { status: 'closed' }, { by: account.admin.id });
    const closed = await put<{ error: string; details: { status: { description: string }[] } }>(
      `${server.url}/api/v2/tickets/1.json`,
      agent,
      { ticket: { comment: { body: 'Hello?' } } },
    );
    expect(closed.status).toBe(422);
    expect(closed.body.error).toBe('RecordInvalid');
    expect(closed.body.details.status[0]?.description).toBe('Status: closed prevents ticket update');
    const invalid = await put<{ error: string; details: Record<string, unknown> }>(
      `${server.url}/api/v2/tickets/2.json`,
      agent,
      { ticket: { status: 'finished' } },
    );
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.details)).toEqual(['status']);
    expect(
      (await put(`${server.url}/api/v2/tickets/2.json`, agent, { ticket: { priority: 'P1' } })).status,
    ).toBe(422);
    expect((await put(`${server.url}/api/v2/tickets/2.json`, agent, '{"ticket":')).status).toBe(400);
    expect((await put(`${server.url}/api/v2/tickets/2.json`, agent, { status: 'open' })).status).toBe(400);
    const missing = await put<{ error: string }>(`${server.url}/api/v2/tickets/999.json`, agent, {
      ticket: {},
    });
    expect(missing.status).toBe(404);
    expect(server.state.tickets.get(2)?.status).not.toBe('finished');
  });
});

describe('rate limits', () => {
  it('reports the budget in headers and answers 429 with Retry-After until the minute is over', async () => {
    const { server, account } = await start({ tickets: 2, rateLimits: { perMinute: 3 } });
    const agent = basic(account.agent.email, account.token);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { response } = await get(`${server.url}/api/v2/tickets/1.json`, agent);
      expect(response.headers.get('x-rate-limit')).toBe('3');
      expect(response.headers.get('ratelimit-limit')).toBeNull();
      remaining.push(response.headers.get('x-rate-limit-remaining') as string);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await get<{ error: string }>(`${server.url}/api/v2/tickets/1/comments.json`, agent);
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('45');
    expect(limited.response.headers.get('ratelimit-reset')).toBe('45');
    advance(45_000);
    const list = await get(`${server.url}/api/v2/tickets/1/comments.json`, agent);
    expect(list.status).toBe(200);
    expect(list.response.headers.get('ratelimit-remaining')).toBe('2');
  });

  it('allows 10 incremental export requests a minute by default', async () => {
    const { server, account } = await start({ tickets: 2, rateLimits: {} });
    const admin = basic(account.admin.email, account.token);
    const url = `${server.url}/api/v2/incremental/tickets/cursor.json?start_time=0`;
    for (let i = 0; i < 10; i += 1) expect((await get(url, admin)).status).toBe(200);
    const limited = await get(url, admin);
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get('x-rate-limit')).toBe('700');
    expect((await get(`${server.url}/api/v2/tickets/1.json`, admin)).status).toBe(200);
  });

  it('allows one user 30 updates of one ticket per 10 minutes', async () => {
    const { server, account } = await start({ tickets: 2, rateLimits: {} });
    const agent = basic(account.agent.email, account.token);
    const note = { ticket: { comment: { body: 'ping', public: false } } };
    for (let i = 0; i < 30; i += 1) {
      if (i % 10 === 0) advance(MINUTE);
      expect((await put(`${server.url}/api/v2/tickets/1.json`, agent, note)).status).toBe(200);
    }
    const limited = await fetch(`${server.url}/api/v2/tickets/1.json`, {
      method: 'PUT',
      headers: { ...agent, 'Content-Type': 'application/json' },
      body: JSON.stringify(note),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
    expect((await put(`${server.url}/api/v2/tickets/2.json`, agent, note)).status).toBe(200);
    expect(server.state.commentsOf(1).filter((comment) => comment.body === 'ping')).toHaveLength(30);
  });
});

describe('faults', () => {
  it('answers an injected status with its headers once, then normally', async () => {
    const { server, account } = await start({ tickets: 1 });
    const agent = basic(account.agent.email, account.token);
    const url = `${server.url}/api/v2/tickets/1.json`;
    server.faults.inject(
      { path: '/api/v2/tickets/1' },
      { kind: 'status', status: 429, headers: { 'Retry-After': '7' } },
    );
    server.faults.inject({ method: 'GET', path: /\/tickets\/1$/, times: 2 }, { kind: 'status', status: 503 });
    const limited = await fetch(url, { headers: agent });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await fetch(url, { headers: agent })).status).toBe(503);
    expect((await fetch(url, { headers: agent })).status).toBe(503);
    expect((await fetch(url, { headers: agent })).status).toBe(200);
  });

  it('holds a request until the client gives up, or until released', async () => {
    const { server, account } = await start({ tickets: 1 });
    const agent = basic(account.agent.email, account.token);
    const url = `${server.url}/api/v2/tickets/1.json`;
    const held = server.faults.inject({ path: url.replace(server.url, '') }, { kind: 'delay', ms: 600_000 });
    const controller = new AbortController();
    const abandoned = fetch(url, { headers: agent, signal: controller.signal });
    await held.hit;
    controller.abort();
    await expect(abandoned).rejects.toThrow(/abort/i);

    const released = server.faults.inject(
      { path: url.replace(server.url, '') },
      { kind: 'delay', ms: 600_000 },
    );
    const waiting = fetch(url, { headers: agent });
    await released.hit;
    released.release();
    expect((await waiting).status).toBe(200);
  });

  it('truncates a body, drops a connection before or after the update, and replays the previous page', async () => {
    const { server, account } = await start({ tickets: 12 });
    const admin = basic(account.admin.email, account.token);
    const exportPath = '/api/v2/incremental/tickets/cursor.json';
    server.faults.inject({ path: exportPath }, { kind: 'truncate' });
    const truncated = await fetch(`${server.url}${exportPath}?start_time=0`, { headers: admin });
    expect(truncated.status).toBe(200);
    const text = await truncated.text();
    expect(text.length).toBeGreaterThan(10);
    expect(() => JSON.parse(text) as unknown).toThrow();

    server.faults.inject({ path: '/api/v2/tickets/1.json', method: 'PUT' }, { kind: 'drop' });
    const update = { ticket: { comment: { body: 'lost or not?', public: false } } };
    await expect(put(`${server.url}/api/v2/tickets/1.json`, admin, update)).rejects.toThrow();
    const notesBefore = server.state.commentsOf(1).length;
    server.faults.inject({ path: '/api/v2/tickets/1.json', method: 'PUT' }, { kind: 'drop', after: true });
    await expect(put(`${server.url}/api/v2/tickets/1.json`, admin, update)).rejects.toThrow();
    expect(server.state.commentsOf(1)).toHaveLength(notesBefore + 1);

    const first = await get<CursorExportTicketsPage>(
      `${server.url}${exportPath}?start_time=0&per_page=5`,
      admin,
    );
    server.faults.inject({ path: exportPath }, { kind: 'replay' });
    const replayed = await get<CursorExportTicketsPage>(first.body.after_url as string, admin);
    expect(replayed.body).toEqual(first.body);
    const second = await get<CursorExportTicketsPage>(first.body.after_url as string, admin);
    expect(second.body.tickets[0]?.id).not.toBe(first.body.tickets[0]?.id);
    expect(server.requests.filter((request) => request.status === 'dropped')).toHaveLength(2);
  });
});
