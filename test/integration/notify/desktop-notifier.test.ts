// The desktop Notifier against a real notification service: dunst on an Xvfb display and a private D-Bus session,
// read back with `dunstctl history`; and what it says when there is no service, or no notify-send. The Notifier runs
// in a child process with that desktop's environment, as browser mode would. The tools come from Debian packages
// (see desktop-session.ts); a machine without them fails these tests with the packages to install.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertNotice } from '../../../src/alerts/notifier';
import { useTempDirs } from '../../support/temp-dir';
import { missingTools, useDesktopSessions, type DesktopSession } from './desktop-session';
import type { ChildReport } from './notify-child';

const CHILD_SCRIPT = fileURLToPath(new URL('./notify-child.ts', import.meta.url));
const ICON = fileURLToPath(new URL('../../../assets/icon.png', import.meta.url));
const CHILD_DEADLINE_MS = 20_000;

function notice(overrides: Partial<AlertNotice>): AlertNotice {
  return {
    key: 'ticket:7:response:breach',
    title: 'P1 Acme: checkout down',
    body: 'Response SLA breached 2 minutes ago',
    urgency: 'critical',
    ticketId: 7,
    late: false,
    ...overrides,
  };
}

/** Runs the Notifier in a child with `env` and resolves with what it reported. */
function notifyFrom(env: NodeJS.ProcessEnv, alert: AlertNotice): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(alert)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The notifier child did not finish within ${CHILD_DEADLINE_MS} ms: ${errors}`));
    }, CHILD_DEADLINE_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(out) as ChildReport);
      else reject(new Error(`The notifier child exited with ${code}: ${errors}`));
    });
  });
}

const startSession = useDesktopSessions();

describe('the desktop Notifier with dunst as the notification service', () => {
  let desktop: DesktopSession;
  beforeAll(async () => {
    desktop = await startSession({ dunst: true });
  });

  it('delivers a P1 with its title, body, app name and icon, critical and never expiring', async () => {
    const report = await notifyFrom(desktop.env, notice({}));
    expect(report).toEqual({ outcome: 'shown', log: [] });

    const entry = await desktop.historyEntry('P1 Acme: checkout down');
    expect(entry.body.data).toBe('Response SLA breached 2 minutes ago');
    expect(entry.appname.data).toBe('Piket');
    expect(entry.icon_path.data).toBe(ICON);
    expect(entry.message.data).toBe('urgency=CRITICAL P1 Acme: checkout down');
    if (entry.urgency) expect(entry.urgency.data).toBe('CRITICAL');
    expect(entry.timeout.data).toBe(0);
  });

  it('delivers a normal notice that lives as long as the service decides, its text as written', async () => {
    const title = '-10 % of the P3 budget left';
    const body = 'Customer wrote: <script> & "quotes" in C:\\temp\nSecond line';
    const report = await notifyFrom(
      desktop.env,
      notice({ key: 'ticket:8:response:90', title, body, urgency: 'normal' }),
    );
    expect(report).toEqual({ outcome: 'shown', log: [] });

    const entry = await desktop.historyEntry(`\u2060${title}`);
    expect(entry.message.data).toMatch(/^urgency=NORMAL /);
    if (entry.urgency) expect(entry.urgency.data).toBe('NORMAL');
    expect(entry.body.data).toBe('Customer wrote: &lt;script&gt; &amp; "quotes" in C:\\temp\nSecond line');
    expect(entry.timeout.data).toBe(60_000_000);
  });
});

describe('the desktop Notifier without a notification service', () => {
  const tempDir = useTempDirs('piket-no-notify-send-');

  it('fails, saying that nothing on the session bus shows notifications', async () => {
    const desktop = await startSession({ dunst: false });
    const report = await notifyFrom(desktop.env, notice({}));
    expect(report.outcome).toBe('failed');
    expect(report.log).toEqual([
      'Desktop notification "ticket:7:response:breach" was not shown: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files',
    ]);
  });

  it('fails, saying which package to install, when notify-send is missing', async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const report = await notifyFrom({ ...process.env, PATH: tempDir() }, notice({}));
    expect(report).toEqual({
      outcome: 'failed',
      log: [
        'Desktop notification "ticket:7:response:breach" was not shown: notify-send is not installed (on Debian and Ubuntu: apt-get install libnotify-bin)',
      ],
    });
  });
});
