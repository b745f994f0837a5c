// The desktop Notifier against a scripted node-notifier (the system edge): what each notice asks of notify-send and
// of the macOS/Windows notifiers, how every answer maps to an outcome, and that it never throws, rejects or hangs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlertNotice, DeliveryOutcome } from '../../../src/alerts/notifier';
import {
  DesktopNotifier,
  describeFailure,
  findNotifierIcon,
  onPath,
  type BackendCallback,
  type NotificationBackend,
} from '../../../src/platform/desktop-notifier';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const ICON = '/opt/piket/assets/icon.png';

function notice(overrides: Partial<AlertNotice> = {}): AlertNotice {
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

/** A node-notifier stand-in: keeps what it was asked and lets the test answer (or not) later. */
function scriptedBackend(): NotificationBackend & {
  calls: Array<{ options: Record<string, unknown>; answer: BackendCallback }>;
} {
  const calls: Array<{ options: Record<string, unknown>; answer: BackendCallback }> = [];
  return {
    calls,
    notify(options, callback) {
      calls.push({ options, answer: callback });
      return this;
    },
  };
}

function setup(platform: NodeJS.Platform = 'linux', hasCommand: (name: string) => boolean = () => true) {
  const backend = scriptedBackend();
  const clock = createFakeClock(Date.UTC(2026, 10, 29, 20));
  const logged: string[] = [];
  const notifier = new DesktopNotifier({
    backend,
    platform,
    iconPath: ICON,
    clock,
    log: (line) => logged.push(line),
    hasCommand,
  });
  return { backend, clock, logged, notifier };
}

/** Resolves with the outcome, or 'pending' when the promise has not settled after the microtasks ran. */
async function settledOrPending(promise: Promise<DeliveryOutcome>): Promise<DeliveryOutcome | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

describe('DesktopNotifier on Linux (notify-send)', () => {
  it('asks for a critical, never-expiring notice from Piket with its icon for a P1', async () => {
    const { backend, notifier } = setup();
    const outcome = notifier.notify(notice());
    expect(backend.calls[0]!.options).toEqual({
      title: 'P1 Acme: checkout down',
      message: 'Response SLA breached 2 minutes ago',
      urgency: 'critical',
      'app-name': 'Piket',
      'expire-time': '0',
      icon: ICON,
    });
    backend.calls[0]!.answer(null, '');
    await expect(outcome).resolves.toBe('shown');
  });

  it("leaves a normal or low notice's lifetime to the notification service", () => {
    const { backend, notifier } = setup();
    void notifier.notify(notice({ urgency: 'normal' }));
    void notifier.notify(notice({ urgency: 'low' }));
    expect(backend.calls.map((call) => [call.options.urgency, call.options['expire-time']])).toEqual([
      ['normal', '-1'],
      ['low', '-1'],
    ]);
  });

  it('keeps text that notify-send or markup would misread as what it says', () => {
    const { backend, notifier } = setup();
    void notifier.notify(notice({ title: '-5 % left\non P2', body: '-a <b> & C:\\temp\nnext line' }));
    expect(backend.calls[0]!.options.title).toBe('\u2060-5 % left on P2');
    expect(backend.calls[0]!.options.message).toBe('\u2060-a &lt;b&gt; &amp; C:\\\\temp\nnext line');
  });

  it('fails with the reason in words when notify-send fails, without its command line', async () => {
    const { backend, logged, notifier } = setup();
    const outcome = notifier.notify(notice());
    backend.calls[0]!.answer(
      new Error(
        'Command failed: notify-send "P1 Acme" "body" --urgency "critical"\n' +
          'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files\n',
      ),
    );
    await expect(outcome).resolves.toBe('failed');
    expect(logged).toEqual([
      'Desktop notification "ticket:7:response:breach" was not shown: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files',
    ]);
  });

  it('counts a notice as shown when notify-send succeeded but wrote a warning', async () => {
    const { backend, logged, notifier } = setup();
    const outcome = notifier.notify(notice());
    backend.calls[0]!.answer('(notify-send:42): GLib-WARNING: something odd\n', '');
    await expect(outcome).resolves.toBe('shown');
    expect(logged).toEqual([]);
  });

  it('fails, never throws, when the notifier throws', async () => {
    const logged: string[] = [];
    const notifier = new DesktopNotifier({
      backend: {
        notify() {
          throw new TypeError('The second argument must be a function callback');
        },
      },
      platform: 'linux',
      clock: createFakeClock(0),
      log: (line) => logged.push(line),
    });
    await expect(notifier.notify(notice())).resolves.toBe('failed');
    expect(logged[0]).toContain('The second argument must be a function callback');
  });

  it('fails at the deadline when the notifier never answers, and a late answer changes nothing', async () => {
    const { backend, clock, logged, notifier } = setup();
    const outcome = notifier.notify(notice());
    clock.advance(9_999);
    expect(await settledOrPending(outcome)).toBe('pending');
    clock.advance(1);
    await expect(outcome).resolves.toBe('failed');
    expect(logged).toEqual([
      'Desktop notification "ticket:7:response:breach" was not shown: the notification service did not answer within 10000 ms',
    ]);
    backend.calls[0]!.answer(null, 'activate');
    await expect(outcome).resolves.toBe('failed');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('sends no icon when there is none', () => {
    const backend = scriptedBackend();
    void new DesktopNotifier({
      backend,
      platform: 'linux',
      iconPath: null,
      clock: createFakeClock(0),
    }).notify(notice());
    expect(backend.calls[0]!.options).not.toHaveProperty('icon');
  });
});

describe('DesktopNotifier on macOS and Windows', () => {
  it('asks for a notice that does not time out, with sound, for a P1; ten seconds otherwise', () => {
    const { backend, notifier } = setup('darwin');
    void notifier.notify(notice());
    void notifier.notify(notice({ urgency: 'normal' }));
    expect(backend.calls.map((call) => call.options)).toEqual([
      {
        title: 'P1 Acme: checkout down',
        message: 'Response SLA breached 2 minutes ago',
        sound: true,
        wait: false,
        timeout: false,
        icon: ICON,
      },
      {
        title: 'P1 Acme: checkout down',
        message: 'Response SLA breached 2 minutes ago',
        sound: false,
        wait: false,
        timeout: 10,
        icon: ICON,
      },
    ]);
  });

  it.each([
    ['activate', 'clicked'],
    ['replied', 'clicked'],
    ['timeout', 'timed_out'],
    ['dismissed', 'dismissed'],
    ['closed', 'dismissed'],
    [undefined, 'shown'],
  ] as const)("maps the notifier's answer %s to %s", async (response, expected) => {
    const { backend, notifier } = setup('win32');
    const outcome = notifier.notify(notice());
    backend.calls[0]!.answer(null, response);
    await expect(outcome).resolves.toBe(expected);
  });

  it('keeps the first answer when the notifier answers twice', async () => {
    const { backend, notifier } = setup('win32');
    const outcome = notifier.notify(notice());
    backend.calls[0]!.answer(new Error('SnoreToast failed'), {});
    backend.calls[0]!.answer(null, 'activate');
    await expect(outcome).resolves.toBe('failed');
  });

  it('waits longer for an answer, since the answer comes when the person acts or the notice times out', async () => {
    const { clock, notifier } = setup('darwin');
    const outcome = notifier.notify(notice());
    clock.advance(29_999);
    expect(await settledOrPending(outcome)).toBe('pending');
    clock.advance(1);
    await expect(outcome).resolves.toBe('failed');
  });
});

describe('the problem the health panel shows', () => {
  it('names a missing notify-send on Linux before any notice is sent, and how to install it', () => {
    expect(setup('linux', (name) => name !== 'notify-send').notifier.problem()).toMatch(
      /notify-send is not installed .*libnotify-bin/,
    );
    expect(setup('darwin', () => false).notifier.problem()).toBeNull();
  });

  it('is the last failure in words until a notice is shown again', async () => {
    const { backend, notifier } = setup();
    const failed = notifier.notify(notice());
    backend.calls[0]!.answer(new Error('Command failed: notify-send\nNo notification service\n'));
    await failed;
    expect(notifier.problem()).toBe('No notification service');
    const shown = notifier.notify(notice());
    backend.calls[1]!.answer(null, '');
    await shown;
    expect(notifier.problem()).toBeNull();
  });
});

describe('onPath', () => {
  const tempDir = useTempDirs();
  it('finds an executable in one of the PATH folders, not a plain file or a missing one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notify-send'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'readme'), 'text', { mode: 0o644 });
    expect(onPath('notify-send', `/nonexistent${delimiter}${dir}`)).toBe(true);
    expect(onPath('readme', dir)).toBe(false);
    expect(onPath('notify-send', '')).toBe(false);
  });
});

describe('describeFailure', () => {
  it('says how to install notify-send when it is missing', () => {
    const missing = Object.assign(
      new Error('Command failed: notify-send "a" "b"\n/bin/sh: 1: notify-send: not found'),
      {
        code: 127,
      },
    );
    expect(describeFailure(missing)).toBe(
      'notify-send is not installed (on Debian and Ubuntu: apt-get install libnotify-bin)',
    );
    expect(describeFailure(new Error('not found: notify-send'))).toBe(
      'notify-send is not installed (on Debian and Ubuntu: apt-get install libnotify-bin)',
    );
  });

  it('keeps a message without a command line whole', () => {
    expect(describeFailure(new Error('Only supported on Linux and *BSD systems'))).toBe(
      'Only supported on Linux and *BSD systems',
    );
  });
});

describe('findNotifierIcon', () => {
  const tempDir = useTempDirs('piket-icon-');

  it("finds Piket's icon from the source folder of the notifier", () => {
    const sourceDir = fileURLToPath(new URL('../../../src/platform', import.meta.url));
    expect(findNotifierIcon(sourceDir)).toBe(
      fileURLToPath(new URL('../../../assets/icon.png', import.meta.url)),
    );
  });

  it('finds it from a built file two folders below the root, and gives null when there is none', () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'icon.png'), '');
    mkdirSync(join(root, 'out', 'main', 'chunks'), { recursive: true });
    expect(findNotifierIcon(join(root, 'out', 'main', 'chunks'))).toBe(join(root, 'assets', 'icon.png'));
    expect(findNotifierIcon(join(tempDir(), 'a', 'b'))).toBeNull();
  });
});
