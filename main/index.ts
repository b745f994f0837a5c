// Composition root of the Electron host: single instance, the piket://app protocol, the hardened window, the IPC
// bridge to the core service, desktop notifications, and an orderly shutdown. Logic lives in the electron-free
// modules next to this file.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { Unsubscribe } from '../src/api/contract';
import { openPiketService, StartupError, type PiketService } from '../src/core/piket-service';
import { rendererCsp } from '../src/platform/csp';
import { defaultDataDir } from '../src/platform/paths';
import { appMenuTemplate } from './app-menu';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { installIpcBridge } from './ipc-bridge';
import { createMainLog, type MainLog } from './log-file';
import { createElectronNotifier } from './notifier';
import { denyAllPermissions, hardenWebContents } from './security';
import { createKeychain } from './keychain';
import { createEncryptedStore, createShellSettings } from './shell-settings';
import { dataDirFromEnv, describeStartupFailure, sqliteBindingFromEnv } from './startup';
import { createWindowOptions } from './window-options';
import { sanitizeWindowState, trackWindowState, type ShellSettings } from './window-state';

const APP_ID = 'nl.piket.app';
const here = dirname(fileURLToPath(import.meta.url)); // out/main
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const ICON_PATH = join(here, '..', '..', 'assets', 'icon.png');

// Must happen before 'ready': piket:// behaves like https (standard origin, secure context, fetch allowed).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  runApp();
}

function runApp(): void {
  let log: MainLog | null = null;
  let service: PiketService | null = null;
  let settings: ShellSettings | null = null;
  let mainWindow: BrowserWindow | null = null;
  let stopBridge: Unsubscribe | null = null;

  const info = (line: string): void => (log ? log.info(line) : console.log(line));
  const logError = (message: string, error: unknown): void =>
    log ? log.error(message, error) : console.error(message, error);

  const showWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const createMainWindow = (): void => {
    const state = sanitizeWindowState(
      settings?.loadWindowState(),
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const win = new BrowserWindow(
      createWindowOptions({
        preloadPath: PRELOAD_PATH,
        state,
        ...(process.platform === 'linux' && existsSync(ICON_PATH) ? { icon: ICON_PATH } : {}),
      }),
    );
    mainWindow = win;
    if (state.maximized) win.maximize();
    if (settings) {
      trackWindowState(
        {
          getNormalBounds: () => win.getNormalBounds(),
          isMaximized: () => win.isMaximized(),
          isDestroyed: () => win.isDestroyed(),
          on: (event, listener) => win.on(event as 'resize', listener),
        },
        settings,
        { onError: (error) => logError('Could not save the window position', error) },
      );
    }
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(APP_ENTRY_URL).catch((error: unknown) => logError('Could not load the Piket UI', error));
  };

  /**
   * A notification was clicked: the window comes to the front (a new one if it was closed, on macOS). The UI has
   * no way yet to be told which ticket to open, so the ticket's id is not used here.
   */
  const bringWindowForward = (): void => {
    if (mainWindow && !mainWindow.isDestroyed()) showWindow();
    else if (service) createMainWindow();
  };

  const start = (): void => {
    const dataDir = dataDirFromEnv(process.env, defaultDataDir);
    log = createMainLog({
      dir: join(dataDir, 'logs'),
      echo: app.isPackaged ? undefined : (line) => console.log(line),
    });
    info(`Piket ${app.getVersion()} starting (Electron ${process.versions.electron}), data in ${dataDir}`);

    try {
      service = openPiketService({
        dataDir,
        version: app.getVersion(),
        role: 'app',
        sqliteNativeBinding: sqliteBindingFromEnv(process.env, app.isPackaged),
        keychain: createKeychain(safeStorage, createEncryptedStore(), process.platform),
        notifier: createElectronNotifier({
          Notification,
          isSupported: () => Notification.isSupported(),
          showTicket: bringWindowForward,
          acknowledge: (id) => service?.handlers.actOnTicket({ id, action: { kind: 'ack' } }),
          iconPath: existsSync(ICON_PATH) ? ICON_PATH : null,
          log: info,
        }),
        log: info,
      });
    } catch (error) {
      const failure = describeStartupFailure(error, (e): e is Error => e instanceof StartupError);
      if (failure.logDetails) logError('The core service failed to start', error);
      else info(`Startup refused: ${failure.message}`);
      dialog.showErrorBox(failure.title, failure.message);
      app.exit(1);
      return;
    }

    try {
      settings = createShellSettings();
    } catch (error) {
      logError('Shell settings unavailable; window position will not be remembered', error);
    }

    const menu = appMenuTemplate(process.platform);
    Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
    denyAllPermissions(session.defaultSession, info);
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: RENDERER_DIR, csp: rendererCsp() }));
    stopBridge = installIpcBridge({
      ipcMain,
      handlers: service.handlers,
      events: service,
      getWindow: () => mainWindow,
      log: info,
      onInternalError: (error) => logError('An API call failed unexpectedly', error),
    });
    createMainWindow();
    service.start().catch((error: unknown) => logError('The core service failed to start its work', error));
    // Timers stand still while the machine sleeps: on wake or unlock, raise what fell due meanwhile and sync.
    const checkTime = (): void => service?.checkTime();
    powerMonitor.on('resume', checkTime);
    powerMonitor.on('unlock-screen', checkTime);
  };

  const shutdown = (): void => {
    try {
      stopBridge?.();
      stopBridge = null;
      service?.close();
    } catch (error) {
      logError('Error while closing the core service', error);
    } finally {
      service = null;
    }
  };

  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url), log: info }),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) createMainWindow();
    else showWindow();
  });
  app.on('will-quit', shutdown);

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logError('Piket failed during startup', error);
      const failure = describeStartupFailure(error, (e): e is Error => e instanceof StartupError);
      dialog.showErrorBox(failure.title, failure.message);
      app.exit(1);
    });
}
