// The sync benchmark's Zendesk: the loopback test server with a seeded account, run in a process of its own (forked
// by sync.bench.ts with an IPC channel) so that its memory and CPU are not counted as Piket's. It answers the
// orchestrator's messages: `change` makes changes on the desk the way an agent would and moves the server clock past
// the export's one-minute lag, `comments` counts the comments of some tickets.
import { parseArgs } from 'node:util';
import { seedZendesk } from '../test/servers/zendesk/seed';
import { startZendeskServer } from '../test/servers/zendesk/server';
import { ZendeskState } from '../test/servers/zendesk/state';
import type { ServerReply, ServerRequest } from './sync-protocol';

const MINUTE = 60_000;

function send(message: ServerReply): void {
  process.send!(message);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tickets: { type: 'string' }, history: { type: 'string' } },
  });
  const tickets = Number(values.tickets);
  const history = values.history === 'full' ? 'full' : 'none';
  if (!Number.isInteger(tickets) || tickets < 1)
    throw new Error(`--tickets must be a whole number, not ${values.tickets}`);

  // The desk's clock runs with the wall clock; `change` moves it ahead, as the integration tests' `later` does.
  let ahead = 0;
  const state = new ZendeskState(() => Date.now() + ahead);
  const seedStart = performance.now();
  const account = seedZendesk(state, { tickets, history, seed: 20260101 });
  const seedMs = performance.now() - seedStart;
  const server = await startZendeskServer({ state, rateLimits: false });

  process.on('message', (request: ServerRequest) => {
    switch (request.type) {
      case 'change': {
        const live = [...state.tickets.values()].filter((t) => !t.deleted && t.status !== 'closed');
        const changed = live.slice(request.skip, request.skip + request.count);
        ahead += 10 * MINUTE;
        for (const ticket of changed) {
          state.updateTicket(
            ticket.id,
            {
              status: ticket.status === 'pending' ? 'open' : 'pending',
              priority: ticket.priority === 'urgent' ? 'high' : 'urgent',
              comment: { body: 'Could you send us the logs of the last hour?', public: true },
            },
            { by: account.agent.id },
          );
        }
        ahead += 2 * MINUTE;
        send({ type: 'changed', count: changed.length });
        return;
      }
      case 'comments':
        send({
          type: 'comments',
          count: request.ids.reduce((sum, id) => sum + state.commentsOf(Number(id)).length, 0),
        });
        return;
      case 'stop':
        void server.close().then(() => process.exit(0));
    }
  });
  // Never outlive the benchmark that started it.
  process.once('disconnect', () => process.exit(0));
  send({
    type: 'ready',
    url: server.url,
    token: account.token,
    admin: account.admin.email,
    seedMs,
  });
}

await main();
