// Every way a Zendesk request can fail, against real sockets: each becomes a ConnectorError of the kind that decides
// what the sync does next, with a message a person can act on and never the API token.
import { execFileSync } from 'node:child_process';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, type ConnectorErrorKind } from '../../../../src/connectors/connector';
import { readSecret, SecretError } from '../../../../src/platform/secrets';
import { createFakeClock } from '../../../support/fake-clock';
import { useTempDirs } from '../../../support/temp-dir';
import { build, NOW, signal, startDesk, TOKEN } from './support';

const tempDir = useTempDirs('piket-zendesk-');
const ADMIN = 'admin@helpdesk.example';
const EXPORT = '/api/v2/incremental/tickets/cursor';
const ME = '/api/v2/users/me';

/** No error may carry the token (or the Basic credential made from it), in its message or along its causes. */
function expectNoToken(error: unknown): void {
  const basic = Buffer.from(`${ADMIN}/token:${TOKEN}`).toString('base64');
  for (let current = error; current instanceof Error; current = current.cause) {
    for (const text of [current.message, String(current), JSON.stringify(current), current.stack ?? '']) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(basic);
    }
  }
}

const extraServers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    extraServers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function failure(call: Promise<unknown>): Promise<ConnectorError> {
  const error = await call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expectNoToken(error);
  return error as ConnectorError;
}

function expectKind(error: ConnectorError, kind: ConnectorErrorKind, message: RegExp | string): void {
  expect(error.kind).toBe(kind);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

/** A server on 127.0.0.1 that answers every request with `handler`, remembering the request headers. */
async function listen(server: Server): Promise<string> {
  extraServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return String((server.address() as AddressInfo).port);
}

describe('Zendesk connector errors: what Zendesk answers', () => {
  it('401: a wrong token is an auth error naming the e-mail', async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url }, () => `${TOKEN}-revoked`);

    const error = await failure(connector.whoAmI(signal()));

    expectKind(
      error,
      'auth',
      `Zendesk refused the token for ${ADMIN}: check the e-mail address and the API token.`,
    );
    expect(error.status).toBe(401);
  });

  it("403: a permission error that says what was refused and repeats Zendesk's words", async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url });
    desk.server.faults.inject(
      { path: EXPORT },
      {
        kind: 'status',
        status: 403,
        body: { error: 'Forbidden', description: 'You do not have access to this page.' },
      },
    );

    const error = await failure(connector.pull('tickets', null, signal()));

    expectKind(
      error,
      'permission',
      `Zendesk does not allow ${ADMIN} to read the incremental ticket export: You do not have access to this page.`,
    );
    expect(desk.server.requests.filter((r) => r.path === ME)).toHaveLength(2);
  });

  it("404, 409 and 422: not_found, conflict and validation with Zendesk's description and details", async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url });
    desk.server.faults.inject(
      { path: ME },
      { kind: 'status', status: 404, body: { error: 'RecordNotFound' } },
    );
    desk.server.faults.inject(
      { path: ME },
      {
        kind: 'status',
        status: 409,
        body: { error: 'UpdateConflict', description: 'Safe Update prevented the update.' },
      },
    );
    desk.server.faults.inject(
      { path: ME },
      {
        kind: 'status',
        status: 422,
        body: {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: {
            status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }],
          },
        },
      },
    );

    const notFound = await failure(connector.whoAmI(signal()));
    const conflict = await failure(connector.whoAmI(signal()));
    const invalid = await failure(connector.whoAmI(signal()));

    expectKind(notFound, 'not_found', 'Zendesk answers that your user profile does not exist (HTTP 404).');
    expectKind(
      conflict,
      'conflict',
      'Zendesk refused the change to your user profile: Safe Update prevented the update.',
    );
    expectKind(
      invalid,
      'validation',
      'Zendesk refused the request for your user profile: Record validation errors: Status: closed prevents ticket update.',
    );
  });

  it('429: rate_limited, waiting as long as Retry-After says (or ratelimit-reset without it)', async () => {
    const desk = await startDesk({ tickets: 1, rateLimits: { incrementalExportsPerMinute: 1 } });
    const { connector } = build({ url: desk.server.url });
    await connector.pull('tickets', null, signal());

    const limited = await failure(connector.pull('events', null, signal()));
    desk.server.faults.inject(
      { path: ME },
      {
        kind: 'status',
        status: 429,
        headers: { 'ratelimit-reset': '17' },
        body: { error: 'APIRateLimitExceeded' },
      },
    );
    const noRetryAfter = await failure(connector.whoAmI(signal()));

    const secondsLeftInMinute = Math.ceil((60_000 - (desk.now() % 60_000)) / 1000);
    expectKind(
      limited,
      'rate_limited',
      /^Zendesk asks Piket to slow down \(rate limit reached\); Piket tries again in \d+ seconds?\.$/,
    );
    expect(limited).toMatchObject({ status: 429, retryAfterMs: secondsLeftInMinute * 1000 });
    expect(noRetryAfter).toMatchObject({ kind: 'rate_limited', retryAfterMs: 17_000 });
  });

  it('5xx: transient, with Retry-After when a 503 gives one', async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url });
    desk.server.faults.inject({ path: ME }, { kind: 'status', status: 500 });
    desk.server.faults.inject(
      { path: ME },
      { kind: 'status', status: 503, headers: { 'Retry-After': '30' } },
    );

    const internal = await failure(connector.whoAmI(signal()));
    const unavailable = await failure(connector.whoAmI(signal()));

    expectKind(
      internal,
      'transient',
      'Zendesk could not answer your user profile (HTTP 500); Piket tries again later.',
    );
    expect(unavailable).toMatchObject({ kind: 'transient', status: 503, retryAfterMs: 30_000 });
  });

  it('a truncated body is a protocol error', async () => {
    const desk = await startDesk({ tickets: 5 });
    const { connector } = build({ url: desk.server.url });
    await connector.whoAmI(signal());
    desk.server.faults.inject({ path: EXPORT }, { kind: 'truncate' });

    const error = await failure(connector.pull('tickets', null, signal()));

    expectKind(
      error,
      'protocol',
      `${new URL(desk.server.url).host} does not answer like a Zendesk: its answer to the incremental ticket export is cut off or not valid JSON.`,
    );
  });

  it('a connection dropped without an answer is a network error', async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url });
    desk.server.faults.inject({ path: ME }, { kind: 'drop' });

    const error = await failure(connector.whoAmI(signal()));

    expectKind(
      error,
      'network',
      /^The connection to 127\.0\.0\.1:\d+ broke off before Zendesk answered your user profile\.$/,
    );
  });
});

describe('Zendesk connector errors: cancelled and slow requests', () => {
  it('a request still waiting when its signal aborts is a timeout, whether timed out or cancelled', async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url });
    const first = desk.server.faults.inject({ path: ME }, { kind: 'delay', ms: 600_000 });
    const second = desk.server.faults.inject({ path: ME }, { kind: 'delay', ms: 600_000 });

    const timer = new AbortController();
    const timedOut = failure(connector.whoAmI({ signal: timer.signal }));
    await first.hit;
    timer.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    const cancel = new AbortController();
    const cancelled = failure(connector.whoAmI({ signal: cancel.signal }));
    await second.hit;
    cancel.abort();

    expectKind(
      await timedOut,
      'timeout',
      /^Zendesk \(127\.0\.0\.1:\d+\) did not answer your user profile in time\.$/,
    );
    expectKind(
      await cancelled,
      'timeout',
      /^The request to Zendesk \(127\.0\.0\.1:\d+\) for your user profile was cancelled\.$/,
    );
  });

  it('spreads requests over the rest of the minute when the budget runs low, and a wait can be cancelled', async () => {
    const desk = await startDesk({ tickets: 1, rateLimits: { perMinute: 20 } });
    const clock = createFakeClock(NOW);
    const { connector, log } = build({ url: desk.server.url }, undefined, clock);
    for (let i = 0; i < 19; i += 1) await connector.whoAmI(signal());
    const sent = desk.server.requests.length;

    const waiting = connector.whoAmI(signal());
    await new Promise((resolve) => setImmediate(resolve));
    expect(desk.server.requests.length).toBe(sent);
    clock.advance(29_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(desk.server.requests.length).toBe(sent);
    clock.advance(1);
    await waiting;
    expect(desk.server.requests.length).toBe(sent + 1);
    expect(log).toEqual([
      `Zendesk ${new URL(desk.server.url).host}: 1 of 20 requests left this minute; spacing requests out (the next waits 30 seconds).`,
    ]);

    const controller = new AbortController();
    const abandoned = failure(connector.whoAmI({ signal: controller.signal }));
    controller.abort();
    expect((await abandoned).kind).toBe('timeout');
    expect(desk.server.requests.length).toBe(sent + 1);
  });
});

describe('Zendesk connector errors: the address', () => {
  it('a host name that does not resolve is a network error that says so', async () => {
    const { connector } = build({ url: 'https://nonexistent.invalid' });

    const error = await failure(connector.whoAmI(signal()));

    expectKind(
      error,
      'network',
      "The address nonexistent.invalid does not resolve: check the Zendesk address and this computer's network.",
    );
  });

  it('a port where nothing listens refuses the connection', async () => {
    const port = await listen(createHttpServer());
    extraServers.pop()!.close();
    const { connector } = build({ url: `http://127.0.0.1:${port}` });

    const error = await failure(connector.whoAmI(signal()));

    expectKind(
      error,
      'network',
      `127.0.0.1:${port} refuses the connection: check the address (and port) and that the server is up.`,
    );
  });

  it('an HTML page, JSON that is not Zendesk\'s, or a redirect: "does not answer like a Zendesk"', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const port = await listen(
      createHttpServer((request, response) => {
        seen.push(request.headers);
        if (request.url?.startsWith('/api/v2/users/me.json') && seen.length === 1) {
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          response.end('<!doctype html><html><body>Welcome to our intranet</body></html>');
        } else if (seen.length === 2) {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end('{"status":"ok"}');
        } else {
          response.writeHead(302, { Location: 'https://login.example.com/sso' });
          response.end();
        }
      }),
    );
    const { connector } = build({ url: `http://127.0.0.1:${port}` });

    const html = await failure(connector.whoAmI(signal()));
    const json = await failure(connector.whoAmI(signal()));
    const redirect = await failure(connector.whoAmI(signal()));

    const host = `127.0.0.1:${port}`;
    expectKind(
      html,
      'protocol',
      `${host} does not answer like a Zendesk: its answer to your user profile is text/html, not JSON.`,
    );
    expectKind(
      json,
      'protocol',
      `${host} does not answer like a Zendesk: its answer to your user profile lacks what Zendesk sends (user).`,
    );
    expectKind(
      redirect,
      'protocol',
      `${host} does not answer like a Zendesk: it redirects to https://login.example.com/sso; give that address instead.`,
    );
    expect(seen[0]).toMatchObject({
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${ADMIN}/token:${TOKEN}`).toString('base64')}`,
    });
    expect(seen[0]!['user-agent']).toMatch(/^Piket\/\d+\.\d+\.\d+ /);
  });

  it('https to a server that does not speak TLS is a network error that names TLS', async () => {
    const port = await listen(createHttpServer((_request, response) => response.end('{}')));
    const { connector } = build({ url: `https://127.0.0.1:${port}` });

    const error = await failure(connector.whoAmI(signal()));

    expectKind(
      error,
      'network',
      new RegExp(`^The secure connection \\(TLS\\) to 127\\.0\\.0\\.1:${port} failed`),
    );
  });

  it('a certificate this computer does not trust is a network error that names TLS and the certificate', async () => {
    const dir = tempDir();
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const port = await listen(
      createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_request, response) => response.end('{}'),
      ),
    );
    const { connector } = build({ url: `https://127.0.0.1:${port}` });

    const error = await failure(connector.whoAmI(signal()));

    expectKind(
      error,
      'network',
      `The secure connection (TLS) to 127.0.0.1:${port} failed: its certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT).`,
    );
  });
});

describe('Zendesk connector: the token', () => {
  it('is read at every request, so a changed token is used at once', async () => {
    const desk = await startDesk({ tickets: 1 });
    let token = `${TOKEN}-old`;
    const { connector, secretReads } = build({ url: desk.server.url }, () => token);

    const refused = await failure(connector.whoAmI(signal()));
    token = TOKEN;
    const identity = await connector.whoAmI(signal());

    expect(refused.kind).toBe('auth');
    expect(identity.role).toBe('admin');
    expect(secretReads()).toBe(2);
  });

  it("a token that cannot be read fails the call before any request, with the secret store's own error", async () => {
    const desk = await startDesk({ tickets: 1 });
    const { connector } = build({ url: desk.server.url }, () =>
      readSecret(
        { store: 'env', name: 'PIKET_TEST_UNSET_TOKEN' },
        { env: {}, keychain: null, platform: 'linux' },
      ),
    );

    const error = await connector.whoAmI(signal()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SecretError);
    expect((error as Error).message).toBe(
      'The environment variable PIKET_TEST_UNSET_TOKEN is not set (it should hold the API token).',
    );
    expect(desk.server.requests).toHaveLength(0);
  });
});
