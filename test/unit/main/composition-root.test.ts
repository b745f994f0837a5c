// The composition root, run under Node with a fake `electron` (and electron-store) and the real core service:
// startup order, the protocol, the window's preferences, the IPC bridge end to end, desktop notifications, the tray
// and the P1 alert window, close to tray, shutdown and startup failures.
import { mkdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALERT_WINDOW_URL } from '../../../main/alert-window';
import { trayIconFile, type TrayIconName } from '../../../main/tray-view';
import type { Overview } from '../../../src/api/contract';
import { METHOD_NAMES } from '../../../src/api/methods';
import { openPiketService } from '../../../src/core/piket-service';
import { rendererCsp } from '../../../src/platform/csp';
import { AlertDeliveries } from '../../../src/store/alert-deliveries';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const fake = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const state = {
    userData: '',
    lock: true,
    appListeners: new Map<string, Fn[]>(),
    powerListeners: new Map<string, Fn>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Fn>(),
    ipcListeners: new Map<string, Fn>(),
    windows: [] as FakeWindow[],
    trays: [] as FakeTray[],
    notifications: [] as FakeNotification[],
    calls: [] as string[],
  };
  /** Just enough of an EventEmitter for the code under test to listen and the test to emit. */
  class FakeEmitter {
    listeners = new Map<string, Fn[]>();
    on(event: string, fn: Fn): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    removeListener(event: string, fn: Fn): this {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((listener) => listener !== fn),
      );
      return this;
    }
    emit(event: string, ...args: unknown[]): void {
      for (const fn of this.listeners.get(event) ?? []) fn(...args);
    }
  }
  class FakeNotification extends FakeEmitter {
    static isSupported = (): boolean => true;
    show = vi.fn();
    constructor(readonly options: { title: string; body: string }) {
      super();
      state.notifications.push(this);
    }
  }
  let nextWebContentsId = 1;
  class FakeWebContents extends FakeEmitter {
    id = nextWebContentsId++;
    send = vi.fn();
    constructor(private readonly win: FakeWindow) {
      super();
    }
    getURL = (): string => this.win.loadedUrl ?? '';
    isDestroyed = (): boolean => this.win.destroyed;
  }
  class FakeWindow {
    listeners = new Map<string, Fn[]>();
    loadedUrl: string | null = null;
    destroyed = false;
    webContents = new FakeWebContents(this);
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    on(event: string, fn: Fn): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: Fn): this {
      return this.on(event, fn);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const fn of this.listeners.get(event) ?? []) fn(...args);
    }
    /** Closes as Electron does: 'close' (which a listener may prevent), then 'closed'. */
    close = vi.fn(() => {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      this.emit('closed');
    });
    isDestroyed = (): boolean => this.destroyed;
    isMinimized = (): boolean => false;
    isMaximized = (): boolean => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
    maximize = vi.fn();
    show = vi.fn();
    showInactive = vi.fn();
    hide = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isVisible = (): boolean => true;
    moveTop = vi.fn();
    flashFrame = vi.fn();
    setAlwaysOnTop = vi.fn();
    setVisibleOnAllWorkspaces = vi.fn();
    static getAllWindows = (): FakeWindow[] => state.windows.filter((w) => !w.destroyed);
  }
  /** An image names the file it was made from. */
  const nativeImage = {
    createFromPath: (path: string) => ({ path, isEmpty: () => false }),
  };
  class FakeTray extends FakeEmitter {
    images: string[] = [];
    tooltip = '';
    menu: { template: { label?: string; click?: () => void }[] } | null = null;
    destroyed = false;
    constructor(image: { path: string }) {
      super();
      this.images.push(image.path);
      state.trays.push(this);
    }
    setImage = (image: { path: string }): void => void this.images.push(image.path);
    setToolTip = (text: string): void => {
      this.tooltip = text;
    };
    setContextMenu = (menu: { template: { label?: string; click?: () => void }[] }): void => {
      this.menu = menu;
    };
    destroy = (): void => {
      this.destroyed = true;
    };
  }
  const app = {
    on: (event: string, fn: Fn) => {
      state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), fn]);
      return app;
    },
    emit: (event: string, ...args: unknown[]) =>
      (state.appListeners.get(event) ?? []).forEach((fn) => fn(...args)),
    requestSingleInstanceLock: () => {
      state.calls.push('requestSingleInstanceLock');
      return state.lock;
    },
    enableSandbox: () => state.calls.push('enableSandbox'),
    setAppUserModelId: vi.fn(),
    whenReady: () => {
      state.calls.push('whenReady');
      return Promise.resolve();
    },
    getPath: (name: string) => (name === 'userData' ? state.userData : `/tmp/${name}`),
    getVersion: () => '0.1.0-test',
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
    setLoginItemSettings: vi.fn(),
    isPackaged: true,
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    nativeImage,
    dialog: { showErrorBox: vi.fn() },
    powerMonitor: {
      on: (event: string, fn: Fn) => state.powerListeners.set(event, fn),
    },
    ipcMain: {
      handle: (channel: string, fn: Fn) => state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
      on: (channel: string, fn: Fn) => state.ipcListeners.set(channel, fn),
      removeListener: (channel: string) => state.ipcListeners.delete(channel),
    },
    Notification: FakeNotification,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => state.calls.push('registerSchemesAsPrivileged')),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, fn),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: vi.fn(),
      decryptString: vi.fn(),
    },
    Menu: {
      setApplicationMenu: vi.fn(),
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    },
  };
  const reset = (userData: string): void => {
    state.userData = userData;
    state.lock = true;
    state.appListeners.clear();
    state.powerListeners.clear();
    state.protocolHandlers.clear();
    state.ipcHandlers.clear();
    state.ipcListeners.clear();
    state.windows.length = 0;
    state.trays.length = 0;
    state.notifications.length = 0;
    state.calls.length = 0;
    vi.clearAllMocks();
  };
  return { state, electron, reset, FakeWindow };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('electron-store', () => ({
  default: class {
    #data = new Map<string, unknown>();
    get(key: string): unknown {
      return this.#data.get(key);
    }
    set(key: string, value: unknown): void {
      this.#data.set(key, value);
    }
    delete(key: string): void {
      this.#data.delete(key);
    }
  },
}));

const tempDir = useTempDirs('piket-shell-');

async function startApp(): Promise<void> {
  vi.resetModules();
  await import('../../../main/index');
  await vi.waitFor(() => {
    expect(fake.state.windows.length > 0 || fake.electron.app.exit.mock.calls.length > 0).toBe(true);
  });
}

/** A message from the window's page (its main frame at `url`). */
function trustedEvent(url = 'piket://app/index.html') {
  return { sender: fake.state.windows[0]!.webContents, senderFrame: { url, parent: null } };
}

/** Calls the API as the main window's page does. */
async function callApi<T>(method: string, args: unknown = {}): Promise<T> {
  const result = (await fake.state.ipcHandlers.get('piket:call')!(trustedEvent(), method, args)) as {
    ok: boolean;
    value: T;
  };
  expect(result.ok).toBe(true);
  return result.value;
}

/** Whether a tray image path is the file of that icon on this platform. */
const isIcon = (path: string | undefined, name: TrayIconName): boolean =>
  path?.endsWith(trayIconFile(name, process.platform).split('/').join(sep)) ?? false;

/** An instant at which the demo desk has new P1s (see test/integration/core/overview.test.ts). */
const DEMO_P1_TIME = Date.UTC(2026, 10, 23, 1, 40);

/** Starts the app at DEMO_P1_TIME (only Date is faked: timers run as usual). */
async function startAppWithWaitingP1(): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'], now: DEMO_P1_TIME, shouldAdvanceTime: true });
  await startApp();
}

/** The alert window, once the demo desk's P1s are synced. */
async function alertWindow() {
  return vi.waitFor(
    () => {
      const found = fake.state.windows.find((win) => win.loadedUrl === ALERT_WINDOW_URL);
      expect(found).toBeDefined();
      return found!;
    },
    { timeout: 10_000 },
  );
}

describe('main/index.ts', () => {
  beforeEach(() => {
    delete process.env.PIKET_SQLITE_BINDING;
    fake.reset(tempDir());
    process.env.PIKET_DATA_DIR = fake.state.userData;
    // The packaged app offers start at login: on Linux it reads its entry here, never in the real ~/.config.
    process.env.XDG_CONFIG_HOME = tempDir();
  });
  afterEach(() => {
    fake.electron.app.emit('will-quit');
    vi.useRealTimers();
  });

  it('registers the scheme and the sandbox before anything else', async () => {
    await startApp();
    expect(fake.state.calls.slice(0, 3)).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'requestSingleInstanceLock',
    ]);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'piket',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('opens one hardened window on piket://app with the preload', async () => {
    await startApp();
    expect(fake.state.windows).toHaveLength(1);
    const win = fake.state.windows[0]!;
    expect(win.loadedUrl).toBe('piket://app/index.html');
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]index\.cjs$/,
    );
    expect(fake.electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
  });

  it('serves the UI over the protocol with the CSP', async () => {
    await startApp();
    const handler = fake.state.protocolHandlers.get('piket');
    const response = await handler!(new Request('piket://app/index.html'));
    expect(response.headers.get('content-security-policy')).toBe(rendererCsp());
  });

  it('guards every web contents: no navigation away, no new window, no webview; a safe link goes to the OS', async () => {
    await startApp();
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const opener: { handler?: (details: { url: string }) => { action: string } } = {};
    const contents = {
      on: (event: string, fn: (...args: unknown[]) => void) => listeners.set(event, fn),
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => (opener.handler = fn),
    };
    fake.electron.app.emit('web-contents-created', {}, contents);
    const away = { url: 'https://example.com/t/1', preventDefault: vi.fn() };
    listeners.get('will-frame-navigate')?.(away);
    expect(away.preventDefault).toHaveBeenCalledOnce();
    expect(fake.electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/t/1');
    expect(opener.handler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    expect(fake.electron.shell.openExternal).toHaveBeenCalledOnce();
  });

  it('answers a trusted IPC call from the real core, and refuses an untrusted one', async () => {
    await startApp();
    const call = fake.state.ipcHandlers.get('piket:call')!;
    const info = (await call(trustedEvent(), 'getInfo', {})) as {
      ok: boolean;
      value: { version: string; dataDir: string };
    };
    expect(info.ok).toBe(true);
    expect(info.value).toMatchObject({ version: '0.1.0-test', dataDir: fake.state.userData });
    const refused = (await call(trustedEvent('https://evil.example/'), 'getInfo', {})) as { ok: boolean };
    expect(refused.ok).toBe(false);
    const invalid = (await call(trustedEvent(), 'getTicket', { id: 'x' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(invalid.error.code).toBe('invalid_argument');
  });

  it('pushes the core events the page subscribed to, and no others, to the window', async () => {
    await startApp();
    const call = fake.state.ipcHandlers.get('piket:call')!;
    const send = fake.state.windows[0]!.webContents.send;
    await call(trustedEvent(), 'updateSettings', { me: 'anna' });
    expect(send).not.toHaveBeenCalledWith('piket:event', 'settingsChanged', expect.anything());
    fake.state.ipcListeners.get('piket:subscribe')!(trustedEvent(), 'settingsChanged', true);
    await call(trustedEvent(), 'updateSettings', { me: 'bram' });
    expect(send).toHaveBeenCalledWith(
      'piket:event',
      'settingsChanged',
      expect.objectContaining({ me: 'bram' }),
    );
  });

  it('notifies through Electron: a click brings the window forward, Acknowledge acknowledges the ticket', async () => {
    // An earlier run left a P1 notice for a ticket undelivered; this start hands it to Electron.
    const earlier = openPiketService({
      dataDir: fake.state.userData,
      version: 'test',
      role: 'app',
      clock: createFakeClock(Date.now() - 60_000),
    });
    await earlier.handlers.syncNow({});
    const ticket = (await earlier.handlers.listQueue({ scope: 'open', sort: 'urgency', limit: 1 }))
      .tickets[0]!;
    earlier.close();
    const db = new Database(join(fake.state.userData, 'piket.db'));
    const title = `New P1: ${ticket.subject}`;
    new AlertDeliveries(db).enqueue(
      [
        {
          key: 'composition-root:p1',
          source: ticket.source,
          ticketId: ticket.id,
          title,
          body: 'Ticket waits for acknowledgement',
          urgency: 'critical',
          dueAt: Date.now() - 60_000,
          late: true,
          attempts: 0,
        },
      ],
      Date.now() - 60_000,
    );
    db.close();

    await startApp();
    const notification = await vi.waitFor(() => {
      const found = fake.state.notifications.find((n) => n.options.title === title);
      expect(found).toBeDefined();
      return found!;
    });
    expect(notification.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
    expect(notification.show).toHaveBeenCalledOnce();
    notification.emit('show', {});
    fake.state.ipcListeners.get('piket:subscribe')!(trustedEvent(), 'openTicket', true);
    notification.emit('click', {});
    expect(fake.state.windows[0]!.focus).toHaveBeenCalled();
    expect(fake.state.windows[0]!.webContents.send).toHaveBeenCalledWith('piket:event', 'openTicket', {
      ticketId: ticket.id,
    });

    notification.emit('action', { actionIndex: 0 }, 0);
    const call = fake.state.ipcHandlers.get('piket:call')!;
    const changes = (await call(trustedEvent(), 'listChanges', {})) as {
      ok: boolean;
      value: { ticketId: number; action: { kind: string } }[];
    };
    expect(changes.value).toContainEqual(
      expect.objectContaining({ ticketId: ticket.id, action: expect.objectContaining({ kind: 'ack' }) }),
    );
  });

  it('syncs and checks the SLA deadlines again on wake from sleep and on unlock', async () => {
    await startApp();
    expect([...fake.state.powerListeners.keys()].sort()).toEqual(['resume', 'shutdown', 'unlock-screen']);
    await vi.waitFor(
      async () =>
        expect(
          (await callApi<{ sync: { lastSyncAt: number | null } }>('getInfo')).sync.lastSyncAt,
        ).not.toBeNull(),
      { timeout: 10_000 },
    );
    fake.state.ipcListeners.get('piket:subscribe')!(trustedEvent(), 'syncStatus', true);
    const send = fake.state.windows[0]!.webContents.send;
    for (const event of ['resume', 'unlock-screen']) {
      send.mockClear();
      fake.state.powerListeners.get(event)!();
      await vi.waitFor(() =>
        expect(send).toHaveBeenCalledWith('piket:event', 'syncStatus', expect.anything()),
      );
    }
  });

  it('puts Piket in the tray, quiet until the overview says otherwise, with its menu', async () => {
    await startApp();
    expect(fake.state.trays).toHaveLength(1);
    const tray = fake.state.trays[0]!;
    expect(isIcon(tray.images[0], 'quiet')).toBe(true);
    await vi.waitFor(() => expect(tray.tooltip).toMatch(/^Piket — /));
    const labels = tray.menu!.template.map((item) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['Open Piket', 'Sync now', 'Quit Piket']));
    tray.menu!.template.find((item) => item.label === 'Quit Piket')!.click!();
    expect(fake.electron.app.quit).toHaveBeenCalled();
  });

  it('flips the tray to the P1 icon and opens an always-on-top alert window while a P1 waits', async () => {
    await startAppWithWaitingP1();
    const alert = await alertWindow();
    expect((await callApi<Overview>('getOverview')).p1Waiting.length).toBeGreaterThan(0);
    expect(alert.options).toMatchObject({
      alwaysOnTop: true,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(alert.setAlwaysOnTop).toHaveBeenCalledWith(true, 'screen-saver');
    const tray = fake.state.trays[0]!;
    expect(tray.images.some((path) => isIcon(path, 'p1'))).toBe(true);
    expect(tray.tooltip).toMatch(/P1 waiting/);

    // The alert page calls the API like the main window's page.
    const fromAlert = { sender: alert.webContents, senderFrame: { url: ALERT_WINDOW_URL, parent: null } };
    const answer = (await fake.state.ipcHandlers.get('piket:call')!(fromAlert, 'getOverview', {})) as {
      ok: boolean;
    };
    expect(answer.ok).toBe(true);
  });

  it('snoozes the waiting P1s when the user closes the alert window', async () => {
    await startAppWithWaitingP1();
    const alert = await alertWindow();
    alert.close();
    await vi.waitFor(async () => {
      const overview = await callApi<Overview>('getOverview');
      expect(overview.p1Waiting.every((p1) => p1.snoozedUntil !== null)).toBe(true);
    });
  });

  it('hides the main window on close, stays running when no window is left, and closes it on quit', async () => {
    await startApp();
    const win = fake.state.windows[0]!;
    win.close();
    expect(win.hide).toHaveBeenCalledOnce();
    expect(win.destroyed).toBe(false);
    fake.electron.app.emit('window-all-closed');
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    fake.electron.app.emit('before-quit');
    win.close();
    expect(win.destroyed).toBe(true);
  });

  it('lets the main window close when the OS shuts down', async () => {
    await startApp();
    fake.state.powerListeners.get('shutdown')!();
    fake.state.windows[0]!.close();
    expect(fake.state.windows[0]!.destroyed).toBe(true);
  });

  it('routes every API method to the core over IPC', async () => {
    await startApp();
    const call = fake.state.ipcHandlers.get('piket:call')!;
    for (const method of METHOD_NAMES) {
      // A string is no method's argument: validation answers, so the method is known and nothing runs.
      const result = (await call(trustedEvent(), method, 'probe')) as {
        ok: boolean;
        error: { code: string };
      };
      expect({ method, code: result.error.code }).toEqual({ method, code: 'invalid_argument' });
    }
  });

  it('replaces the default menu (with its developer tools) by a minimal one', async () => {
    await startApp();
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const [menu] = fake.electron.Menu.setApplicationMenu.mock.calls[0] as [{ template: unknown } | null];
    if (process.platform === 'darwin') expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
    else expect(menu).toBeNull();
  });

  it('never loads a native SQLite build named by PIKET_SQLITE_BINDING into the packaged app', async () => {
    process.env.PIKET_SQLITE_BINDING = join(fake.state.userData, 'not-a-real-addon.node');
    await startApp();
    expect(fake.electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(1);
  });

  it('gives the core the keychain, which refuses to keep a token where it could only store plain text', async () => {
    await startApp();
    const call = fake.state.ipcHandlers.get('piket:call')!;
    const result = (await call(trustedEvent(), 'addConnection', {
      kind: 'zendesk',
      url: 'acme',
      email: 'me@acme.example',
      secret: { store: 'keychain', token: 'zd-token' },
    })) as { ok: boolean; error: { message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.message).toMatch(/no keychain Piket can use/);
  });

  it('closes the service, the bridge and the tray on quit', async () => {
    await startApp();
    fake.electron.app.emit('will-quit');
    expect(fake.state.ipcHandlers.has('piket:call')).toBe(false);
    expect(fake.state.trays[0]!.destroyed).toBe(true);
  });

  it('shows the StartupError message (no stack) and quits when the database is from a newer Piket', async () => {
    const db = new Database(join(fake.state.userData, 'piket.db'));
    db.pragma('user_version = 9999');
    db.close();
    await startApp();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    const [title, message] = fake.electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Piket could not start');
    expect(message).toMatch(/newer/i);
    expect(message).not.toMatch(/\n\s+at /);
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('shows a generic message for an unexpected startup failure', async () => {
    const blocker = join(fake.state.userData, 'piket.db');
    mkdirSync(blocker); // a folder where the database file should be
    await startApp();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledOnce();
    const [, message] = fake.electron.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(message).not.toMatch(/\n\s+at /);
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
  });

  it('lets a second instance hand over to the first and quit', async () => {
    fake.state.lock = false;
    vi.resetModules();
    await import('../../../main/index');
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.state.calls).not.toContain('whenReady');
  });

  it('focuses the existing window when a second instance starts', async () => {
    await startApp();
    fake.electron.app.emit('second-instance');
    expect(fake.state.windows[0]!.focus).toHaveBeenCalled();
  });
});
