// The ticket system answering badly while Piket sends the user's changes: a 429 with Retry-After, a 503, a 500, a
// request that times out after Zendesk applied it, truncated JSON, and a connection dropped after the update ran.
// The whole service in this process against the loopback Zendesk, on a fake clock the server's clock follows; each
// test ends with every change applied on the server exactly once (one audit per change marker) and the database
// equal to the server's state with an empty outbox.
import { describe, expect, it } from 'vitest';
import type { TicketAction } from '../../../../src/domain/action';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../../../src/sync/pull-sync';
import type { FaultAction } from '../../../servers/zendesk/faults';
import { actionableTickets, commentsWithBody } from '../../../support/zendesk-account';
import { usePiketOnZendesk, type PiketOnZendesk } from '../../../support/zendesk-piket';

const openPiket = usePiketOnZendesk();
const TICKET_UPDATE = /^\/api\/v2\/tickets\/\d+$/;
const HOLD_MS = 600_000;
/** Longer than any backoff after the few failures in a row these tests cause. */
const AFTER_BACKOFF_MS = 20_000;

/** A synced Piket and three open tickets to change. */
async function setup(): Promise<{ piket: PiketOnZendesk; tickets: [number, number, number] }> {
  const piket = await openPiket({ tickets: 30, pageSize: 50 });
  const status = await piket.sync();
  expect(status.connections[0]).toMatchObject({ state: 'idle', message: null });
  const [a, b, c] = actionableTickets(piket.account.state, 3).map((ticket) => ticket.id);
  return { piket, tickets: [a!, b!, c!] };
}

/** A note, a priority change and a status change on three tickets: the first one meets the fault. */
function changes([a, b, c]: [number, number, number], note: string): Array<[number, TicketAction]> {
  return [
    [a, { kind: 'note', body: note }],
    [b, { kind: 'priority', priority: 'P1' }],
    [c, { kind: 'status', status: 'waiting_on_customer' }],
  ];
}

async function actAll(piket: PiketOnZendesk, list: Array<[number, TicketAction]>): Promise<void> {
  for (const [ticket, action] of list) await piket.act(ticket, action);
}

/** The requests that looked for a change on the server (findPushed reads the ticket's audits). */
function lookups(piket: PiketOnZendesk): number {
  return piket.account.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/audits')).length;
}

describe('Zendesk answering badly while changes are sent', () => {
  it('invariant 9: a 429 holds every change until Retry-After has passed, then each is sent once', async () => {
    const { piket, tickets } = await setup();
    piket.account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE },
      { kind: 'status', status: 429, headers: { 'Retry-After': '30' } },
    );
    const list = changes(tickets, 'Rate limited note');
    await actAll(piket, list);
    const limited = await piket.sync();
    expect(limited.connections[0]).toMatchObject({
      state: 'error',
      waiting: 3,
      nextAttemptAt: piket.clock.now() + 30_000,
    });
    expect(piket.updates()).toBe(1);

    await piket.advance(29_000);
    expect(piket.updates()).toBe(1);
    await piket.advance(1_000);
    expect(piket.updates()).toBe(1 + list.length);
    // Zendesk said the change was not made: nothing needed looking for.
    expect(lookups(piket)).toBe(0);
    await piket.expectSettled(list.length);
  });

  it('invariant 9: a 503 leaves the change waiting, not in doubt, and it is sent once after the backoff', async () => {
    const { piket, tickets } = await setup();
    piket.account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE },
      { kind: 'status', status: 503 },
    );
    const list = changes(tickets, 'Note after a 503');
    await actAll(piket, list);
    expect((await piket.sync()).connections[0]).toMatchObject({ state: 'error', waiting: 3 });

    await piket.advance(AFTER_BACKOFF_MS);
    expect(piket.updates()).toBe(1 + list.length);
    expect(lookups(piket)).toBe(0);
    await piket.expectSettled(list.length);
    expect(commentsWithBody(piket.account.state, 'Note after a 503')).toBe(1);
  });

  it('invariant 7: after a 500 the change is in doubt: it is looked for by its marker, then sent once', async () => {
    const { piket, tickets } = await setup();
    piket.account.server.faults.inject(
      { method: 'PUT', path: TICKET_UPDATE },
      { kind: 'status', status: 500 },
    );
    const list = changes(tickets, 'Note after a 500');
    await actAll(piket, list);
    expect((await piket.sync()).connections[0]).toMatchObject({ state: 'error', waiting: 3 });

    await piket.advance(AFTER_BACKOFF_MS);
    expect(lookups(piket)).toBeGreaterThan(0);
    expect(piket.updates()).toBe(1 + list.length);
    await piket.expectSettled(list.length);
    expect(commentsWithBody(piket.account.state, 'Note after a 500')).toBe(1);
  });

  const lostAnswers: Array<{ name: string; fault: FaultAction; state: string; said: RegExp }> = [
    {
      name: 'a request that timed out',
      fault: { kind: 'delay', ms: HOLD_MS, after: true },
      state: 'error',
      said: /did not answer within 60 s/,
    },
    {
      name: 'truncated JSON',
      fault: { kind: 'truncate' },
      state: 'error',
      said: /cut off or not valid JSON/,
    },
    {
      name: 'a connection dropped',
      fault: { kind: 'drop', after: true },
      state: 'offline',
      said: /broke off/,
    },
  ];
  it.each(lostAnswers)(
    'invariant 7: $name after Zendesk applied the change: it is found by its marker and never sent twice',
    async ({ fault, state, said }) => {
      const { piket, tickets } = await setup();
      const note = `Note whose answer was lost (${fault.kind})`;
      const injected = piket.account.server.faults.inject({ method: 'PUT', path: TICKET_UPDATE }, fault);
      const list = changes(tickets, note);
      await actAll(piket, list);
      if (fault.kind === 'delay') {
        await injected.held;
        piket.clock.advance(DEFAULT_REQUEST_TIMEOUT_MS);
      }
      const failed = await piket.sync();
      expect(failed.connections[0]).toMatchObject({ state, waiting: 3 });
      expect(failed.connections[0]!.message).toMatch(said);
      expect(commentsWithBody(piket.account.state, note)).toBe(1);

      await piket.advance(AFTER_BACKOFF_MS);
      expect(lookups(piket)).toBeGreaterThan(0);
      expect(piket.updates()).toBe(list.length);
      await piket.expectSettled(list.length);
      expect(commentsWithBody(piket.account.state, note)).toBe(1);
    },
  );
});
