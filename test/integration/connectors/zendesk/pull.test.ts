// The Zendesk connector's pull against the loopback Zendesk: full and incremental exports for an admin, the
// search-export fallback for an agent, tombstones, and the mapping of every ticket checked against the server's
// own records.
import { describe, expect, it } from 'vitest';
import type { PulledTicket, PullPage, TicketAddition } from '../../../../src/connectors/connector';
import { ConnectorError } from '../../../../src/connectors/connector';
import {
  build,
  drain,
  expectedCustomer,
  expectedFirstResponse,
  expectedHistory,
  expectedNotes,
  expectedPriority,
  expectedStatus,
  later,
  NOW,
  signal,
  SOURCE,
  startDesk,
  type Desk,
} from './support';

const tickets = (pages: PullPage[]): PulledTicket[] => pages.flatMap((page) => page.tickets);
const additions = (pages: PullPage[]): TicketAddition[] => pages.flatMap((page) => page.additions ?? []);

/** Additions of several pages folded per ticket as the store folds them: notes by id, history without repeats. */
function folded(
  pages: PullPage[],
): Map<string, Required<Omit<TicketAddition, 'firstResponseAt'>> & { first?: number }> {
  const byTicket = new Map<string, Required<Omit<TicketAddition, 'firstResponseAt'>> & { first?: number }>();
  for (const addition of additions(pages)) {
    const entry = byTicket.get(addition.externalId) ?? {
      externalId: addition.externalId,
      notes: [],
      history: [],
    };
    for (const note of addition.notes ?? [])
      if (!entry.notes.some((known) => known.externalId === note.externalId)) entry.notes.push(note);
    for (const change of addition.history ?? [])
      if (!entry.history.some((known) => JSON.stringify(known) === JSON.stringify(change)))
        entry.history.push(change);
    if (addition.firstResponseAt !== undefined)
      entry.first = Math.min(entry.first ?? Infinity, addition.firstResponseAt);
    byTicket.set(addition.externalId, entry);
  }
  return byTicket;
}

function expectTicketMatches(desk: Desk, record: PulledTicket): void {
  const ticket = desk.state.tickets.get(Number(record.externalId))!;
  expect(record).toMatchObject({
    source: SOURCE,
    subject: ticket.subject,
    description: ticket.description,
    priority: expectedPriority(ticket.priority),
    status: expectedStatus(ticket.status),
    customerExternalId: expectedCustomer(ticket),
    assignee: ticket.assigneeId === null ? null : desk.state.users.get(ticket.assigneeId)!.name,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    kind: ticket.type === 'question' || ticket.type === 'task' ? 'request' : 'incident',
  });
}

describe('Zendesk connector, admin: incremental exports', () => {
  it('walks the ticket export page by page to its end, every ticket once, mapped as the server holds it', async () => {
    const desk = await startDesk({ tickets: 60 });
    const { connector } = build({ url: desk.server.url, options: { pageSize: 25 } });

    const { pages } = await drain(connector, 'tickets', null);

    expect(pages.length).toBeGreaterThanOrEqual(3);
    const pulled = tickets(pages);
    expect(pulled.map((ticket) => ticket.externalId).sort()).toEqual(
      [...desk.state.tickets.keys()].map(String).sort(),
    );
    for (const record of pulled) {
      expectTicketMatches(desk, record);
      expect(record).not.toHaveProperty('notes');
      expect(record).not.toHaveProperty('history');
    }
    const customers = new Map(pages.flatMap((page) => page.customers).map((c) => [c.externalId, c.name]));
    for (const record of pulled) expect(customers.has(record.customerExternalId)).toBe(true);
    expect(customers.get('none')).toBe('No organization');
    for (const organization of desk.account.organizations)
      if (customers.has(String(organization.id)))
        expect(customers.get(String(organization.id))).toBe(organization.name);

    const exports = desk.server.requests.filter((r) => r.path === '/api/v2/incremental/tickets/cursor');
    expect(exports).toHaveLength(pages.length);
    const first = new URLSearchParams(exports[0]!.query);
    expect(Number(first.get('start_time'))).toBe(Math.floor((NOW - 90 * 86_400_000) / 1000));
    for (const later of exports.slice(1)) {
      const query = new URLSearchParams(later.query);
      expect(query.has('start_time')).toBe(false);
      expect(query.get('cursor')).toBeTruthy();
    }
  });

  it("turns the ticket event export into history, notes and first responses matching each ticket's audits", async () => {
    const desk = await startDesk({ tickets: 40 });
    const { connector } = build({ url: desk.server.url, options: { pageSize: 50 } });

    const { pages, cursor } = await drain(connector, 'events', null);

    expect(pages.length).toBeGreaterThan(1);
    expect(Number(cursor)).toBeLessThanOrEqual(desk.now() / 1000);
    const byTicket = folded(pages);
    for (const ticket of desk.state.tickets.values()) {
      const audits = desk.state.auditsOf(ticket.id);
      const entry = byTicket.get(String(ticket.id))!;
      expect(entry.history).toEqual(expectedHistory(audits));
      expect(entry.notes.map(({ externalId, public: visible }) => ({ externalId, public: visible }))).toEqual(
        expectedNotes(audits),
      );
      expect(entry.first ?? null).toBe(expectedFirstResponse(desk, audits));
    }
    const note = additions(pages).flatMap((addition) => addition.notes ?? [])[0]!;
    const comment = [...desk.state.tickets.keys()]
      .flatMap((id) => desk.state.commentsOf(id))
      .find((c) => String(c.id) === note.externalId)!;
    expect(note).toEqual({
      externalId: String(comment.id),
      author: desk.state.users.get(comment.authorId)!.name,
      body: comment.body,
      public: comment.public,
      createdAt: comment.createdAt,
    });
  });

  it('brings a later change from the saved cursors: the ticket update, its history entry, the note and the first response', async () => {
    const desk = await startDesk({ tickets: 30 });
    const { connector } = build({ url: desk.server.url });
    const tickets0 = await drain(connector, 'tickets', null);
    const events0 = await drain(connector, 'events', null);
    const { agent, requesters } = desk.account;
    const changed = [...desk.state.tickets.values()].find(
      (t) => t.status === 'open' && t.priority !== 'urgent',
    )!;
    let created = 0;
    let replyAt = 0;
    let noteId = 0;

    later(desk, () => {
      noteId = desk.state.updateTicket(
        changed.id,
        { status: 'pending', priority: 'urgent', comment: { body: 'Please send the logs.', public: true } },
        { by: agent.id },
      ).audit!.comment!.id;
      created = desk.state.createTicket(
        { subject: 'Exports are empty', description: 'Since today.', requester_id: requesters[0]!.id },
        { by: requesters[0]!.id },
      ).id;
    });
    later(desk, () => {
      replyAt = desk.now();
      desk.state.updateTicket(
        created,
        { status: 'open', assignee_id: agent.id, comment: { body: 'Looking into it.', public: true } },
        { by: agent.id },
      );
    });

    const { pages } = await drain(connector, 'tickets', tickets0.cursor);
    expect(
      tickets(pages)
        .map((t) => t.externalId)
        .sort(),
    ).toEqual([String(changed.id), String(created)].sort());
    const update = tickets(pages).find((t) => t.externalId === String(changed.id))!;
    expect(update).toMatchObject({ status: 'waiting_on_customer', priority: 'P1' });

    const events = await drain(connector, 'events', events0.cursor);
    const byTicket = folded(events.pages);
    expect(byTicket.get(String(changed.id))).toMatchObject({
      history: [{ at: desk.now() - 14 * 60_000, status: 'waiting_on_customer', priority: 'P1' }],
      notes: [
        { externalId: String(noteId), body: 'Please send the logs.', public: true, author: agent.name },
      ],
    });
    const fresh = byTicket.get(String(created))!;
    expect(fresh.history).toEqual([
      { at: replyAt - 12 * 60_000, status: 'new', priority: 'P3' },
      { at: replyAt, status: 'in_progress' },
    ]);
    expect(fresh.first).toBe(replyAt);
    expect(fresh.notes.map((n) => n.body)).toEqual(['Looking into it.']);
  });

  it('sends a deleted ticket as a deleted tombstone and a merged one as a merged tombstone', async () => {
    const desk = await startDesk({ tickets: 20 });
    const { connector } = build({ url: desk.server.url });
    const { cursor } = await drain(connector, 'tickets', null);
    const events0 = await drain(connector, 'events', null);
    const live = [...desk.state.tickets.values()].filter((t) => t.status !== 'closed');
    const [deleted, merged, target] = live;
    let deletedAt = 0;

    later(desk, () => {
      deletedAt = desk.now();
      desk.state.deleteTicket(deleted!.id, { by: desk.account.admin.id });
      desk.state.mergeTicket(merged!.id, target!.id, { by: desk.account.admin.id });
    });

    const { pages } = await drain(connector, 'tickets', cursor);
    expect(pages.flatMap((page) => page.tombstones ?? [])).toEqual(
      expect.arrayContaining([
        { externalId: String(deleted!.id), reason: 'deleted', at: deletedAt },
        { externalId: String(merged!.id), reason: 'merged', at: deletedAt },
      ]),
    );
    expect(tickets(pages).map((t) => t.externalId)).toEqual([String(target!.id)]);
    const events = await drain(connector, 'events', events0.cursor);
    expect(folded(events.pages).get(String(deleted!.id))?.history ?? []).toEqual([]);
  });

  it('reads solved_at from the metric_sets sideload as resolvedAt', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = desk.state.tickets.get(1)!;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    desk.server.faults.inject(
      { path: '/api/v2/incremental/tickets/cursor' },
      {
        kind: 'status',
        status: 200,
        body: {
          tickets: [
            {
              id: 1,
              subject: ticket.subject,
              description: ticket.description,
              status: 'solved',
              priority: 'high',
              type: 'incident',
              tags: [],
              assignee_id: null,
              organization_id: null,
              created_at: iso(ticket.createdAt),
              updated_at: iso(ticket.createdAt + 7_200_000),
            },
          ],
          metric_sets: [{ ticket_id: 1, solved_at: iso(ticket.createdAt + 3_600_000) }],
          after_cursor: 'MTc2MzY0MDAwMC4wfHwxfA==',
          end_of_stream: true,
        },
      },
    );

    const page = await connector.pull('tickets', null, signal());

    expect(page.tickets[0]).toMatchObject({
      status: 'resolved',
      priority: 'P2',
      resolvedAt: ticket.createdAt + 3_600_000,
    });
    expect(new URLSearchParams(desk.server.requests.at(-1)!.query).get('include')).toBe('metric_sets');
  });

  it("maps by the connection's settings: priorities, statuses, kinds, security tags with a CVE id, time zone", async () => {
    const desk = await startDesk({ tickets: 3 });
    const { connector } = build({
      url: desk.server.url,
      options: {
        priorities: { none: 'P4', urgent: 'P2' },
        statuses: { hold: 'waiting_on_customer' },
        kinds: { task: 'incident' },
        securityTags: ['Sec-Team'],
        timeZone: 'Europe/Amsterdam',
      },
    });
    const requester = desk.account.requesters[0]!.id;
    later(desk, () => {
      const make = (input: Partial<Parameters<Desk['state']['createTicket']>[0]>) =>
        desk.state.createTicket(
          { subject: 'Something', description: 'Details', requester_id: requester, ...input },
          { by: requester },
        );
      make({ subject: 'Heap overflow, see CVE-2026-12345', tags: ['severity_critical'], status: 'hold' });
      make({ subject: 'Pentest finding', tags: ['sec-team'], priority: 'urgent', type: 'task' });
      make({ subject: 'Please add a user', type: 'task', priority: null });
      make({ subject: 'How to export?', type: 'question', status: 'pending' });
    });

    const { pages } = await drain(connector, 'tickets', null);
    const pulled = tickets(pages).slice(-4);

    expect(
      pulled.map(({ kind, cveId, severity, priority, status }) => ({
        kind,
        cveId,
        severity,
        priority,
        status,
      })),
    ).toEqual([
      {
        kind: 'security',
        cveId: 'CVE-2026-12345',
        severity: 'critical',
        priority: 'P4',
        status: 'waiting_on_customer',
      },
      { kind: 'security', cveId: null, severity: null, priority: 'P2', status: 'new' },
      { kind: 'incident', cveId: null, severity: null, priority: 'P4', status: 'new' },
      { kind: 'request', cveId: null, severity: null, priority: 'P4', status: 'waiting_on_customer' },
    ]);
    const zones = new Set(pages.flatMap((page) => page.customers.map((customer) => customer.timeZone)));
    expect([...zones]).toEqual(['Europe/Amsterdam']);
  });

  it('refuses to pull with invalid settings, naming the setting', async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url, options: { priorities: { urgent: 'P0' } } });

    const error = await connector.pull('tickets', null, signal()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'validation' });
    expect((error as Error).message).toMatch(
      /settings of this Zendesk connection are invalid \(priorities\.urgent/,
    );
    expect(desk.server.requests).toHaveLength(0);
  });
});

describe('Zendesk connector, who am I', () => {
  it('says who the token acts as and whether it may use the exports', async () => {
    const desk = await startDesk({ tickets: 1 });
    const admin = await build({ url: desk.server.url }).connector.whoAmI(signal());
    const agent = await build({ url: desk.server.url, login: 'agent@helpdesk.example' }).connector.whoAmI(
      signal(),
    );

    expect(admin).toEqual({
      userId: String(desk.account.admin.id),
      name: 'Ada Admin',
      email: 'admin@helpdesk.example',
      role: 'admin',
      canExport: true,
    });
    expect(agent).toMatchObject({ role: 'agent', canExport: false, email: 'agent@helpdesk.example' });
  });

  it('refuses an end user with a message that says what to use instead', async () => {
    const desk = await startDesk({ tickets: 1 });
    const requester = desk.account.requesters[0]!;

    const error = await build({ url: desk.server.url, login: requester.email })
      .connector.whoAmI(signal())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ kind: 'permission' });
    expect((error as Error).message).toBe(
      `${requester.email} is an end user on Zendesk, not an agent: connect with the e-mail of an agent or an admin.`,
    );
  });
});

describe('Zendesk connector, agent without admin rights: search export', () => {
  it("walks the search export with each ticket's whole history and notes, and no incremental export", async () => {
    const desk = await startDesk({ tickets: 45 });
    const { connector } = build({
      url: desk.server.url,
      login: 'agent@helpdesk.example',
      options: { pageSize: 20 },
    });

    const { pages } = await drain(connector, 'tickets', null);
    const events = await connector.pull('events', null, signal());

    expect(pages.length).toBeGreaterThanOrEqual(3);
    const pulled = tickets(pages);
    expect(pulled.map((t) => t.externalId).sort()).toEqual([...desk.state.tickets.keys()].map(String).sort());
    for (const record of pulled) {
      expectTicketMatches(desk, record);
      const audits = desk.state.auditsOf(Number(record.externalId));
      expect(record.history).toEqual(expectedHistory(audits));
      expect(
        record.notes!.map(({ externalId, public: visible }) => ({ externalId, public: visible })),
      ).toEqual(expectedNotes(audits));
      expect(record.firstResponseAt).toBe(expectedFirstResponse(desk, audits));
      const solved = record.history!.filter((c) => c.status === 'resolved' || c.status === 'closed')[0];
      expect(record.resolvedAt).toBe(solved?.at ?? null);
    }
    expect(desk.server.requests.some((r) => r.path.startsWith('/api/v2/incremental'))).toBe(false);
    expect(desk.server.requests.filter((r) => r.path.endsWith('/audits')).length).toBe(45);
    expect(events).toMatchObject({ tickets: [], customers: [], hasMore: false });
    expect(events.additions ?? []).toEqual([]);
  });

  it('delivers only what changed in the next pass, and nothing (no history reads) when nothing did', async () => {
    const desk = await startDesk({ tickets: 25 });
    const { connector } = build({ url: desk.server.url, login: 'agent@helpdesk.example' });
    const first = await drain(connector, 'tickets', null);
    const changed = [...desk.state.tickets.values()].find((t) => t.status === 'open')!;

    later(desk, () => {
      desk.state.updateTicket(
        changed.id,
        { status: 'solved', comment: { body: 'Fixed.', public: true } },
        { by: desk.account.agent.id },
      );
    });
    const second = await drain(connector, 'tickets', first.cursor);
    desk.advance(60_000);
    const before = desk.server.requests.length;
    const third = await drain(connector, 'tickets', second.cursor);

    expect(tickets(second.pages).map((t) => t.externalId)).toEqual([String(changed.id)]);
    expect(tickets(second.pages)[0]).toMatchObject({
      status: 'resolved',
      resolvedAt: desk.now() - 3 * 60_000,
    });
    expect(tickets(second.pages)[0]!.notes!.at(-1)).toMatchObject({ body: 'Fixed.', public: true });
    expect(tickets(third.pages)).toEqual([]);
    expect(desk.server.requests.slice(before).map((r) => r.path)).toEqual(['/api/v2/search/export']);
  });

  it('starts the pass again when the search cursor expired (an hour), losing no ticket', async () => {
    const desk = await startDesk({ tickets: 30 });
    const { connector } = build({
      url: desk.server.url,
      login: 'agent@helpdesk.example',
      options: { pageSize: 10 },
    });
    const firstPage = await connector.pull('tickets', null, signal());
    expect(firstPage.hasMore).toBe(true);

    desk.advance(61 * 60_000);
    const rest = await drain(connector, 'tickets', firstPage.cursor);

    const seen = new Set([...firstPage.tickets, ...tickets(rest.pages)].map((t) => t.externalId));
    expect([...seen].sort()).toEqual([...desk.state.tickets.keys()].map(String).sort());
    expect(desk.server.requests.some((r) => r.status === 400 && r.path === '/api/v2/search/export')).toBe(
      true,
    );
  });

  it('falls back to search export in the same call when the admin lost the role', async () => {
    const desk = await startDesk({ tickets: 10 });
    const { connector, log } = build({ url: desk.server.url });
    expect((await connector.whoAmI(signal())).canExport).toBe(true);

    desk.state.setRole(desk.account.admin.id, 'agent');
    const { pages } = await drain(connector, 'tickets', null);

    expect(tickets(pages)).toHaveLength(10);
    expect(log.join('\n')).toMatch(/no longer an admin; using search export/);
    expect(desk.server.requests.map((r) => r.status)).toContain(403);
  });

  it('sends a tombstone for a ticket deleted between the search and the reading of its history', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url, login: 'agent@helpdesk.example' });
    const doomed = desk.state.tickets.get(3)!;
    desk.server.faults.inject(
      { path: '/api/v2/tickets/3/audits' },
      { kind: 'status', status: 404, body: { error: 'RecordNotFound', description: 'Not found' } },
    );

    const { pages } = await drain(connector, 'tickets', null);

    expect(pages.flatMap((p) => p.tombstones ?? [])).toEqual([
      { externalId: '3', reason: 'deleted', at: doomed.updatedAt },
    ]);
    expect(tickets(pages).map((t) => t.externalId)).not.toContain('3');
  });
});
