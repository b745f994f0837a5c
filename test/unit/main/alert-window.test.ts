// The P1 alert window: always on top with the main window's hardened preferences, loading the alert page the
// protocol serves; open exactly while a P1 waits unsnoozed; closing it snoozes what it showed (and it comes back
// when the snooze ends or fails); quitting closes it without snoozing. Fakes for the window, a fake clock.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  ALERT_SNOOZE_MINUTES,
  ALERT_WINDOW_URL,
  alertWindowOptions,
  createAlertWindowController,
  openAlertWindow,
  type AlertBrowserWindow,
  type AlertWindowHandle,
} from '../../../main/alert-window';
import { createAppProtocolHandler } from '../../../main/app-protocol';
import { createWindowOptions } from '../../../main/window-options';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';
import { overview, waitingP1 } from './fake-overview';

const tempDir = useTempDirs('piket-alert-window-');
const NOW = Date.UTC(2026, 2, 2, 12, 0);
const MINUTE = 60_000;
const preloadPath = '/app/out/preload/index.cjs';

describe('alertWindowOptions', () => {
  const options = alertWindowOptions({ preloadPath });

  it('is a small, fixed, always-on-top window that stays in the taskbar', () => {
    expect(options).toMatchObject({
      alwaysOnTop: true,
      skipTaskbar: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      show: false,
    });
    expect(options.width).toBeLessThanOrEqual(480);
    expect(options.height).toBeLessThanOrEqual(360);
  });

  it("has the main window's preload and hardened web preferences", () => {
    const main = createWindowOptions({ preloadPath, state: { width: 1000, height: 700, maximized: false } });
    expect(options.webPreferences).toEqual(main.webPreferences);
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
  });
});

describe('ALERT_WINDOW_URL', () => {
  it('is the UI page with view=alert, which the protocol serves', async () => {
    expect(ALERT_WINDOW_URL).toBe('piket://app/index.html?view=alert');
    const rootDir = tempDir();
    writeFileSync(join(rootDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const handler = createAppProtocolHandler({ rootDir, csp: "default-src 'self'" });
    const response = await handler(new Request(ALERT_WINDOW_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('<!doctype html><div id="root"></div>');
  });
});

/** A BrowserWindow stand-in recording what the alert window asks of it. */
function fakeBrowserWindowClass(loadError?: Error) {
  const made: FakeWindow[] = [];
  class FakeWindow implements AlertBrowserWindow {
    calls: unknown[][] = [];
    listeners = new Map<string, (() => void)[]>();
    destroyed = false;
    visible = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      made.push(this);
    }
    private record(name: string, ...args: unknown[]): void {
      this.calls.push([name, ...args]);
    }
    emit(event: string): void {
      for (const listener of this.listeners.get(event) ?? []) listener();
    }
    setAlwaysOnTop = (...args: unknown[]) => this.record('setAlwaysOnTop', ...args);
    setVisibleOnAllWorkspaces = (...args: unknown[]) => this.record('setVisibleOnAllWorkspaces', ...args);
    loadURL = (url: string) => {
      this.record('loadURL', url);
      return loadError ? Promise.reject(loadError) : Promise.resolve();
    };
    once = ((event: string, listener: () => void) => {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }) as unknown as AlertBrowserWindow['once'];
    on = this.once as unknown as AlertBrowserWindow['on'];
    showInactive = () => {
      this.visible = true;
      this.record('showInactive');
    };
    isVisible = () => this.visible;
    moveTop = () => this.record('moveTop');
    flashFrame = (flag: boolean) => this.record('flashFrame', flag);
    isDestroyed = () => this.destroyed;
    close = () => {
      this.record('close');
      this.destroyed = true;
      this.emit('closed');
    };
  }
  return { FakeWindow, made };
}

describe('openAlertWindow', () => {
  it('puts the window above full-screen apps on every workspace and loads the alert page', () => {
    const { FakeWindow, made } = fakeBrowserWindowClass();
    openAlertWindow({ BrowserWindow: FakeWindow, preloadPath, log: vi.fn() });
    const [win] = made;
    expect(win?.options).toMatchObject({ alwaysOnTop: true, webPreferences: { preload: preloadPath } });
    expect(win?.calls).toEqual([
      ['setAlwaysOnTop', true, 'screen-saver'],
      ['setVisibleOnAllWorkspaces', true, { visibleOnFullScreen: true }],
      ['loadURL', ALERT_WINDOW_URL],
    ]);
  });

  it('shows without taking the keyboard, and flashes its frame', () => {
    const { FakeWindow, made } = fakeBrowserWindowClass();
    openAlertWindow({ BrowserWindow: FakeWindow, preloadPath, log: vi.fn() });
    made[0]!.emit('ready-to-show');
    expect(made[0]!.calls.slice(3)).toEqual([['showInactive'], ['flashFrame', true]]);
  });

  it('brings itself up again on reveal, and closes', () => {
    const { FakeWindow, made } = fakeBrowserWindowClass();
    const handle = openAlertWindow({ BrowserWindow: FakeWindow, preloadPath, log: vi.fn() });
    const closed = vi.fn();
    handle.onClosed(closed);
    handle.reveal();
    expect(made[0]!.calls.slice(3)).toEqual([['showInactive'], ['moveTop'], ['flashFrame', true]]);
    handle.close();
    expect(closed).toHaveBeenCalledOnce();
    handle.close();
    handle.reveal();
    expect(made[0]!.calls.filter(([name]) => name === 'close')).toHaveLength(1);
  });

  it('logs a page that does not load', async () => {
    const { FakeWindow } = fakeBrowserWindowClass(new Error('ERR_FILE_NOT_FOUND'));
    const log = vi.fn();
    openAlertWindow({ BrowserWindow: FakeWindow, preloadPath, log });
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith('Could not load the P1 alert window: ERR_FILE_NOT_FOUND'),
    );
  });
});

function setup() {
  const clock = createFakeClock(NOW);
  const windows: (AlertWindowHandle & { closedBy: 'us' | null; userCloses(): void })[] = [];
  const open = vi.fn((): AlertWindowHandle => {
    const listeners: (() => void)[] = [];
    const win = {
      closedBy: null as 'us' | null,
      reveal: vi.fn(),
      close: () => {
        win.closedBy = 'us';
        listeners.forEach((listener) => listener());
      },
      onClosed: (listener: () => void) => void listeners.push(listener),
      userCloses: () => listeners.forEach((listener) => listener()),
    };
    windows.push(win);
    return win;
  });
  const snooze = vi.fn((_id: number, _minutes: number): unknown => undefined);
  const log = vi.fn();
  const controller = createAlertWindowController({ open, snooze, clock, log });
  return { controller, clock, windows, open, snooze, log };
}

const withP1s = (...p1s: ReturnType<typeof waitingP1>[]) => overview({ state: 'p1', p1Waiting: p1s });

describe('createAlertWindowController', () => {
  it('opens the window once while a P1 waits, and closes it (without snoozing) once none does', () => {
    const { controller, windows, open, snooze } = setup();
    controller.update(overview({ state: 'warning' }));
    expect(open).not.toHaveBeenCalled();
    controller.update(withP1s(waitingP1(7)));
    controller.update(withP1s(waitingP1(7)));
    expect(open).toHaveBeenCalledOnce();
    expect(controller.isOpen()).toBe(true);
    controller.update(overview());
    expect(windows[0]!.closedBy).toBe('us');
    expect(controller.isOpen()).toBe(false);
    expect(snooze).not.toHaveBeenCalled();
  });

  it('does not open for a snoozed P1, and opens when its snooze ends', () => {
    const { controller, clock, open } = setup();
    controller.update(withP1s(waitingP1(7, { snoozedUntil: NOW + 5 * MINUTE })));
    clock.advance(5 * MINUTE - 1);
    expect(open).not.toHaveBeenCalled();
    clock.advance(1);
    expect(open).toHaveBeenCalledOnce();
  });

  it('brings the window up again for a P1 it did not show yet', () => {
    const { controller, windows } = setup();
    controller.update(withP1s(waitingP1(7)));
    controller.update(withP1s(waitingP1(7), waitingP1(8)));
    controller.update(withP1s(waitingP1(7), waitingP1(8)));
    controller.update(withP1s(waitingP1(8)));
    expect(windows).toHaveLength(1);
    expect(windows[0]!.reveal).toHaveBeenCalledOnce();
  });

  it('snoozes what it showed when the user closes it, and comes back when the snooze ends', async () => {
    const { controller, clock, windows, open, snooze } = setup();
    const later = NOW + 30 * MINUTE;
    controller.update(withP1s(waitingP1(7), waitingP1(8), waitingP1(9, { snoozedUntil: later })));
    windows[0]!.userCloses();
    await vi.waitFor(() =>
      expect(snooze.mock.calls).toEqual([
        [7, ALERT_SNOOZE_MINUTES],
        [8, ALERT_SNOOZE_MINUTES],
      ]),
    );
    expect(ALERT_SNOOZE_MINUTES).toBe(5);
    // An overview computed before the core took the snooze does not bring the window back.
    controller.update(withP1s(waitingP1(7), waitingP1(8), waitingP1(9, { snoozedUntil: later })));
    expect(open).toHaveBeenCalledOnce();
    const until = NOW + 5 * MINUTE;
    controller.update(
      withP1s(
        waitingP1(7, { snoozedUntil: until }),
        waitingP1(8, { snoozedUntil: until }),
        waitingP1(9, { snoozedUntil: later }),
      ),
    );
    clock.advance(5 * MINUTE - 1);
    expect(open).toHaveBeenCalledOnce();
    clock.advance(1);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('comes back at once when the snooze fails, and says why', async () => {
    const { controller, windows, open, snooze, log } = setup();
    snooze.mockImplementation(() => Promise.reject(new Error('another Piket owns the data folder')));
    controller.update(withP1s(waitingP1(7)));
    windows[0]!.userCloses();
    expect(controller.isOpen()).toBe(false);
    await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(2));
    expect(log).toHaveBeenCalledWith('Could not snooze P1 7: another Piket owns the data folder');
    expect(controller.isOpen()).toBe(true);
  });

  it('closes for good when Piket quits, snoozing nothing', async () => {
    const { controller, windows, open, snooze, clock } = setup();
    controller.update(withP1s(waitingP1(7)));
    controller.stop();
    expect(windows[0]!.closedBy).toBe('us');
    controller.update(withP1s(waitingP1(8)));
    clock.advance(60 * MINUTE);
    await Promise.resolve();
    expect(open).toHaveBeenCalledOnce();
    expect(snooze).not.toHaveBeenCalled();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('logs a window that cannot open, and tries again with the next overview', () => {
    const { controller, open, log } = setup();
    open.mockImplementationOnce(() => {
      throw new Error('no display');
    });
    controller.update(withP1s(waitingP1(7)));
    expect(log).toHaveBeenCalledWith('Could not open the P1 alert window: no display');
    expect(controller.isOpen()).toBe(false);
    controller.update(withP1s(waitingP1(7)));
    expect(controller.isOpen()).toBe(true);
  });
});
