// The CLI's write path while another Piket owns the data folder: calls go over the owner's control socket, are
// validated and run by the owner (whose UI hears of them at once), and strangers without the token are refused.
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/api';
import { callOwner } from '../../../src/control/control-client';
import { controlSocketPath } from '../../../src/control/endpoint';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { readLockOwner } from '../../../src/platform/instance-lock';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';
import { runPiket } from '../../support/cli';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);

async function withOwner(test: (owner: PiketService, dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = tempDir();
  const owner = openPiketService({
    dataDir,
    version: 'test',
    role: 'web',
    clock: createFakeClock(NOW),
    syncIntervalMs: 24 * 60 * 60 * 1000,
  });
  try {
    await owner.start();
    await test(owner, dataDir);
  } finally {
    owner.close();
  }
}

const cli = (argv: string[]) => runPiket(argv, NOW);

/** Sends raw lines to the socket and collects what comes back until the owner closes or `count` lines came. */
function rawExchange(path: string, payload: string, count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    let buffered = '';
    const socket = connect(path, () => socket.write(payload));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
      if (lines.length >= count) socket.destroy();
      if (lines.length >= count) resolve(lines);
    });
    socket.on('close', () => resolve(lines));
    socket.on('error', () => resolve(lines));
  });
}

describe('the control socket', () => {
  it('lets `piket sync` run in the Piket that owns the folder, which tells its UI', async () => {
    await withOwner(async (owner, dataDir) => {
      const statuses: SyncStatus[] = [];
      owner.on('syncStatus', (status) => statuses.push(status));
      const { code, stdout, stderr } = await cli(['--data-dir', dataDir, 'sync']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Synced/);
      expect(statuses.map((status) => status.state)).toContain('idle');
      expect((await owner.handlers.getInfo({})).sync.lastSyncAt).toBe(NOW);
    });
  });

  it('lets `piket queue` ask the owner to sync, then read the folder itself', async () => {
    await withOwner(async (_owner, dataDir) => {
      const { code, stdout, stderr } = await cli(['--data-dir', dataDir, 'queue', '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as unknown[]).length).toBeGreaterThan(20);
    });
  });

  it('is reachable only by whoever can read the owner file: the socket is user-only and needs the token', async () => {
    await withOwner(async (_owner, dataDir) => {
      const owner = readLockOwner(dataDir)!;
      expect(owner.control?.path).toBe(controlSocketPath(dataDir));
      if (process.platform !== 'win32') expect(statSync(owner.control!.path).mode & 0o777).toBe(0o600);
      const call = (token: string) => JSON.stringify({ token, id: 7, method: 'syncNow', args: {} }) + '\n';
      const [refused] = await rawExchange(owner.control!.path, call('0'.repeat(64)), 1);
      expect(JSON.parse(refused!)).toEqual({
        id: 7,
        result: { ok: false, error: { code: 'unavailable', message: 'Wrong control token.' } },
      });
      const [garbled, invalid] = await rawExchange(
        owner.control!.path,
        'not json\n' +
          JSON.stringify({ token: owner.control!.token, id: 8, method: 'getTicket', args: { id: 'x' } }) +
          '\n',
        2,
      );
      expect(JSON.parse(garbled!).result.error.code).toBe('invalid_argument');
      expect(JSON.parse(invalid!)).toMatchObject({
        id: 8,
        result: { ok: false, error: { code: 'invalid_argument' } },
      });
    });
  });

  it('drops a caller that sends an endless line', async () => {
    await withOwner(async (_owner, dataDir) => {
      const { path } = readLockOwner(dataDir)!.control!;
      expect(await rawExchange(path, 'x'.repeat(2 * 1024 * 1024), 1)).toEqual([]);
      const result = await callOwner(dataDir, 'getSettings', {});
      expect(result.ok).toBe(true);
    });
  });

  it('says clearly when the owner does not answer', async () => {
    const dataDir = tempDir();
    const owner = openPiketService({ dataDir, version: 'test', role: 'app', clock: createFakeClock(NOW) });
    try {
      const { code, stderr } = await cli(['--data-dir', dataDir, 'sync']);
      expect(code).toBe(1);
      expect(stderr).toContain('The Piket that owns this data folder did not take the call');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      owner.close();
    }
  });
});
