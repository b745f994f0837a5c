// The composition of the real core service, the IPC bridge and the preload's transport, with a fake ipcMain and a
// fake window whose page loads when the test says so: SLA alerts that fell due while Piket was closed are raised
// as the service starts, before the page has subscribed, and still reach the page once it has (issue 8). Real
// SQLite on a temp data folder, the demo desk, a fake clock.
import { EventEmitter } from 'node:events';
import type { BrowserWindow, IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import type { Notifier } from '../../../src/alerts/notifier';
import { createApiClient } from '../../../src/api/client';
import type { PiketApi, SlaAlert } from '../../../src/api/contract';
import { openPiketService, type PiketService } from '../../../src/core/piket-service';
import { installIpcBridge } from '../../../main/ipc-bridge';
import { createIpcTransport, type IpcRendererLike } from '../../../main/preload/transport';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { RecordingNotifier } from '../../support/recording-notifier';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs('piket-alerts-window-');
/** The demo desk is busy then (see test/integration/core/alerts.test.ts). */
const NOW = Date.UTC(2026, 10, 23, 1, 40);
const CLOSED_FOR_MS = 3 * 60 * 60_000;
const APP_URL = 'piket://app/index.html';

/** Lets the promises the fake clock's timers started run (no wall-clock waiting). */
async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function openService(dataDir: string, clock: FakeClock, notifier: Notifier): PiketService {
  return openPiketService({
    dataDir,
    version: 'test',
    role: 'app',
    clock,
    notifier,
    syncIntervalMs: 3_600_000,
  });
}

/** Starts the service and lets the scheduler fire what is overdue on its first (immediate) wake. */
async function startAndFire(service: PiketService, clock: FakeClock): Promise<void> {
  await service.start();
  await service.handlers.syncNow({});
  await settle();
  clock.advance(1);
  await settle();
}

/**
 * ipcMain and one window whose page is not loaded until `loadPage()`: messages pushed to it before then are lost,
 * as Electron loses what it sends to a page still loading. A loaded page is the real preload transport over a fake
 * ipcRenderer wired to the fake ipcMain.
 */
function fakeElectron() {
  const invokeHandlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const messages = new EventEmitter();
  const ipcMain = {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) =>
      invokeHandlers.set(channel, handler),
    removeHandler: (channel: string) => invokeHandlers.delete(channel),
    on: (channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void) =>
      messages.on(channel, listener),
    removeListener: (channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void) =>
      messages.removeListener(channel, listener),
  };
  let page: EventEmitter | null = null;
  const contents = Object.assign(new EventEmitter(), {
    id: 1,
    getURL: () => APP_URL,
    isDestroyed: () => false,
    send: (channel: string, ...args: unknown[]) => void page?.emit(channel, {}, ...args),
  });
  const win = { webContents: contents, isDestroyed: () => false };

  const loadPage = (): PiketApi => {
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    const renderer = new EventEmitter();
    page = renderer;
    const from = { sender: contents, senderFrame: { url: APP_URL, parent: null } };
    const ipcRenderer = {
      invoke: async (channel: string, ...args: unknown[]) =>
        invokeHandlers.get(channel)?.(from as unknown as IpcMainInvokeEvent, ...args),
      on: (channel: string, listener: (...args: unknown[]) => void) => renderer.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        renderer.removeListener(channel, listener),
      send: (channel: string, ...args: unknown[]) =>
        void messages.emit(channel, from as unknown as IpcMainEvent, ...args),
    };
    return createApiClient(createIpcTransport(ipcRenderer as unknown as IpcRendererLike));
  };

  return {
    ipcMain: ipcMain as unknown as IpcMain,
    getWindows: () => [win as unknown as BrowserWindow],
    loadPage,
  };
}

describe('SLA alerts and the window', () => {
  it('reach the page that subscribes after the service raised them at start', async () => {
    const dataDir = tempDir();
    const clock = createFakeClock(NOW);
    // A first run sees the desk's tickets; what passes after that is raised one by one.
    const first = openService(dataDir, clock, new RecordingNotifier());
    await startAndFire(first, clock);
    first.close();

    // Piket is closed for three hours; on the next start those deadlines are overdue.
    clock.sleepTo(NOW + CLOSED_FOR_MS);
    const notifier = new RecordingNotifier();
    const service = openService(dataDir, clock, notifier);
    const electron = fakeElectron();
    const uninstall = installIpcBridge({
      ipcMain: electron.ipcMain,
      handlers: service.handlers,
      events: service,
      getWindows: electron.getWindows,
      log: () => undefined,
      onInternalError: (error) => {
        throw error;
      },
    });
    try {
      await startAndFire(service, clock);
      const raised = notifier.notices.filter(
        (notice) => notice.ticketId !== null && !notice.key.includes(':p1:'),
      );
      expect(raised.length).toBeGreaterThan(0);

      const api = electron.loadPage();
      const received: SlaAlert[] = [];
      api.on('slaAlerts', (alerts) => received.push(...alerts));
      expect(received.map((alert) => alert.key).sort()).toEqual(raised.map((notice) => notice.key).sort());
    } finally {
      uninstall();
      service.close();
    }
  });

  it('are held again while the page reloads, and reach the new page', async () => {
    const dataDir = tempDir();
    const clock = createFakeClock(NOW);
    const notifier = new RecordingNotifier();
    const service = openService(dataDir, clock, notifier);
    const electron = fakeElectron();
    const uninstall = installIpcBridge({
      ipcMain: electron.ipcMain,
      handlers: service.handlers,
      events: service,
      getWindows: electron.getWindows,
      log: () => undefined,
      onInternalError: (error) => {
        throw error;
      },
    });
    try {
      await startAndFire(service, clock);
      electron.loadPage().on('slaAlerts', () => undefined);

      // The page reloads; alerts that fall due meanwhile wait for the new page's subscription.
      const reloaded = electron.loadPage();
      const before = notifier.notices.length;
      clock.advance(CLOSED_FOR_MS);
      await settle();
      const raised = notifier.notices
        .slice(before)
        .filter((notice) => notice.ticketId !== null && !notice.key.includes(':p1:'));
      expect(raised.length).toBeGreaterThan(0);
      const received: SlaAlert[] = [];
      reloaded.on('slaAlerts', (alerts) => received.push(...alerts));
      expect(received.map((alert) => alert.key).sort()).toEqual(raised.map((notice) => notice.key).sort());
    } finally {
      uninstall();
      service.close();
    }
  });
});
