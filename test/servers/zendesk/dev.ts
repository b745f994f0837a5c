// `npm run dev:zendesk`: the Zendesk test server with a seeded desk on a fixed port, to try Piket against locally.
//
// Options: --port N (default 4810; 0 picks a free port), --tickets N (default 300), --seed N (default 1),
// --history full|none, --activity SECONDS (a new ticket, reply or update every so often; 0 turns it off;
// default 60), --no-rate-limit, --json (print one JSON line with url, e-mails and token, for scripts).
import { parseArgs } from 'node:util';
import { hashInts, Rng } from '../../../src/connectors/demo/random';
import { seedZendesk, simulateActivity } from './seed';
import { startZendeskServer } from './server';
import { ZendeskState } from './state';

function fail(message: string): never {
  process.stderr.write(`dev:zendesk: ${message}\n`);
  process.exit(2);
}

function count(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    fail(`--${name} takes a whole number from 0 to ${max}, not "${raw}"`);
  return Number(raw);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        tickets: { type: 'string' },
        seed: { type: 'string' },
        history: { type: 'string' },
        activity: { type: 'string' },
        'no-rate-limit': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const port = count('port', values.port, 4810, 65_535);
  const tickets = count('tickets', values.tickets, 300, 1_000_000);
  const seed = count('seed', values.seed, 1, 2 ** 31);
  const activitySeconds = count('activity', values.activity, 60, 86_400);
  const history = values.history ?? 'full';
  if (history !== 'full' && history !== 'none') fail(`--history takes full or none, not "${history}"`);

  const state = new ZendeskState(Date.now);
  const account = seedZendesk(state, { tickets, seed, history });
  let server;
  try {
    server = await startZendeskServer({
      state,
      port,
      rateLimits: values['no-rate-limit'] ? false : undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : String(error));
  }

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ url: server.url, token: account.token, admin: account.admin.email, agent: account.agent.email })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `Zendesk test server: ${server.url}  (${tickets} tickets, seed ${seed})`,
        '',
        `  admin  ${account.admin.email}  (may use the incremental exports)`,
        `  agent  ${account.agent.email}  (not an admin: search export only)`,
        `  API token (for both): ${account.token}`,
        '',
        'Try it:',
        `  curl -u '${account.admin.email}/token:${account.token}' ${server.url}/api/v2/users/me.json`,
        '',
        'Connect Piket to it (this command arrives with the Zendesk connector; it is not in Piket yet):',
        `  export ZENDESK_TOKEN=${account.token}`,
        `  npx piket connect zendesk --url ${server.url} --email ${account.admin.email} --token-env ZENDESK_TOKEN`,
        '',
        activitySeconds > 0
          ? `Something happens on the desk every ${activitySeconds} s. Ctrl+C stops the server.`
          : 'Ctrl+C stops the server.',
        '',
      ].join('\n'),
    );
  }

  const rng = new Rng(hashInts([seed, 99]));
  const timer =
    activitySeconds > 0
      ? setInterval(() => {
          const what = simulateActivity(state, rng, account);
          if (!values.json) process.stdout.write(`${new Date().toISOString()}  ${what}\n`);
        }, activitySeconds * 1000)
      : undefined;
  const running = server;
  const stop = (): void => {
    if (timer) clearInterval(timer);
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
