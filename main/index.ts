// Composition root of the Electron host: single instance, the piket://app protocol, the hardened window, the IPC
// bridge to the core service, desktop notifications, the tray (close to tray, start at login), the P1 alert
// window, and an orderly shutdown. Logic lives in the electron-free modules next to this file.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  type NativeImage,
} from 'electron';
import type { Unsubscribe } from '../src/api/contract';
import { openPiketService, StartupError, type PiketService } from '../src/core/piket-service';
import { rendererCsp } from '../src/platform/csp';
import { defaultDataDir } from '../src/platform/paths';
import { createSystemClock } from '../src/platform/system-clock';
import { createAlertWindowController, openAlertWindow, type AlertWindowController } from './alert-window';
import { appMenuTemplate } from './app-menu';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { createAutostart, startsHidden, type Autostart } from './autostart';
import { installCloseToTray } from './close-to-tray';
import { installIpcBridge } from './ipc-bridge';
import { createMainLog, type MainLog } from './log-file';
import { createElectronNotifier } from './notifier';
import { denyAllPermissions, hardenWebContents } from './security';
import { createKeychain } from './keychain';
import { followOverview } from './overview-feed';
import { createEncryptedStore, createShellSettings } from './shell-settings';
import { dataDirFromEnv, describeStartupFailure, sqliteBindingFromEnv } from './startup';
import { createTrayController, type TrayController } from './tray-controller';
import { trayIconFile, type TrayIconName } from './tray-view';
import { createWindowOptions } from './window-options';
import { sanitizeWindowState, trackWindowState, type ShellSettings } from './window-state';

const APP_ID = 'nl.piket.app';
const here = dirname(fileURLToPath(import.meta.url)); // out/main
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const ICON_PATH = join(here, '..', '..', 'assets', 'icon.png');
const TRAY_ICON_DIR = join(here, '..', '..', 'assets', 'tray');

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
  let tray: Tray | null = null;
  let trayController: TrayController | null = null;
  let alertWindows: AlertWindowController | null = null;
  const stopFollowing: Unsubscribe[] = [];
  /** A login start (--hidden, or macOS saying so) keeps the first window hidden: Piket waits in the tray. */
  let firstWindowHidden = false;
  const clock = createSystemClock();
  const closeToTray = installCloseToTray(app);
  // A development run would register the bare Electron binary: start at login only in the packaged app.
  const autostart: Autostart | null = app.isPackaged
    ? createAutostart({
        platform: process.platform,
        loginItems: {
          get: (options) => app.getLoginItemSettings(options),
          set: (settings) => app.setLoginItemSettings(settings),
        },
        env: process.env,
        execPath: process.execPath,
        homeDir: homedir(),
      })
    : null;

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
    closeToTray.keepInTray(win);
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
    const hidden = firstWindowHidden;
    firstWindowHidden = false;
    win.once('ready-to-show', () => {
      if (!hidden) win.show();
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(APP_ENTRY_URL).catch((error: unknown) => logError('Could not load the Piket UI', error));
  };

  /** The window comes to the front, a new one when there is none (it crashed, or macOS closed it). */
  const bringWindowForward = (): void => {
    if (mainWindow && !mainWindow.isDestroyed()) showWindow();
    else if (service) createMainWindow();
  };

  const trayImages = new Map<TrayIconName, NativeImage>();
  const trayImage = (name: TrayIconName): NativeImage => {
    const cached = trayImages.get(name);
    if (cached) return cached;
    const path = join(TRAY_ICON_DIR, trayIconFile(name, process.platform));
    const image = nativeImage.createFromPath(path);
    if (image.isEmpty()) info(`The tray icon ${path} is missing or unreadable`);
    trayImages.set(name, image);
    return image;
  };

  /** The tray and the P1 alert window, both driven by the core's overview. */
  const startTray = (core: PiketService): void => {
    try {
      tray = new Tray(trayImage('quiet'));
    } catch (error) {
      logError('The tray icon could not be created', error);
    }
    const shown = tray;
    if (shown) {
      trayController = createTrayController({
        tray: {
          setImage: (name) => shown.setImage(trayImage(name)),
          setToolTip: (text) => shown.setToolTip(text),
          setContextMenu: (template) => shown.setContextMenu(Menu.buildFromTemplate(template)),
          on: (event, listener) => shown.on(event, listener),
        },
        clock,
        platform: process.platform,
        autostart,
        actions: {
          open: bringWindowForward,
          syncNow: () => core.handlers.syncNow({}),
          pauseAlerts: (minutes) => core.handlers.pauseAlerts({ minutes }),
          quit: () => app.quit(),
        },
        log: info,
      });
    }
    alertWindows = createAlertWindowController({
      open: () =>
        openAlertWindow({
          BrowserWindow,
          preloadPath: PRELOAD_PATH,
          ...(process.platform === 'linux' && existsSync(ICON_PATH) ? { icon: ICON_PATH } : {}),
          log: info,
        }),
      snooze: (id, minutes) => core.handlers.snoozeP1({ id, minutes }),
      clock,
      log: info,
    });
    stopFollowing.push(
      followOverview(
        {
          getOverview: () => core.handlers.getOverview({}),
          onOverview: (listener) => core.on('overviewChanged', listener),
        },
        (overview) => {
          trayController?.update(overview);
          alertWindows?.update(overview);
        },
        (error) => logError('Could not read the overview for the tray', error),
      ),
      // A notification was clicked (the core's openTicket): the window comes forward, its page selects the ticket.
      core.on('openTicket', bringWindowForward),
    );
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
          showTicket: (ticketId) => service?.showTicket(ticketId),
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
      getWindows: () => BrowserWindow.getAllWindows(),
      log: info,
      onInternalError: (error) => logError('An API call failed unexpectedly', error),
    });
    service.start().catch((error: unknown) => logError('The core service failed to start its work', error));
    startTray(service);
    try {
      autostart?.refresh();
    } catch (error) {
      logError('Could not update the start-at-login entry', error);
    }
    let openedAtLogin = false;
    if (process.platform === 'darwin') {
      try {
        openedAtLogin = app.getLoginItemSettings().wasOpenedAtLogin;
      } catch (error) {
        logError('Could not tell whether Piket was opened at login', error);
      }
    }
    // Without a tray there is no way back to a hidden window but starting Piket again: show it.
    firstWindowHidden = tray !== null && startsHidden(process.argv, openedAtLogin);
    createMainWindow();
    // Timers stand still while the machine sleeps: on wake or unlock, sync (briefly), then raise what fell due.
    const wake = (): void => {
      service?.wake().catch((error: unknown) => logError('Catching up after sleep failed', error));
    };
    powerMonitor.on('resume', wake);
    powerMonitor.on('unlock-screen', wake);
    powerMonitor.on('shutdown', closeToTray.markQuitting);
  };

  const shutdown = (): void => {
    try {
      for (const stop of stopFollowing.splice(0)) stop();
      trayController?.stop();
      trayController = null;
      alertWindows?.stop();
      alertWindows = null;
      tray?.destroy();
      tray = null;
      stopBridge?.();
      stopBridge = null;
      service?.close();
    } catch (error) {
      logError('Error while closing the core service', error);
    } finally {
      service = null;
    }
  };

  app.on('second-instance', bringWindowForward);
  // Quitting closes the alert window for good: it must not count as the user snoozing a P1.
  app.on('before-quit', () => alertWindows?.stop());
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url), log: info }),
  );
  app.on('activate', bringWindowForward);
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
