// A Piket that does not own its data folder only reads: it never migrates, repairs or writes the database, never
// creates contracts.json, and every write method answers `read_only`; reads still work.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/api/dispatch';
import { OWNER_METHODS } from '../../../src/api/methods';
import { openPiketService, StartupError } from '../../../src/core/piket-service';
import { DATABASE_FILE } from '../../../src/platform/paths';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);

const WRITE_ARGS: Record<(typeof OWNER_METHODS)[number], unknown> = {
  syncNow: {},
  setDemoEnabled: { enabled: false },
  updateSettings: { me: 'Someone Else' },
  reloadContracts: {},
  addConnection: {
    kind: 'zendesk',
    url: 'https://acme.zendesk.com',
    email: 'me@acme.example',
    secret: { store: 'env', name: 'ZENDESK_TOKEN' },
  },
  testConnection: { id: 'acme' },
  removeConnection: { id: 'acme' },
  pauseAlerts: { minutes: 60 },
  actOnTicket: { id: 1, action: { kind: 'ack' } },
  retryChange: { seq: 1 },
  editChange: { seq: 1, action: { kind: 'resolve' } },
  discardChange: { seq: 1 },
  snoozeP1: { id: 1, minutes: 5 },
  sendTestNotification: {},
  importSchedule: { source: '/tmp/oncall.ics' },
  refreshSchedule: { name: 'Ops' },
  saveSchedule: { schedule: { id: 'ops', name: 'Ops', timeZone: 'UTC', layers: [], overrides: [] } },
  removeSchedule: { name: 'Ops' },
};

function open(dataDir: string, role: string, whenLocked: 'refuse' | 'read-only' = 'refuse') {
  return openPiketService({ dataDir, version: 'test', role, clock: createFakeClock(NOW), whenLocked });
}

/** What a reader must never change: the database file's bytes, its schema version, and contracts.json. */
function snapshot(dataDir: string) {
  const file = join(dataDir, DATABASE_FILE);
  const probe = new Database(file, { readonly: true });
  const version = probe.pragma('user_version', { simple: true });
  probe.close();
  const contracts = join(dataDir, 'contracts.json');
  return {
    bytes: readFileSync(file).toString('base64'),
    version,
    contracts: existsSync(contracts) ? readFileSync(contracts, 'utf8') : null,
  };
}

describe('a Piket that does not own its data folder', () => {
  it('answers every write method with read_only and changes nothing on disk', async () => {
    const dataDir = tempDir();
    const owner = open(dataDir, 'web');
    try {
      await owner.handlers.syncNow({});
      rmSync(join(dataDir, 'contracts.json'));
      const before = snapshot(dataDir);
      const reader = open(dataDir, 'cli', 'read-only');
      try {
        expect(reader.readOnlyReason).toContain(`web, process ${process.pid}`);
        for (const method of OWNER_METHODS) {
          const result = await dispatch(reader.handlers, method, WRITE_ARGS[method]);
          expect(result, method).toMatchObject({ ok: false, error: { code: 'read_only' } });
        }
        const page = await dispatch(reader.handlers, 'listQueue', { limit: 5 });
        expect(page.ok && (page.value as { tickets: unknown[] }).tickets.length).toBe(5);
        await reader.start();
      } finally {
        reader.close();
      }
      expect(snapshot(dataDir)).toEqual(before);
      expect(before.contracts).toBeNull();
    } finally {
      owner.close();
    }
  });

  it('refuses a database of another schema version without touching it', () => {
    const dataDir = tempDir();
    open(dataDir, 'app').close();
    const file = join(dataDir, DATABASE_FILE);
    const owner = open(dataDir, 'app');
    try {
      const older = new Database(file);
      older.pragma('user_version = 1');
      older.close();
      const before = snapshot(dataDir);
      expect(() => open(dataDir, 'cli', 'read-only')).toThrow(StartupError);
      expect(snapshot(dataDir)).toEqual(before);
    } finally {
      owner.close();
    }
  });
});
