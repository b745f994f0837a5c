// The P1 alert window: a small always-on-top window, above full-screen apps and on every workspace, showing the
// renderer's alert page (piket://app/index.html?view=alert, with the main window's preload and hardened web
// preferences), open for as long as a P1 awaits acknowledgement and is not snoozed. The page acknowledges, opens
// or snoozes through the API itself. Closing the window is a snooze: each P1 it showed is snoozed for
// ALERT_SNOOZE_MINUTES, and the window comes back when that ends, or at once when the snooze fails. Only
// `import type` from electron: the BrowserWindow class is passed in, so this is tested under Node with fakes.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Overview } from '../src/api/contract';
import type { Clock, TimerHandle } from '../src/domain/clock';
import { APP_ENTRY_URL } from './app-protocol';
import { hardenedWebPreferences } from './window-options';

export const ALERT_WINDOW_URL = `${APP_ENTRY_URL}?view=alert`;
/** How long closing the alert window keeps it away (the page's own Snooze button says the same). */
export const ALERT_SNOOZE_MINUTES = 5;
export const ALERT_WINDOW_SIZE = { width: 440, height: 320 } as const;

export interface AlertWindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/index.cjs), the main window's. */
  preloadPath: string;
  icon?: string;
}

export function alertWindowOptions(input: AlertWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Piket — P1 waiting',
    ...ALERT_WINDOW_SIZE,
    center: true,
    show: false,
    alwaysOnTop: true,
    skipTaskbar: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    closable: true,
    autoHideMenuBar: true,
    backgroundColor: '#7f1d1d',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: hardenedWebPreferences(input.preloadPath),
  };
}

/** What the controller needs of an open alert window. */
export interface AlertWindowHandle {
  /** Brings it up again for a P1 it did not show yet, without taking the keyboard away from the user. */
  reveal(): void;
  close(): void;
  onClosed(listener: () => void): void;
}

/** The BrowserWindow calls the alert window makes. */
export type AlertBrowserWindow = Pick<
  BrowserWindow,
  | 'setAlwaysOnTop'
  | 'setVisibleOnAllWorkspaces'
  | 'loadURL'
  | 'once'
  | 'on'
  | 'showInactive'
  | 'isVisible'
  | 'moveTop'
  | 'flashFrame'
  | 'isDestroyed'
  | 'close'
>;

export interface OpenAlertWindowOptions extends AlertWindowOptionsInput {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => AlertBrowserWindow;
  log: (line: string) => void;
}

/**
 * Opens the alert window. It shows without focus (showInactive): a P1 arriving while the user types must not
 * take their keystrokes, least of all an Enter on the Acknowledge button; the frame flashes instead.
 */
export function openAlertWindow(options: OpenAlertWindowOptions): AlertWindowHandle {
  const win = new options.BrowserWindow(alertWindowOptions(options));
  // 'screen-saver' puts it above full-screen apps on macOS and Windows; Linux knows one level.
  win.setAlwaysOnTop(true, 'screen-saver');
  win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  win.once('ready-to-show', () => {
    if (win.isDestroyed()) return;
    win.showInactive();
    win.flashFrame(true);
  });
  win.loadURL(ALERT_WINDOW_URL).catch((error: unknown) => {
    options.log(
      `Could not load the P1 alert window: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return {
    reveal: () => {
      if (win.isDestroyed()) return;
      if (!win.isVisible()) win.showInactive();
      win.moveTop();
      win.flashFrame(true);
    },
    close: () => {
      if (!win.isDestroyed()) win.close();
    },
    onClosed: (listener) => {
      win.on('closed', listener);
    },
  };
}

export interface AlertWindowControllerOptions {
  open: () => AlertWindowHandle;
  /** snoozeP1 in the core. */
  snooze: (ticketId: number, minutes: number) => unknown;
  clock: Clock;
  log: (line: string) => void;
}

export interface AlertWindowController {
  update(overview: Overview): void;
  /** Closes the window for good (Piket quits): nothing is snoozed. */
  stop(): void;
  isOpen(): boolean;
}

export function createAlertWindowController(options: AlertWindowControllerOptions): AlertWindowController {
  const { clock, log } = options;
  let overview: Overview | null = null;
  let handle: AlertWindowHandle | null = null;
  /** The P1s the window shows: a new one among them brings it up again. */
  let shown = new Set<number>();
  /** Snoozed by closing the window, until the core's overview says so itself (or the snooze failed). */
  const closedUntil = new Map<number, number>();
  let recheck: TimerHandle | null = null;
  let stopped = false;

  const snoozedUntil = (id: number, fromCore: number | null): number | null => {
    const local = closedUntil.get(id);
    if (local === undefined) return fromCore;
    return fromCore === null ? local : Math.max(local, fromCore);
  };

  const waiting = (now: number): number[] =>
    (overview?.p1Waiting ?? [])
      .filter((p1) => {
        const until = snoozedUntil(p1.id, p1.snoozedUntil);
        return until === null || until <= now;
      })
      .map((p1) => p1.id);

  const scheduleRecheck = (now: number): void => {
    if (recheck) clock.clearTimer(recheck);
    const ends = (overview?.p1Waiting ?? [])
      .map((p1) => snoozedUntil(p1.id, p1.snoozedUntil))
      .filter((until): until is number => until !== null && until > now);
    recheck = ends.length > 0 ? clock.setTimer(render, Math.min(...ends) - now) : null;
  };

  const closedByUser = (closed: AlertWindowHandle): void => {
    if (handle !== closed) return;
    handle = null;
    if (stopped) return;
    const now = clock.now();
    const ids = waiting(now);
    for (const id of ids) closedUntil.set(id, now + ALERT_SNOOZE_MINUTES * 60_000);
    for (const id of ids) {
      Promise.resolve()
        .then(() => options.snooze(id, ALERT_SNOOZE_MINUTES))
        .catch((error: unknown) => {
          log(`Could not snooze P1 ${id}: ${error instanceof Error ? error.message : String(error)}`);
          closedUntil.delete(id);
          render();
        });
    }
    render();
  };

  function render(): void {
    if (stopped) return;
    const now = clock.now();
    // A local mark is done once the core's overview knows the snooze, or the P1 no longer waits.
    const p1s = new Map((overview?.p1Waiting ?? []).map((p1) => [p1.id, p1.snoozedUntil]));
    for (const [id, until] of closedUntil) {
      const fromCore = p1s.get(id);
      if (fromCore === undefined || (fromCore !== null && fromCore >= until)) closedUntil.delete(id);
    }
    const ids = waiting(now);
    scheduleRecheck(now);
    if (ids.length === 0) {
      shown = new Set();
      const open = handle;
      handle = null;
      open?.close();
      return;
    }
    if (!handle) {
      let opened: AlertWindowHandle;
      try {
        opened = options.open();
      } catch (error) {
        log(`Could not open the P1 alert window: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      handle = opened;
      opened.onClosed(() => closedByUser(opened));
    } else if (ids.some((id) => !shown.has(id))) {
      handle.reveal();
    }
    shown = new Set(ids);
  }

  return {
    update(next) {
      overview = next;
      render();
    },
    stop() {
      stopped = true;
      if (recheck) clock.clearTimer(recheck);
      recheck = null;
      const open = handle;
      handle = null;
      open?.close();
    },
    isOpen: () => handle !== null,
  };
}
