// Electron adapter for the IPC router: one invoke channel for calls, one push channel for the events the page
// subscribed to (it says so on the subscribe channel), until the page navigates, reloads, crashes or closes.
// Only `import type` from electron: ipcMain and the window are passed in, so this is tested with fakes too.
import type { BrowserWindow, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { PiketHandlers, Unsubscribe } from '../src/api/contract';
import { isAppUrl } from './app-protocol';
import {
  createEventForwarder,
  createIpcRouter,
  isTrustedSender,
  parseSubscription,
  type EventSource,
  type SenderInfo,
} from './ipc-router';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from './preload/channels';

export function describeSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderInfo {
  let frameUrl: string | null = null;
  let isMainFrame = false;
  try {
    const frame = event.senderFrame;
    if (frame) {
      frameUrl = frame.url;
      isMainFrame = frame.parent === null;
    }
  } catch {
    // A frame that navigated away or was destroyed throws on access: treat it as unknown (untrusted).
  }
  return { webContentsId: event.sender.id, frameUrl, isMainFrame };
}

export interface IpcBridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  handlers: PiketHandlers;
  events: EventSource;
  /** The window whose main frame may call and that receives the events; null while there is none. */
  getWindow: () => BrowserWindow | null;
  log: (line: string) => void;
  onInternalError: (error: unknown) => void;
}

/** Installs the bridge; the returned function removes the handlers and the event subscriptions. */
export function installIpcBridge(options: IpcBridgeOptions): Unsubscribe {
  const trustedIds = (): Set<number> => {
    const win = options.getWindow();
    return win && !win.isDestroyed() ? new Set([win.webContents.id]) : new Set();
  };
  const router = createIpcRouter<SenderInfo>({
    handlers: options.handlers,
    isTrustedSender: (sender) => isTrustedSender(sender, trustedIds()),
    onInternalError: options.onInternalError,
    onRefused: (sender, method) =>
      options.log(
        `Refused IPC call ${String(method).slice(0, 80)} from ${String(sender.frameUrl).slice(0, 200)} ` +
          `(webContents ${sender.webContentsId}, ${sender.isMainFrame ? 'main frame' : 'subframe'})`,
      ),
  });

  options.ipcMain.handle(CALL_CHANNEL, (event, method: unknown, args: unknown) =>
    router.handle(describeSender(event), method, args),
  );

  const forwarder = createEventForwarder(
    options.events,
    (event, payload) => {
      const win = options.getWindow();
      if (!win || win.isDestroyed()) return;
      const contents = win.webContents;
      // Only push to our own UI, never to whatever a (blocked) navigation might have left behind.
      if (!isAppUrl(contents.getURL())) return;
      contents.send(EVENT_CHANNEL, event, payload);
    },
    options.onInternalError,
  );

  // The page whose subscriptions the forwarder holds. A new document (a reload) must subscribe again: until it
  // does, the core holds its alerts rather than count the page that went away as a listener.
  let page: WebContents | null = null;
  const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
    if (details.isMainFrame && !details.isSameDocument) pageGone();
  };
  const pageGone = (): void => {
    forwarder.clear();
    if (page && !page.isDestroyed()) {
      page.removeListener('did-start-navigation', onNavigation);
      page.removeListener('render-process-gone', pageGone);
      page.removeListener('destroyed', pageGone);
    }
    page = null;
  };
  const watch = (contents: WebContents): void => {
    page = contents;
    contents.on('did-start-navigation', onNavigation);
    contents.on('render-process-gone', pageGone);
    contents.on('destroyed', pageGone);
  };

  const onSubscribe = (event: IpcMainEvent, name: unknown, on: unknown): void => {
    const sender = describeSender(event);
    if (!isTrustedSender(sender, trustedIds())) {
      options.log(
        `Refused an event subscription from ${String(sender.frameUrl).slice(0, 200)} ` +
          `(webContents ${sender.webContentsId})`,
      );
      return;
    }
    const subscription = parseSubscription(name, on);
    if (!subscription) {
      options.log(`Ignored a malformed event subscription for ${String(name).slice(0, 80)}`);
      return;
    }
    if (page !== event.sender) {
      pageGone();
      watch(event.sender);
    }
    forwarder.set(subscription.event, subscription.on);
  };
  options.ipcMain.on(SUBSCRIBE_CHANNEL, onSubscribe);

  return () => {
    options.ipcMain.removeHandler(CALL_CHANNEL);
    options.ipcMain.removeListener(SUBSCRIBE_CHANNEL, onSubscribe);
    pageGone();
  };
}
