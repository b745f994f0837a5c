// The desktop Notifier of browser mode (and `piket watch`): hands each notice to the OS through node-notifier
// (notify-send on Linux, terminal-notifier on macOS, SnoreToast on Windows) and turns its answer into a
// DeliveryOutcome. It never throws, never rejects and never hangs: a notice the OS has not answered by the
// deadline counts as failed. Why a notice failed is told in words through `log`.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeNotifier from 'node-notifier';
import type { AlertNotice, DeliveryOutcome, Notifier } from '../alerts/notifier';
import type { Clock } from '../domain/clock';
import { createSystemClock } from './system-clock';

const NOTIFIER_APP_NAME = 'Piket';
const ICON_FILE = join('assets', 'icon.png');
/** notify-send returns as soon as the notification service took the notice; this is ample. */
const LINUX_DEADLINE_MS = 10_000;
/** terminal-notifier and SnoreToast answer once the notice is clicked, dismissed or timed out. */
const OTHER_DEADLINE_MS = 30_000;
/** How long a notice other than a critical one stays on screen on macOS and Windows, in seconds. */
const OTHER_TIMEOUT_SECONDS = 10;

/** node-notifier's callback: an Error when the notifier failed, otherwise the OS's answer as a word. */
export type BackendCallback = (error: unknown, response?: unknown) => void;

/** The part of a node-notifier notifier this module uses (a fake one in unit tests). */
export interface NotificationBackend {
  notify(options: Record<string, unknown>, callback: BackendCallback): unknown;
}

export interface DesktopNotifierOptions {
  backend: NotificationBackend;
  /** Decides which options the backend gets; node-notifier picks its notifier by the same. */
  platform?: NodeJS.Platform;
  /** Absolute path of the notice's icon, or null for none. */
  iconPath?: string | null;
  /** How long to wait for the backend's answer before the notice counts as failed. */
  deadlineMs?: number;
  clock?: Clock;
  /** Where a failure is told in words (the host's log). */
  log?: (line: string) => void;
  /** Whether a command is on the PATH (Linux: notify-send); default: looks through process.env.PATH. */
  hasCommand?: (name: string) => boolean;
}

/** Whether an executable file called `name` is in one of the PATH's folders. */
export function onPath(name: string, path: string | undefined = process.env.PATH): boolean {
  return (path ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

const NO_NOTIFY_SEND = 'notify-send is not installed (on Debian and Ubuntu: apt-get install libnotify-bin)';

function usesNotifySend(platform: NodeJS.Platform): boolean {
  return platform === 'linux' || platform === 'freebsd' || platform === 'openbsd' || platform === 'netbsd';
}

/**
 * notify-send reads an argument that starts with `-` as an option, even the title; a word joiner (U+2060) in
 * front keeps it text and shows nothing.
 */
function notOption(text: string): string {
  return text.startsWith('-') ? `\u2060${text}` : text;
}

/**
 * The body as notify-send needs it: notification services that show markup (all common Linux ones) read `&`, `<`
 * and `>` as markup, and notify-send itself reads backslash escapes in the body, so both are escaped. Newlines
 * stay: node-notifier writes them as `\n`, which notify-send turns back into newlines.
 */
function notifySendBody(body: string): string {
  const markup = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return notOption(markup.replace(/\\/g, '\\\\'));
}

/** What node-notifier is given for a notice on this platform. */
function backendOptions(
  notice: AlertNotice,
  platform: NodeJS.Platform,
  iconPath: string | null,
): Record<string, unknown> {
  const critical = notice.urgency === 'critical';
  const icon = iconPath === null ? {} : { icon: iconPath };
  if (usesNotifySend(platform)) {
    return {
      title: notOption(notice.title.replace(/\s*\n\s*/g, ' ')),
      message: notifySendBody(notice.body),
      urgency: notice.urgency,
      'app-name': NOTIFIER_APP_NAME,
      // In milliseconds, passed through as text: 0 never expires, -1 is the notification service's own default.
      // (node-notifier's `timeout: false` does not do this for notify-send: it sends 10 seconds.)
      'expire-time': critical ? '0' : '-1',
      ...icon,
    };
  }
  return {
    title: notice.title,
    message: notice.body,
    sound: critical,
    wait: false,
    timeout: critical ? false : OTHER_TIMEOUT_SECONDS,
    ...icon,
  };
}

/** The outcome an answer from node-notifier stands for; anything that is not an error means the OS has it. */
function outcomeOf(error: unknown, response: unknown): DeliveryOutcome {
  if (error instanceof Error) return 'failed';
  switch (typeof response === 'string' ? response.trim().toLowerCase() : '') {
    case 'activate':
    case 'replied':
      return 'clicked';
    case 'timeout':
      return 'timed_out';
    case 'dismissed':
    case 'closed':
      return 'dismissed';
    default:
      return 'shown';
  }
}

/** Why the notifier failed, in words: the notifier's own message without node-notifier's command line. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (
    (error as { code?: unknown }).code === 127 ||
    /not found: notify-send|notify-send must be/.test(error.message)
  )
    return NO_NOTIFY_SEND;
  const lines = error.message.split('\n').filter((line) => line.trim() !== '');
  const rest = lines[0]?.startsWith('Command failed:') ? lines.slice(1) : lines;
  return rest.join(' ').trim() || error.message;
}

export class DesktopNotifier implements Notifier {
  readonly channel = 'desktop';
  private lastFailure: string | null = null;
  private readonly hasCommand: (name: string) => boolean;
  private readonly backend: NotificationBackend;
  private readonly platform: NodeJS.Platform;
  private readonly iconPath: string | null;
  private readonly deadlineMs: number;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;

  constructor(options: DesktopNotifierOptions) {
    this.backend = options.backend;
    this.platform = options.platform ?? process.platform;
    this.iconPath = options.iconPath ?? null;
    this.deadlineMs =
      options.deadlineMs ?? (usesNotifySend(this.platform) ? LINUX_DEADLINE_MS : OTHER_DEADLINE_MS);
    this.clock = options.clock ?? createSystemClock();
    this.log = options.log ?? (() => undefined);
    this.hasCommand = options.hasCommand ?? ((name) => onPath(name));
  }

  problem(): string | null {
    if (usesNotifySend(this.platform) && !this.hasCommand('notify-send')) return NO_NOTIFY_SEND;
    return this.lastFailure;
  }

  notify(notice: AlertNotice): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: DeliveryOutcome, failure?: string): void => {
        if (settled) return;
        settled = true;
        this.clock.clearTimer(timer);
        this.lastFailure = failure ?? null;
        if (failure !== undefined) this.log(`Desktop notification "${notice.key}" was not shown: ${failure}`);
        resolve(outcome);
      };
      const timer = this.clock.setTimer(
        () => settle('failed', `the notification service did not answer within ${this.deadlineMs} ms`),
        this.deadlineMs,
      );
      try {
        this.backend.notify(backendOptions(notice, this.platform, this.iconPath), (error, response) => {
          const outcome = outcomeOf(error, response);
          settle(outcome, outcome === 'failed' ? describeFailure(error) : undefined);
        });
      } catch (error) {
        settle('failed', describeFailure(error));
      }
    });
  }
}

/** Piket's icon: assets/icon.png, found upwards from this file (the source tree, or out/main when built). */
export function findNotifierIcon(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (let level = 0; level < 4; level++) {
    const candidate = join(dir, ICON_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/**
 * The Notifier for browser mode. On Linux it runs notify-send anew for every notice (`suppressOsdCheck`):
 * node-notifier would otherwise remember a missing notify-send until Piket restarts.
 */
export function createDesktopNotifier(log?: (line: string) => void): Notifier {
  const backend: NotificationBackend = usesNotifySend(process.platform)
    ? new nodeNotifier.NotifySend({ suppressOsdCheck: true } as nodeNotifier.Option)
    : nodeNotifier;
  return new DesktopNotifier({ backend, iconPath: findNotifierIcon(), ...(log ? { log } : {}) });
}
