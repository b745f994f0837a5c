// The browser host over real HTTP and WebSocket on loopback, with the real core on a real database.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { QueuePage, Result, ServerMessage } from '../../../src/api';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { startWebHost, type WebHost } from '../../../src/web/web-host';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
let service: PiketService;
let host: WebHost;
let origin: string;

beforeAll(async () => {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Piket</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tempDir(), 'secret.txt'), 'not for the web');
  service = openPiketService({
    dataDir: tempDir(),
    version: 'test',
    role: 'web',
    clock: createFakeClock(Date.UTC(2026, 10, 26, 9)),
  });
  host = await startWebHost({ service, staticDir, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  service.close();
});

async function login(): Promise<string> {
  const response = await fetch(host.url, { redirect: 'manual' });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/');
  const cookie = response.headers.get('set-cookie') ?? '';
  expect(cookie).toContain('HttpOnly');
  expect(cookie).toContain('SameSite=Strict');
  return cookie.split(';')[0]!;
}

function connect(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses a request without the token, and serves nothing of the app', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('<title>Piket');
  });

  it('serves the app with a strict CSP once the token cookie is set', async () => {
    const cookie = await login();
    const response = await fetch(`${origin}/`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Piket</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await fetch(`${origin}/assets/app.js`, { headers: { cookie } });
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('refuses a foreign Origin and a foreign Host', async () => {
    const cookie = await login();
    const foreign = await fetch(`${origin}/`, { headers: { cookie, origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    await expect(connect({ cookie, origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ cookie, origin, host: 'rebound.example' })).rejects.toThrow('HTTP 421');
  });

  it('refuses a WebSocket without the cookie', async () => {
    await expect(connect({ origin })).rejects.toThrow('HTTP 401');
  });

  it('does not serve files outside the renderer folder', async () => {
    const cookie = await login();
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
    ]) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie } });
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('not for the web');
    }
  });

  it('bridges API calls: validated, dispatched, answered as values', async () => {
    const ws = await connect({ cookie: await login(), origin });
    try {
      const synced = await call(ws, 1, 'syncNow', {});
      expect(synced).toMatchObject({ ok: true, value: { state: 'idle' } });
      const queue = await call(ws, 2, 'listQueue', { limit: 5 });
      expect(queue.ok).toBe(true);
      expect((queue as { value: QueuePage }).value.tickets).toHaveLength(5);
      expect(await call(ws, 3, 'listQueue', { limit: 'lots' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_argument' },
      });
      expect(await call(ws, 4, 'dropTables', {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
      expect(await call(ws, 5, 'getTicket', { id: 999999 })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    } finally {
      ws.close();
    }
  });

  it('survives an oversized frame: that socket closes, the host keeps answering', async () => {
    const cookie = await login();
    const ws = await connect({ cookie, origin });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    const again = await connect({ cookie, origin });
    try {
      expect(await call(again, 1, 'getSettings', {})).toMatchObject({ ok: true });
    } finally {
      again.close();
    }
  });

  it('pushes events to connected clients', async () => {
    const ws = await connect({ cookie: await login(), origin });
    try {
      const event = new Promise<ServerMessage>((resolve) =>
        ws.on('message', (data) => {
          const message = JSON.parse(String(data)) as ServerMessage;
          if (message.type === 'event' && message.event === 'settingsChanged') resolve(message);
        }),
      );
      await call(ws, 1, 'updateSettings', { language: 'nl' });
      expect(await event).toMatchObject({ payload: { language: 'nl' } });
    } finally {
      ws.close();
    }
  });
});
