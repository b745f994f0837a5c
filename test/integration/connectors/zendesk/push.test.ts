// The Zendesk connector's push side against the loopback Zendesk: each action lands as Zendesk documents it (checked
// in the server's own records), with Piket's marker on the update's audit; safe updates, refusals and rate limits
// become the ConnectorErrors that decide what the outbox does; a change whose answer was lost is found by its
// marker; and one ticket is read fresh.
import { describe, expect, it } from 'vitest';
import { ConnectorError, type PushRequest } from '../../../../src/connectors/connector';
import type { TicketAction } from '../../../../src/domain/action';
import type { TicketRecord } from '../../../servers/zendesk/state';
import type { ZdAudit } from '../../../servers/zendesk/types';
import {
  build,
  expectedCustomer,
  expectedPriority,
  expectedStatus,
  signal,
  SOURCE,
  startDesk,
  TOKEN,
  type Desk,
} from './support';

const MINUTE = 60_000;
let sequence = 0;

/** A change to `ticket` made on the version the desk has now (or on none: `base: null`). */
function change(
  ticket: TicketRecord,
  action: TicketAction,
  base: number | null = ticket.updatedAt,
): PushRequest {
  sequence += 1;
  return {
    mutationId: `mut-${sequence}-${ticket.id}`,
    externalId: String(ticket.id),
    action,
    baseUpdatedAt: base,
    seen: { status: ticket.status === 'new' ? 'new' : 'in_progress' },
  };
}

/** A ticket nobody has touched yet: status new, no assignee, priority normal. */
function freshTicket(desk: Desk): TicketRecord {
  return desk.state.createTicket(
    {
      subject: 'Payments are down',
      description: 'Nothing works since 11:00.',
      requester_id: desk.account.requesters[0]!.id,
      priority: 'normal',
    },
    { by: desk.account.requesters[0]!.id },
  );
}

/** Someone else changes the ticket a minute later (a new version). */
function colleagueChanges(desk: Desk, ticket: TicketRecord): void {
  desk.advance(MINUTE);
  desk.state.updateTicket(
    ticket.id,
    { subject: `${ticket.subject} (edited)` },
    { by: desk.account.agent.id },
  );
}

function lastAudit(desk: Desk, ticket: TicketRecord) {
  return desk.state.auditsOf(ticket.id).at(-1)!;
}

async function failure(call: Promise<unknown>): Promise<ConnectorError> {
  const error = await call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

/** The ticket's audits as Zendesk renders them, newest first (what a client reads). */
async function renderedAudits(desk: Desk, ticketId: number): Promise<ZdAudit[]> {
  const response = await fetch(
    `${desk.server.url}/api/v2/tickets/${ticketId}/audits.json?sort=-created_at&page[size]=100`,
    {
      headers: {
        Authorization: `Basic ${Buffer.from(`${desk.account.admin.email}/token:${TOKEN}`).toString('base64')}`,
      },
    },
  );
  return ((await response.json()) as { audits: ZdAudit[] }).audits;
}

describe('Zendesk push: each action as Zendesk documents it', () => {
  it("ack assigns the ticket to the connection's user and opens it, marked with the change's id on its audit", async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    desk.advance(MINUTE);
    const request = change(ticket, { kind: 'ack' });

    const receipt = await connector.push(request, signal());
    const paths = desk.server.requests.map((r) => `${r.method} ${r.path}`);

    expect(ticket).toMatchObject({
      status: 'open',
      assigneeId: desk.account.admin.id,
      updatedAt: desk.now(),
    });
    const audit = lastAudit(desk, ticket);
    expect(audit.metadata).toEqual({ piket_mutation: request.mutationId });
    expect((await renderedAudits(desk, ticket.id))[0]!.metadata.custom).toEqual({
      piket_mutation: request.mutationId,
    });
    expect(receipt).toMatchObject({ updatedAt: ticket.updatedAt, remoteRef: String(audit.id) });
    expect(receipt.ticket).toMatchObject({
      source: SOURCE,
      externalId: String(ticket.id),
      status: 'in_progress',
      assignee: desk.account.admin.name,
      updatedAt: ticket.updatedAt,
    });
    expect(receipt.ticket).not.toHaveProperty('notes');
    expect(receipt.ticket).not.toHaveProperty('history');
    expect(paths).toEqual(['GET /api/v2/users/me', `PUT /api/v2/tickets/${ticket.id}`]);
  });

  it('a note is a private comment and a reply a public one, each with its comment id as the reference', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);

    const note = await connector.push(
      change(ticket, { kind: 'note', body: 'Checked the logs.' }, null),
      signal(),
    );
    desk.advance(MINUTE);
    const reply = await connector.push(
      change(ticket, { kind: 'reply', body: 'We are on it.' }, null),
      signal(),
    );

    const comments = desk.state.commentsOf(ticket.id).slice(-2);
    expect(comments.map(({ body, public: visible, authorId }) => ({ body, visible, authorId }))).toEqual([
      { body: 'Checked the logs.', visible: false, authorId: desk.account.admin.id },
      { body: 'We are on it.', visible: true, authorId: desk.account.admin.id },
    ]);
    expect(note.remoteRef).toBe(String(comments[0]!.id));
    expect(reply).toMatchObject({
      remoteRef: String(comments[1]!.id),
      updatedAt: desk.now(),
      ticket: { firstResponseAt: desk.now(), resolvedAt: null },
    });
  });

  it('a landed change keeps its receipt when the names in its answer cannot be looked up, only without the ticket', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector, log } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    desk.server.faults.inject({ path: '/api/v2/users/show_many' }, { kind: 'status', status: 503 });

    const receipt = await connector.push(change(ticket, { kind: 'note', body: 'Noted.' }, null), signal());

    const comment = desk.state.commentsOf(ticket.id).at(-1)!;
    expect(comment.body).toBe('Noted.');
    expect(receipt).toEqual({ updatedAt: ticket.updatedAt, remoteRef: String(comment.id) });
    expect(log).toEqual([
      `Zendesk ${new URL(desk.server.url).host}: ticket ${ticket.id} changed, but its people could not be looked up (Zendesk could not answer the users of these tickets (HTTP 503); Piket tries again later); the next sync brings it.`,
    ]);
  });

  it('a note or reply without a base lands even though the ticket changed since', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    const request = change(ticket, { kind: 'note', body: 'Still looking.' }, null);
    colleagueChanges(desk, ticket);

    await connector.push(request, signal());

    expect(desk.state.commentsOf(ticket.id).at(-1)!.body).toBe('Still looking.');
    expect(lastAudit(desk, ticket).metadata).toEqual({ piket_mutation: request.mutationId });
  });

  it("status, priority, assign and resolve set Zendesk's fields by the reverse of the default mapping", async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    const push = async (action: TicketAction): Promise<void> => {
      desk.advance(MINUTE);
      await connector.push(change(ticket, action), signal());
    };
    const seen: unknown[] = [];
    const look = (): void => {
      seen.push([ticket.status, ticket.priority, ticket.assigneeId]);
    };

    await push({ kind: 'status', status: 'waiting_on_customer' });
    look();
    await push({ kind: 'status', status: 'acknowledged' });
    look();
    await push({ kind: 'status', status: 'in_progress' });
    look();
    await push({ kind: 'priority', priority: 'P1' });
    look();
    await push({ kind: 'priority', priority: 'P4' });
    look();
    await push({ kind: 'assign' });
    look();
    await push({ kind: 'resolve' });
    look();

    const me = desk.account.admin.id;
    expect(seen).toEqual([
      ['pending', 'normal', null],
      ['open', 'normal', null],
      ['open', 'normal', null],
      ['open', 'urgent', null],
      ['open', 'low', null],
      ['open', 'low', me],
      ['solved', 'low', me],
    ]);
  });

  it("maps back through the connection's own settings", async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({
      url: desk.server.url,
      options: { statuses: { hold: 'workaround_provided' }, priorities: { urgent: 'P2', high: 'P1' } },
    });
    const ticket = freshTicket(desk);

    await connector.push(change(ticket, { kind: 'status', status: 'workaround_provided' }), signal());
    desk.advance(MINUTE);
    await connector.push(change(ticket, { kind: 'priority', priority: 'P1' }), signal());

    expect(ticket).toMatchObject({ status: 'hold', priority: 'high' });
  });

  it('an action without a Zendesk equivalent is refused as validation before any request', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url, options: { priorities: { low: 'P3' } } });
    const ticket = freshTicket(desk);

    const status = await failure(
      connector.push(change(ticket, { kind: 'status', status: 'workaround_provided' }), signal()),
    );
    const priority = await failure(
      connector.push(change(ticket, { kind: 'priority', priority: 'P4' }), signal()),
    );
    const badId = await failure(
      connector.push({ ...change(ticket, { kind: 'resolve' }), externalId: '7/../../users/me' }, signal()),
    );

    expect(status).toMatchObject({
      kind: 'validation',
      message:
        'Zendesk has no status for "workaround provided": map a Zendesk status to workaround_provided in this connection\'s settings (statuses) to use it.',
    });
    expect(priority).toMatchObject({
      kind: 'validation',
      message:
        "Zendesk has no priority for P4: map a Zendesk priority to P4 in this connection's settings (priorities) to use it.",
    });
    expect(badId).toMatchObject({
      kind: 'validation',
      message: '"7/../../users/me" is not a Zendesk ticket number.',
    });
    expect(desk.server.requests).toEqual([]);
    expect(ticket.status).toBe('new');
  });
});

describe('Zendesk push: refusals', () => {
  it('a change made on a version the ticket has left is a conflict (safe update) and changes nothing', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    const request = change(ticket, { kind: 'status', status: 'waiting_on_customer' });
    colleagueChanges(desk, ticket);
    const audits = desk.state.auditsOf(ticket.id).length;

    const error = await failure(connector.push(request, signal()));

    expect(error).toMatchObject({
      kind: 'conflict',
      status: 409,
      message: `Zendesk refused the change to ticket ${ticket.id}: Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.`,
    });
    expect(ticket.status).toBe('new');
    expect(desk.state.auditsOf(ticket.id)).toHaveLength(audits);
  });

  it("a closed ticket refuses the change in Zendesk's words", async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    desk.state.updateTicket(ticket.id, { status: 'closed' }, { by: desk.account.agent.id });

    const error = await failure(
      connector.push(change(ticket, { kind: 'note', body: 'Late note.' }, null), signal()),
    );

    expect(error).toMatchObject({
      kind: 'validation',
      status: 422,
      message: `Zendesk refused the change to ticket ${ticket.id}: Status: closed prevents ticket update.`,
    });
    expect(desk.state.commentsOf(ticket.id).map((comment) => comment.body)).not.toContain('Late note.');
  });

  it('a ticket that does not exist, or was deleted, is not_found', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    desk.state.deleteTicket(ticket.id, { by: desk.account.admin.id });

    const unknown = await failure(
      connector.push({ ...change(ticket, { kind: 'resolve' }), externalId: '99999' }, signal()),
    );
    const deleted = await failure(
      connector.push(change(ticket, { kind: 'note', body: 'x' }, null), signal()),
    );

    expect(unknown).toMatchObject({
      kind: 'not_found',
      status: 404,
      message: 'Ticket 99999 no longer exists in Zendesk.',
    });
    expect(deleted).toMatchObject({
      kind: 'not_found',
      message: `Ticket ${ticket.id} no longer exists in Zendesk.`,
    });
  });

  it("Zendesk's limit on updates of one ticket is rate_limited, waiting until its window ends", async () => {
    const desk = await startDesk({ tickets: 5, rateLimits: { updatesPerTicketPerUser: 2 } });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    desk.advance(3 * MINUTE);
    await connector.push(change(ticket, { kind: 'note', body: 'one' }, null), signal());
    await connector.push(change(ticket, { kind: 'note', body: 'two' }, null), signal());

    const error = await failure(
      connector.push(change(ticket, { kind: 'note', body: 'three' }, null), signal()),
    );

    const tenMinutes = 10 * MINUTE;
    const windowEnd = Math.floor(desk.now() / tenMinutes) * tenMinutes + tenMinutes;
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: windowEnd - desk.now() });
    expect(error.message).toBe(
      'Zendesk asks Piket to slow down (rate limit reached); Piket tries again in 420 seconds.',
    );
    expect(desk.state.commentsOf(ticket.id).map((comment) => comment.body)).not.toContain('three');
  });
});

describe('Zendesk findPushed: a change whose answer was lost', () => {
  it("finds a change that landed by its marker, with the ticket's current version, and no change never sent", async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    const request = change(ticket, { kind: 'reply', body: 'On it.' }, null);
    desk.server.faults.inject(
      { method: 'PUT', path: `/api/v2/tickets/${ticket.id}` },
      { kind: 'drop', after: true },
    );

    const lost = await failure(connector.push(request, signal()));
    const comment = desk.state.commentsOf(ticket.id).at(-1)!;
    colleagueChanges(desk, ticket);
    const found = await connector.findPushed(request, signal());
    const never = await connector.findPushed(
      change(ticket, { kind: 'note', body: 'never sent' }, null),
      signal(),
    );

    expect(lost.kind).toBe('network');
    expect(comment.body).toBe('On it.');
    expect(found).toMatchObject({
      updatedAt: ticket.updatedAt,
      remoteRef: String(comment.id),
      ticket: { externalId: String(ticket.id), updatedAt: ticket.updatedAt },
    });
    expect(never).toBeNull();
    const reads = desk.server.requests.filter((r) => r.path === `/api/v2/tickets/${ticket.id}/audits`);
    expect(new URLSearchParams(reads[0]!.query).get('sort')).toBe('-created_at');
  });

  it('a field change is found by its audit id; one never sent is settled at the version it was made on', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    for (let i = 0; i < 150; i += 1) {
      desk.advance(MINUTE);
      desk.state.addComment(ticket.id, {
        body: `update ${i}`,
        author_id: desk.account.agent.id,
        public: false,
      });
    }
    const sent = change(ticket, { kind: 'priority', priority: 'P1' });
    await connector.push(sent, signal());
    const audit = lastAudit(desk, ticket);
    let version = 0;
    for (let i = 0; i < 150; i += 1) {
      desk.advance(MINUTE);
      desk.state.addComment(ticket.id, {
        body: `later ${i}`,
        author_id: desk.account.agent.id,
        public: false,
      });
      if (i === 119) version = ticket.updatedAt;
    }
    const reads = (): number =>
      desk.server.requests.filter((r) => r.path === `/api/v2/tickets/${ticket.id}/audits`).length;

    const found = await connector.findPushed(sent, signal());
    const readsToFind = reads();
    const notSent = await connector.findPushed(
      change(ticket, { kind: 'status', status: 'closed' }, version),
      signal(),
    );

    expect(found).toMatchObject({ remoteRef: String(audit.id), updatedAt: ticket.updatedAt });
    expect(readsToFind).toBe(2);
    expect(notSent).toBeNull();
    expect(reads() - readsToFind).toBe(1);
  });

  it('says it cannot tell when the change is not among the latest 500 updates', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    const request = change(ticket, { kind: 'note', body: 'Old note.' }, null);
    await connector.push(request, signal());
    for (let i = 0; i < 500; i += 1) {
      desk.advance(MINUTE);
      desk.state.addComment(ticket.id, {
        body: `update ${i}`,
        author_id: desk.account.agent.id,
        public: false,
      });
    }

    const error = await failure(connector.findPushed(request, signal()));

    expect(error).toMatchObject({
      kind: 'validation',
      message: `Piket cannot tell whether Zendesk has this change to ticket ${ticket.id}: it is not among the ticket's latest 500 updates. Check the ticket in Zendesk and make the change again if it is missing.`,
    });
    expect(desk.server.requests.filter((r) => r.path === `/api/v2/tickets/${ticket.id}/audits`)).toHaveLength(
      5,
    );
  });

  it('a ticket that is gone is not_found; audits listed oldest first are a protocol error, not "not there"', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    const ticket = freshTicket(desk);
    const request = change(ticket, { kind: 'note', body: 'x' }, null);
    const audits = await renderedAudits(desk, ticket.id);
    desk.advance(MINUTE);
    desk.state.addComment(ticket.id, { body: 'newer', author_id: desk.account.agent.id });
    const oldestFirst = (await renderedAudits(desk, ticket.id)).reverse();
    desk.server.faults.inject(
      { path: `/api/v2/tickets/${ticket.id}/audits` },
      {
        kind: 'status',
        status: 200,
        body: { audits: oldestFirst, meta: { has_more: true, after_cursor: 'x' } },
      },
    );

    const disordered = await failure(connector.findPushed(request, signal()));
    desk.state.deleteTicket(ticket.id, { by: desk.account.admin.id });
    const gone = await failure(connector.findPushed(request, signal()));

    expect(audits).toHaveLength(1);
    expect(disordered).toMatchObject({
      kind: 'protocol',
      message: `${new URL(desk.server.url).host} does not answer like a Zendesk: the history of ticket ${ticket.id} is not listed newest first.`,
    });
    expect(gone).toMatchObject({
      kind: 'not_found',
      message: `Ticket ${ticket.id} no longer exists in Zendesk.`,
    });
  });
});

describe('Zendesk fetchTicket', () => {
  it('reads one ticket as the pull maps it (names resolved), and null for a deleted, merged or unknown one', async () => {
    const desk = await startDesk({ tickets: 20 });
    const { connector } = build({ url: desk.server.url });
    const assigned = [...desk.state.tickets.values()].find(
      (ticket) => ticket.assigneeId !== null && ticket.assigneeId !== desk.account.admin.id,
    )!;
    const [deleted, merged, target] = [...desk.state.tickets.values()].filter(
      (ticket) => ticket.status !== 'closed' && ticket !== assigned,
    );
    desk.state.deleteTicket(deleted!.id, { by: desk.account.admin.id });
    desk.state.mergeTicket(merged!.id, target!.id, { by: desk.account.admin.id });

    const fetched = await connector.fetchTicket(String(assigned.id), signal());

    expect(fetched).toEqual({
      source: SOURCE,
      externalId: String(assigned.id),
      customerExternalId: expectedCustomer(assigned),
      subject: assigned.subject,
      description: assigned.description,
      priority: expectedPriority(assigned.priority),
      kind: assigned.type === 'question' || assigned.type === 'task' ? 'request' : 'incident',
      cveId: null,
      severity: null,
      status: expectedStatus(assigned.status),
      assignee: desk.state.users.get(assigned.assigneeId!)!.name,
      createdAt: assigned.createdAt,
      updatedAt: assigned.updatedAt,
      resolvedAt: null,
      firstResponseAt: null,
    });
    expect(await connector.fetchTicket(String(deleted!.id), signal())).toBeNull();
    expect(await connector.fetchTicket(String(merged!.id), signal())).toBeNull();
    expect(await connector.fetchTicket('99999', signal())).toBeNull();
  });
});
