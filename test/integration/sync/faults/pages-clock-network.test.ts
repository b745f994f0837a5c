// The sync against the loopback Zendesk when pages come twice or out of order, when the laptop's clock is a day
// wrong, and when the network keeps dropping: the whole service in this process on a fake clock that the server's
// clock follows. Each test ends with the database equal to the server's state (every ticket's status, priority,
// assignee and notes), the outbox empty, and each of Piket's changes applied on the server exactly once.
import { describe, expect, it } from 'vitest';
import { actionableTickets, commentsWithBody, localView, serverView } from '../../../support/zendesk-account';
import { usePiketOnZendesk } from '../../../support/zendesk-piket';

const openPiket = usePiketOnZendesk();
const TICKET_EXPORT = '/api/v2/incremental/tickets/cursor';
const EVENT_EXPORT = '/api/v2/incremental/ticket_events';
const TICKET_UPDATE = /^\/api\/v2\/tickets\/\d+$/;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
/** Longer than any backoff after the few failures in a row these tests cause. */
const AFTER_BACKOFF_MS = 20_000;

describe('duplicate and out-of-order pages', () => {
  it('invariant 3: a page answered twice mid-export stops the round without moving the cursor back; the next round goes on and nothing doubles', async () => {
    const piket = await openPiket({ tickets: 30, pageSize: 10 });
    const { faults } = piket.account.server;
    faults.inject({ method: 'GET', path: TICKET_EXPORT, skip: 1 }, { kind: 'replay' });
    faults.inject({ method: 'GET', path: EVENT_EXPORT, skip: 2 }, { kind: 'replay' });

    const stopped = await piket.sync();
    expect(stopped.connections[0]).toMatchObject({ state: 'error' });
    expect(stopped.connections[0]!.message).toMatch(/no new cursor/);
    expect(localView(piket.dataDir).tickets).toHaveLength(10);

    await piket.advance(AFTER_BACKOFF_MS);
    await piket.expectSettled(0);
  });

  it('invariant 3: an old page after a change came back never overwrites it, and events delivered again add no note twice', async () => {
    const piket = await openPiket({ tickets: 30, pageSize: 50 });
    await piket.sync();
    const [x, y] = actionableTickets(piket.account.state, 2);
    const { faults } = piket.account.server;
    // The next pull of each export gets the last page it got before: tickets and events older than the changes.
    const replays = [
      faults.inject({ method: 'GET', path: TICKET_EXPORT }, { kind: 'replay' }),
      faults.inject({ method: 'GET', path: EVENT_EXPORT }, { kind: 'replay' }),
    ];

    await piket.act(x!.id, { kind: 'priority', priority: x!.priority === 'urgent' ? 'P4' : 'P1' });
    await piket.act(y!.id, { kind: 'status', status: 'waiting_on_customer' });
    await piket.sync();
    expect(replays.map((replay) => replay.remaining())).toEqual([0, 0]);
    expect(localView(piket.dataDir)).toEqual({ tickets: serverView(piket.account.state), outbox: 0 });
    await piket.expectSettled(2);
  });

  it('invariant 3: an events page answered twice in a row never moves the cursor past events it did not deliver', async () => {
    const piket = await openPiket({ tickets: 6, pageSize: 2 });
    await piket.sync();
    const { state, seeded } = piket.account;
    const [ticket] = actionableTickets(state, 1);
    // Ten notes by a colleague, one a second: each page of two events ends on a second that has more after it.
    const start = state.now();
    const notes = Array.from({ length: 10 }, (_, i) => `Colleague note ${i + 1}`);
    notes.forEach((body, i) =>
      state.addComment(
        ticket!.id,
        { body, public: false, author_id: seeded.agent.id },
        { at: start + i * SECOND },
      ),
    );
    piket.clock.advance(2 * MINUTE);
    // A stale copy of the previous page answers the next two requests.
    piket.account.server.faults.inject(
      { method: 'GET', path: EVENT_EXPORT, skip: 1, times: 2 },
      { kind: 'replay' },
    );
    await piket.sync();
    await piket.expectSettled(0);
  });
});

describe('a laptop clock set a day wrong', () => {
  it.each([
    { name: 'a day ahead', laptopAheadMs: DAY },
    { name: 'a day behind', laptopAheadMs: -DAY },
  ])(
    'invariant 4: with the laptop $name, the server time orders everything: no update is missed and no change is lost',
    async ({ laptopAheadMs }) => {
      const piket = await openPiket({ tickets: 30, pageSize: 50, laptopAheadMs });
      expect((await piket.sync()).connections[0]).toMatchObject({ state: 'idle', message: null });
      const { state, seeded } = piket.account;
      const [colleagues, mine, other] = actionableTickets(state, 3);

      const colleague = { by: seeded.agent.id };
      state.updateTicket(
        colleagues!.id,
        { status: 'pending', comment: { body: 'Colleague asks the customer', public: true } },
        colleague,
      );
      await piket.act(mine!.id, { kind: 'note', body: 'My note, laptop clock wrong' });
      await piket.act(other!.id, { kind: 'priority', priority: 'P1' });
      await piket.advance(2 * MINUTE);
      // A colleague's change in the last minute before a pull: the export leaves it out now and brings it next.
      state.updateTicket(colleagues!.id, { priority: 'urgent' }, colleague);
      await piket.advance(30 * SECOND);
      await piket.expectSettled(2);
      expect(commentsWithBody(state, 'My note, laptop clock wrong')).toBe(1);
    },
  );

  it('invariant 4: the laptop clock corrected back a day while a rate limit holds a change: it goes once the Retry-After has passed, not a day later', async () => {
    const piket = await openPiket({ tickets: 30, pageSize: 50, laptopAheadMs: DAY });
    await piket.sync();
    const [ticket] = actionableTickets(piket.account.state, 1);
    piket.account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE },
      { kind: 'status', status: 429, headers: { 'Retry-After': '30' } },
    );
    const note = 'Sent after the clock was corrected';
    await piket.act(ticket!.id, { kind: 'note', body: note });
    expect((await piket.sync()).connections[0]).toMatchObject({ state: 'error', waiting: 1 });

    // Corrected: the rate limit counts 30 seconds from here, not from a day ahead.
    piket.setLaptopClock(0);
    await piket.sync();
    expect(commentsWithBody(piket.account.state, note)).toBe(0);
    await piket.advance(30 * SECOND);
    expect(commentsWithBody(piket.account.state, note)).toBe(1);
    await piket.expectSettled(1);
  });
});

describe('the network flapping', () => {
  it('invariant 7: with Zendesk going away and coming back on the same port while changes are made, each change arrives once', async () => {
    const piket = await openPiket({ tickets: 30, pageSize: 50 });
    await piket.sync();
    const { account } = piket;
    const tickets = actionableTickets(account.state, 4);
    const notes = tickets.map((ticket) => `Written offline on ticket ${ticket.id}`);

    for (const [index, ticket] of tickets.slice(0, 3).entries()) {
      await account.down();
      await piket.act(ticket.id, { kind: 'note', body: notes[index]! });
      expect((await piket.sync()).connections[0]).toMatchObject({ state: 'offline' });
      await account.up();
      await piket.advance(AFTER_BACKOFF_MS);
    }
    // Gone while an update was under way: Zendesk applied it and the answer was lost with the connection.
    const held = account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE },
      { kind: 'delay', ms: 600_000, after: true },
    );
    await piket.act(tickets[3]!.id, { kind: 'note', body: notes[3]! });
    await held.held;
    await account.down();
    expect((await piket.sync()).connections[0]).toMatchObject({ state: 'offline', waiting: 1 });
    await account.up();

    await piket.advance(AFTER_BACKOFF_MS);
    await piket.expectSettled(notes.length);
    for (const note of notes) expect(commentsWithBody(account.state, note)).toBe(1);
  });
});

describe('an answer repeated', () => {
  it('invariant 7: an update answered with the answer to an earlier change is not taken as applied: it is looked for, then sent once', async () => {
    const piket = await openPiket({ tickets: 30, pageSize: 50 });
    await piket.sync();
    const [ticket] = actionableTickets(piket.account.state, 1);
    await piket.act(ticket!.id, { kind: 'note', body: 'First note' });
    await piket.sync();
    piket.account.server.faults.inject(
      { method: 'PUT', path: `/api/v2/tickets/${ticket!.id}` },
      { kind: 'replay' },
    );
    await piket.act(ticket!.id, { kind: 'note', body: 'Second note' });
    await piket.sync();
    await piket.advance(AFTER_BACKOFF_MS);
    await piket.expectSettled(2);
    expect(commentsWithBody(piket.account.state, 'Second note')).toBe(1);
  });
});
