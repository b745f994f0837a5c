// `piket watch`: Piket without a window, for tiling-WM and terminal users. It owns the data folder as the desktop
// app does, syncs every connection and raises alerts as desktop notifications, prints one line per change of a
// connection's sync status and per notice, and runs until SIGINT or SIGTERM, then closes cleanly.
import type { AlertNotice, DeliveryOutcome, Notifier } from '../alerts/notifier';
import type { ConnectionSyncStatus, SyncStatus } from '../api';
import type { Clock } from '../domain/clock';
import { openPiketService } from '../core/piket-service';
import { createDesktopNotifier } from '../platform/desktop-notifier';
import { readLockOwner, type LockOwner } from '../platform/instance-lock';
import { PIKET_VERSION } from '../platform/version';
import type { CliIo } from './session';
import { undone } from './sync-command';

export interface WatchOptions {
  dataDir: string;
  clock: Clock;
  io: CliIo;
  /** How notices reach the person; default the desktop's notification service (node-notifier). */
  notifier?: Notifier;
  /** Resolves when watching should stop; default at the first SIGINT or SIGTERM. */
  untilStopped?: () => Promise<void>;
}

const CLOCK_TIME = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The first SIGINT or SIGTERM; the handlers go once it came, so a second Ctrl+C ends the process at once. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Why watch does not start while `owner` owns the folder, in one line. */
function ownedBy(owner: LockOwner | null, dataDir: string): string {
  const pid = owner ? ` (process ${owner.pid})` : '';
  switch (owner?.role) {
    case 'cli':
      return `a piket command${pid} is using ${dataDir}; start watch again once it is done.`;
    case 'app':
    case 'web':
    case 'watch': {
      const who = { app: 'The desktop app', web: 'Browser mode', watch: 'Another piket watch' }[owner.role];
      return `${who}${pid} already runs with ${dataDir}, syncs it and alerts; there is nothing for watch to do.`;
    }
    default:
      return `another Piket${pid} already runs with ${dataDir}, syncs it and alerts; there is nothing for watch to do.`;
  }
}

/** What a settled connection status says, or null while it syncs (a round is no news). */
function statusText(connection: ConnectionSyncStatus): string | null {
  if (connection.state === 'syncing') return null;
  return undone(connection) ?? 'up to date';
}

/** The Notifier, also printing a line for every notice it handed over and what became of it. */
function printing(notifier: Notifier, print: (line: string) => void): Notifier {
  return {
    channel: notifier.channel,
    problem: () => notifier.problem(),
    notify: async (notice: AlertNotice): Promise<DeliveryOutcome> => {
      const outcome = await notifier.notify(notice);
      print(`notice: ${notice.title} (${notice.urgency}${notice.late ? ', late' : ''}; ${outcome})`);
      return outcome;
    },
  };
}

/** Runs until stopped; exit code 0 after a clean stop, 1 when another Piket owns the folder. */
export async function watch(options: WatchOptions): Promise<number> {
  const { dataDir, clock, io } = options;
  const print = (line: string): void => io.stdout(`${CLOCK_TIME.format(clock.now())} ${line}\n`);
  const log = (line: string): void => io.stderr(`${line}\n`);
  const service = openPiketService({
    dataDir,
    version: PIKET_VERSION,
    role: 'watch',
    clock,
    log,
    whenLocked: 'read-only',
    notifier: printing(options.notifier ?? createDesktopNotifier(log), print),
  });
  if (service.readOnlyReason !== null) {
    service.close();
    io.stderr(`piket watch: ${ownedBy(readLockOwner(dataDir), dataDir)}\n`);
    return 1;
  }
  const stopped = (options.untilStopped ?? untilSignal)();
  try {
    const shown = new Map<string, string>();
    service.on('syncStatus', (status: SyncStatus) => {
      for (const connection of status.connections) {
        const text = statusText(connection);
        if (text === null || shown.get(connection.source) === text) continue;
        shown.set(connection.source, text);
        print(`${connection.label}: ${text}`);
      }
    });
    for (const notice of (await service.handlers.getInfo({})).notices) log(notice);
    io.stdout(`Piket ${PIKET_VERSION} is watching ${dataDir}: it syncs and alerts until Ctrl+C.\n`);
    await service.start();
    await stopped;
  } finally {
    service.close();
  }
  io.stdout('Stopped watching.\n');
  return 0;
}
