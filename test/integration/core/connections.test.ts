// Connections through the service on a real data folder and the Zendesk test server: add, test, sync, list and
// remove; the token is read where it is kept and never lands in the database; bad input gets a clear message.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/api/dispatch';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { seedZendesk } from '../../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../../servers/zendesk/server';
import { ZendeskState } from '../../servers/zendesk/state';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 20, 12);
const TOKEN = 'zd-connections-token-41c7';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function desk(): Promise<{ server: ZendeskServer; admin: string; agent: string }> {
  const state = new ZendeskState(() => NOW);
  const account = seedZendesk(state, { tickets: 30, seed: 3, token: TOKEN });
  const server = await startZendeskServer({ state, rateLimits: false });
  open.push(server);
  return { server, admin: account.admin.email!, agent: account.agent.email! };
}

function service(env: Record<string, string> = { ZENDESK_TOKEN: TOKEN }): PiketService {
  const dataDir = tempDir();
  const piket = openPiketService({
    dataDir,
    version: 'test',
    role: 'web',
    clock: createFakeClock(NOW),
    env,
    syncIntervalMs: 24 * 60 * 60_000,
  });
  open.push(piket);
  return piket;
}

const add = (piket: PiketService, args: Record<string, unknown>) =>
  dispatch(piket.handlers, 'addConnection', args);

describe('connections', () => {
  it('adds a Zendesk connection, tests it, syncs its tickets into the queue and removes them again', async () => {
    const { server, admin } = await desk();
    const piket = service();
    await piket.handlers.setDemoEnabled({ enabled: false });
    const added = await add(piket, {
      kind: 'zendesk',
      id: 'acme',
      url: server.url,
      email: admin,
      secret: { store: 'env', name: 'ZENDESK_TOKEN' },
    });
    expect(added).toMatchObject({
      ok: true,
      value: { id: 'acme', secret: { store: 'env', name: 'ZENDESK_TOKEN' } },
    });
    const test = await piket.handlers.testConnection({ id: 'acme' });
    expect(test).toMatchObject({ ok: true, fullExport: true, identity: { email: admin, role: 'admin' } });

    const status = await piket.handlers.syncNow({});
    expect(status.connections.find((c) => c.source === 'acme')).toMatchObject({ state: 'idle' });
    const [view] = await piket.handlers.listConnections({});
    expect(view!.tickets).toBeGreaterThan(20);
    const page = await piket.handlers.listQueue({ scope: 'all', sort: 'urgency', limit: 5 });
    expect(page.tickets.every((ticket) => ticket.source === 'acme')).toBe(true);

    expect(await piket.handlers.removeConnection({ id: 'acme' })).toEqual([]);
    expect((await piket.handlers.listQueue({ scope: 'all', sort: 'urgency', limit: 5 })).tickets).toEqual([]);
  });

  it('keeps only a reference to the token: the database never holds it', async () => {
    const { server, admin } = await desk();
    const dataDir = tempDir();
    const piket = openPiketService({
      dataDir,
      version: 'test',
      role: 'web',
      clock: createFakeClock(NOW),
      env: { T: TOKEN },
    });
    try {
      await piket.handlers.addConnection({
        kind: 'zendesk',
        url: server.url,
        email: admin,
        secret: { store: 'env', name: 'T' },
      });
      await piket.handlers.syncNow({});
    } finally {
      piket.close();
    }
    const bytes = ['', '-wal'].map((suffix) => {
      try {
        return readFileSync(join(dataDir, DATABASE_FILE + suffix)).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const content of bytes) expect(content).not.toContain(TOKEN);
  });

  it('names what is wrong: a token the server refuses, and a non-admin who gets the search export', async () => {
    const { server, admin, agent } = await desk();
    const piket = service({ GOOD: TOKEN, BAD: 'not-the-token' });
    await add(piket, {
      kind: 'zendesk',
      id: 'wrong',
      url: server.url,
      email: admin,
      secret: { store: 'env', name: 'BAD' },
    });
    const refused = await piket.handlers.testConnection({ id: 'wrong' });
    expect(refused).toMatchObject({ ok: false, problem: 'auth' });
    expect(refused.message).toMatch(/refused the token/);
    expect(refused.message).not.toContain('not-the-token');

    await add(piket, {
      kind: 'zendesk',
      id: 'agent',
      url: server.url,
      email: agent,
      secret: { store: 'env', name: 'GOOD' },
    });
    const limited = await piket.handlers.testConnection({ id: 'agent' });
    expect(limited).toMatchObject({ ok: true, fullExport: false });
    expect(limited.message).toMatch(/search export/);
  });

  it.each([
    [{ url: 'http://acme.example.com' }, /only over https/],
    [{ url: 'https://acme.zendesk.com/agent/tickets' }, /without a path/],
    [{ secret: { store: 'env', name: 'UNSET_VARIABLE' } }, /UNSET_VARIABLE is not set/],
    [{ secret: { store: 'keychain', token: 'x' } }, /Only the desktop app/],
    [{ id: 'demo' }, /demo desk/],
    [{ email: 'not an address' }, /email/],
  ])('refuses %j with a clear message and stores nothing', async (change, message) => {
    const piket = service();
    const result = await add(piket, {
      kind: 'zendesk',
      url: 'acme',
      email: 'me@acme.example',
      secret: { store: 'env', name: 'ZENDESK_TOKEN' },
      ...change,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(message);
    expect(await piket.handlers.listConnections({})).toEqual([]);
  });

  it('accepts a token file only when no one else can read it', async () => {
    const piket = service({});
    const file = join(tempDir(), 'token');
    writeFileSync(file, `${TOKEN}\n`);
    chmodSync(file, 0o644);
    const args = {
      kind: 'zendesk',
      url: 'acme',
      email: 'me@acme.example',
      secret: { store: 'file', path: file },
    };
    const open = await add(piket, args);
    expect(!open.ok && open.error.message).toMatch(/can be read by others.*chmod 600/);
    chmodSync(file, 0o600);
    expect((await add(piket, args)).ok).toBe(true);
  });

  it('refuses a second connection of the same name, and asks before losing unsent changes', async () => {
    const dataDir = tempDir();
    const piket = openPiketService({
      dataDir,
      version: 'test',
      role: 'web',
      clock: createFakeClock(NOW),
      env: { T: TOKEN },
    });
    open.push(piket);
    const args = {
      kind: 'zendesk',
      url: 'acme',
      email: 'me@acme.example',
      secret: { store: 'env', name: 'T' },
    };
    expect((await add(piket, args)).ok).toBe(true);
    expect(await add(piket, args)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare(
      `INSERT INTO outbox (mutation_id, source, external_id, op, payload, created_at)
       VALUES ('m-1', 'acme', '17', 'note', '{}', 1), ('m-2', 'acme', '17', 'status', '{}', 2)`,
    ).run();
    db.close();
    const [view] = await piket.handlers.listConnections({});
    expect(view!.pending).toBe(2);
    const refused = await dispatch(piket.handlers, 'removeConnection', { id: 'acme' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'needs_confirmation' } });
    expect(!refused.ok && refused.error.message).toMatch(/^2 changes made in Piket have not reached/);
    expect(
      await dispatch(piket.handlers, 'removeConnection', { id: 'acme', discardPending: 1 }),
    ).toMatchObject({
      ok: false,
    });
    expect(await piket.handlers.removeConnection({ id: 'acme', discardPending: 2 })).toEqual([]);
  });
});
