// `piket watch` in-process on a real data folder and a fake clock: it owns the folder, syncs the demo desk, prints
// each connection's status change and each notice it hands over, and lets go of the folder when stopped; it does
// not start while a Piket that already alerts owns the folder. (test/integration/notify/p1-watch.test.ts runs it
// as a real process on a real desktop.)
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { SUMMARY_DELAY_MS } from '../../../src/core/alerts';
import { openPiketService } from '../../../src/core/piket-service';
import { DEFAULT_SYNC_INTERVAL_SECONDS } from '../../../src/core/settings';
import { callOwner } from '../../../src/control/control-client';
import { PIKET_VERSION } from '../../../src/platform/version';
import { createFakeClock } from '../../support/fake-clock';
import { RecordingNotifier } from '../../support/recording-notifier';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 26, 9);

/** Runs `piket watch` until `stop` is called; the output so far is readable at any time. */
function startWatch(dataDir: string, extra: string[] = []) {
  const clock = createFakeClock(NOW);
  const notifier = new RecordingNotifier();
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const out = { stdout: '', stderr: '' };
  const done = runCli(
    ['--data-dir', dataDir, 'watch', ...extra],
    {
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
      stdin: () => Promise.resolve(''),
    },
    { clock, notifier, untilStopped: () => stopped },
  );
  return { out, done, stop, clock, notifier };
}

describe('piket watch', () => {
  it('syncs, prints each status change and each notice it hands over, and frees the folder when stopped', async () => {
    const dataDir = tempDir();
    const watching = startWatch(dataDir);
    await vi.waitFor(() => expect(watching.out.stdout).toMatch(/^\d\d:\d\d:\d\d Demo desk: up to date$/m));
    expect(watching.out.stdout.split('\n')[0]).toBe(
      `Piket ${PIKET_VERSION} is watching ${dataDir}: it syncs and alerts until Ctrl+C.`,
    );

    // The demo desk's overdue SLA alerts of the first start come as one summary; its new P1s one by one.
    watching.clock.advance(SUMMARY_DELAY_MS);
    await vi.waitFor(() => expect(watching.notifier.notices.some((n) => n.ticketId === null)).toBe(true));
    const { notices } = watching.notifier;
    expect(notices.filter((n) => n.ticketId === null)).toHaveLength(1);
    for (const notice of notices) {
      expect(watching.out.stdout).toContain(
        ` notice: ${notice.title} (${notice.urgency}${notice.late ? ', late' : ''}; shown)\n`,
      );
    }
    // It keeps syncing, and a round that changes nothing is no news: one status line for three rounds.
    for (let round = 0; round < 2; round++) {
      watching.clock.advance(DEFAULT_SYNC_INTERVAL_SECONDS * 1000);
      await vi.waitFor(async () => {
        const info = await callOwner(dataDir, 'getInfo', {});
        expect(info.ok && info.value.sync.lastSyncAt).toBe(watching.clock.now());
      });
    }
    expect(watching.out.stdout.match(/Demo desk: /g)).toHaveLength(1);

    watching.stop();
    expect(await watching.done).toBe(0);
    expect(watching.out.stdout.endsWith('Stopped watching.\n')).toBe(true);
    expect(watching.out.stderr).toBe('');
    const next = openPiketService({ dataDir, version: 'test', role: 'app', clock: createFakeClock(NOW) });
    expect(next.readOnlyReason).toBeNull();
    next.close();
  });

  it('does not start, in one line and exit code 1, while browser mode owns the folder', async () => {
    const dataDir = tempDir();
    const owner = openPiketService({ dataDir, version: 'test', role: 'web', clock: createFakeClock(NOW) });
    try {
      const watching = startWatch(dataDir);
      expect(await watching.done).toBe(1);
      expect(watching.out).toEqual({
        stdout: '',
        stderr: `piket watch: Browser mode (process ${process.pid}) already runs with ${dataDir}, syncs it and alerts; there is nothing for watch to do.\n`,
      });
      expect(watching.notifier.notices).toEqual([]);
    } finally {
      owner.close();
    }
  });

  it('takes no argument', async () => {
    const watching = startWatch(tempDir(), ['now']);
    expect(await watching.done).toBe(2);
    expect(watching.out).toEqual({
      stdout: '',
      stderr: 'piket: unexpected argument "now".\nRun "piket --help" for usage.\n',
    });
  });
});
