// A throwaway desktop for the notification tests: an Xvfb display (a free number, chosen by Xvfb itself), a private
// D-Bus session bus that starts no services on its own, and optionally dunst as the notification service; read back
// with `dunstctl history`. Each process runs in its own process group, and every group is killed when the test file
// ends. Every wait has a deadline.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll } from 'vitest';
import { exitOf, withDeadline as waitAtMost } from '../../support/waits';

const DEADLINE_MS = 15_000;
const POLL_MS = 25;

/** The programs these tests run, and the Debian package of each. */
const TOOLS: ReadonlyArray<readonly [program: string, debianPackage: string]> = [
  ['Xvfb', 'xvfb'],
  ['dbus-daemon', 'dbus'],
  ['dbus-send', 'dbus'],
  ['busctl', 'systemd'],
  ['dunst', 'dunst'],
  ['dunstctl', 'dunst'],
  ['notify-send', 'libnotify-bin'],
];

/** dunst's formats carry the urgency it read into every notice's message, so the history shows it. */
const DUNSTRC = `[global]
    markup = full
[urgency_low]
    format = "urgency=LOW %s"
    timeout = 60
[urgency_normal]
    format = "urgency=NORMAL %s"
    timeout = 60
[urgency_critical]
    format = "urgency=CRITICAL %s"
    timeout = 60
`;

/** A bus like the session bus, without service folders: nothing is started by D-Bus activation. */
const busConfig = (
  dir: string,
): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

/** One notice in `dunstctl history`: each field is `{ type, data }` (a D-Bus variant). */
export interface HistoryEntry {
  summary: { data: string };
  body: { data: string };
  message: { data: string };
  appname: { data: string };
  icon_path: { data: string };
  /** Microseconds; 0 never expires. */
  timeout: { data: number };
  /** Only in dunst 1.10 and later. */
  urgency?: { data: string };
}

export interface DesktopSession {
  /** The environment a program on this desktop gets. */
  readonly env: NodeJS.ProcessEnv;
  /** Closes every notice on screen (they then enter dunst's history) and waits until one has this summary. */
  historyEntry(summary: string): Promise<HistoryEntry>;
  /** Closes every notice on screen and returns dunst's whole history, newest first. */
  history(): HistoryEntry[];
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Names the programs missing on this machine and the packages that bring them, or null when all are there. */
export function missingTools(): string | null {
  const missing = TOOLS.filter(([program]) => !onPath(program));
  if (missing.length === 0) return null;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
  return (
    `The desktop notification tests need ${missing.map(([program]) => program).join(', ')}, ` +
    `which this machine lacks. Install them with: apt-get install ${packages} (.ci/run does this in CI).`
  );
}

function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  return waitAtMost(promise, what, DEADLINE_MS);
}

/** Signals the child's whole process group; a group that is already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ESRCH') throw error;
  }
}

/** Resolves with the first line `child` writes to `stream`; rejects when it exits first. */
function firstLine(child: ChildProcess, stream: NodeJS.ReadableStream, what: string, stderr: () => string) {
  return withDeadline(
    new Promise<string>((resolve, reject) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const end = text.indexOf('\n');
        if (end >= 0) resolve(text.slice(0, end).trim());
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`${what} exited (${signal ?? code}) before it was ready: ${stderr()}`)),
      );
    }),
    what,
  );
}

/** Waits until `check` holds, trying again every POLL_MS until the deadline. */
async function until<T>(check: () => T | null, what: string): Promise<T> {
  const giveUpAt = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = check();
    if (value !== null) return value;
    if (Date.now() > giveUpAt) throw new Error(`Gave up waiting for ${what} after ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * `startSession` starts a desktop (with dunst, or with nothing that shows notifications); all of them are stopped,
 * and their folders removed, when the test file ends.
 */
export function useDesktopSessions(): (options: { dunst: boolean }) => Promise<DesktopSession> {
  const processes: ChildProcess[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    await Promise.all(
      processes.reverse().map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const gone = exitOf(child);
        signalGroup(child, 'SIGTERM');
        await withDeadline(gone, `process ${child.pid} to stop`).catch(() => {
          signalGroup(child, 'SIGKILL');
          return gone;
        });
      }),
    );
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function start(command: string, args: string[], env: NodeJS.ProcessEnv, extraFd = false) {
    const child = spawn(command, args, {
      env,
      detached: true,
      stdio: extraFd ? ['ignore', 'ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    });
    processes.push(child);
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return { child, stderr: () => errors.trim() };
  }

  return async ({ dunst }) => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const dir = mkdtempSync(join(tmpdir(), 'piket-desktop-'));
    dirs.push(dir);

    const xvfb = start(
      'Xvfb',
      ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '640x480x24'],
      process.env,
      true,
    );
    const display = `:${await firstLine(xvfb.child, xvfb.child.stdio[3] as NodeJS.ReadableStream, 'Xvfb', xvfb.stderr)}`;

    writeFileSync(join(dir, 'bus.conf'), busConfig(dir));
    const bus = start(
      'dbus-daemon',
      [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'],
      process.env,
    );
    const busAddress = await firstLine(bus.child, bus.child.stdout!, 'dbus-daemon', bus.stderr);

    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: busAddress };
    delete env.WAYLAND_DISPLAY;
    const dunstctl = (...args: string[]) =>
      spawnSync('dunstctl', args, { env, encoding: 'utf8', timeout: DEADLINE_MS });

    if (dunst) {
      writeFileSync(join(dir, 'dunstrc'), DUNSTRC);
      const daemon = start('dunst', ['-config', join(dir, 'dunstrc')], env);
      await until(() => {
        if (daemon.child.exitCode !== null)
          throw new Error(`dunst exited before it was ready: ${daemon.stderr()}`);
        return dunstctl('history').status === 0 ? true : null;
      }, 'dunst to take the notification service');
    }

    const history = (): HistoryEntry[] => {
      dunstctl('close-all');
      const shown = dunstctl('history');
      if (shown.status !== 0) throw new Error(`dunstctl history failed: ${shown.stdout}${shown.stderr}`);
      return (JSON.parse(shown.stdout) as { data: HistoryEntry[][] }).data[0] ?? [];
    };
    return {
      env,
      history,
      historyEntry: (summary) =>
        until(
          () => history().find((entry) => entry.summary.data === summary) ?? null,
          `a notice "${summary}" in dunst's history`,
        ),
    };
  };
}
