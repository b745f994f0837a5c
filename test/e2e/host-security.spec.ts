// The web host serves nobody without its token, and refuses foreign Origins and Hosts (DNS rebinding).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';
import { expect, test, type WebHost } from './fixtures';

const EVIL = 'http://evil.example';
const WS_PATH = '/api';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw GET with exactly the headers given (no redirects followed, no browser defaults). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Follows the token link like a browser would and returns the session cookie it sets. */
async function sessionCookie(host: WebHost): Promise<string> {
  const answer = await get(host.url);
  expect(answer.status).toBeGreaterThanOrEqual(300);
  expect(answer.status).toBeLessThan(400);
  const setCookie = answer.headers['set-cookie']?.[0] ?? '';
  expect(setCookie).toMatch(/HttpOnly/i);
  return setCookie.split(';')[0] ?? '';
}

/** Opens the API socket; resolves with the HTTP status of a refused upgrade, or 101 when it opens. */
function upgrade(host: WebHost, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}${WS_PATH}`, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

function expectNoApp(answer: Answer): void {
  expect(answer.body).not.toContain('<div id="root">');
  expect(answer.body).not.toContain('/assets/');
}

test('a request without the token is refused and gets no app', async ({ host }) => {
  const bare = await get(`${host.origin}/`);
  expect([401, 403]).toContain(bare.status);
  expectNoApp(bare);

  const wrong = await get(`${host.origin}/?token=not-the-token`);
  expect([401, 403]).toContain(wrong.status);
  expectNoApp(wrong);

  expect(await upgrade(host, { Origin: host.origin })).toBeGreaterThanOrEqual(400);
});

test('the token link sets an HttpOnly cookie that opens the app', async ({ host }) => {
  const cookie = await sessionCookie(host);
  const page = await get(`${host.origin}/`, { Cookie: cookie });
  expect(page.status).toBe(200);
  expect(page.body).toContain('<div id="root">');
  expect(await upgrade(host, { Cookie: cookie, Origin: host.origin })).toBe(101);
});

test('a foreign Origin is refused, even with a valid cookie', async ({ host }) => {
  const cookie = await sessionCookie(host);
  const page = await get(`${host.origin}/`, { Cookie: cookie, Origin: EVIL });
  expect(page.status).toBeGreaterThanOrEqual(400);
  expectNoApp(page);
  expect(await upgrade(host, { Cookie: cookie, Origin: EVIL })).toBeGreaterThanOrEqual(400);
});

test('a foreign Host (DNS rebinding) is refused, even with a valid cookie', async ({ host }) => {
  const cookie = await sessionCookie(host);
  const page = await get(`${host.origin}/`, {
    Cookie: cookie,
    Host: `evil.example:${new URL(host.origin).port}`,
  });
  expect(page.status).toBeGreaterThanOrEqual(400);
  expectNoApp(page);
});
