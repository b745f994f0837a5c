// Electron adapter for the IPC router: one invoke channel for calls, one push channel for the events each page
// subscribed to (it says so on the subscribe channel), until that page navigates, reloads, crashes or closes.
// The pages of every Piket window may call: the main window's and the P1 alert window's.
// Only `import type` from electron: ipcMain and the window are passed in, so this is tested with fakes too.
import type { BrowserWindow, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { PiketHandlers, Unsubscribe } from '../src/api/contract';
import { isAppUrl } from './app-protocol';
import {
  createEventForwarder,
  createIpcRouter,
  isTrustedSender,
  parseSubscription,
  type EventForwarder,
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
  /** The windows whose main frames may call and receive events (the main window, the P1 alert window). */
  getWindows: () => readonly BrowserWindow[];
  log: (line: string) => void;
  onInternalError: (error: unknown) => void;
}

/** Installs the bridge; the returned function removes the handlers and the event subscriptions. */
export function installIpcBridge(options: IpcBridgeOptions): Unsubscribe {
  const trustedIds = (): Set<number> =>
    new Set(options.getWindows().flatMap((win) => (win.isDestroyed() ? [] : [win.webContents.id])));
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

  // Each page's subscriptions, held while it lives. A new document (a reload) must subscribe again: until it
  // does, the core holds its alerts rather than count the page that went away as a listener.
  const pages = new Map<WebContents, { forwarder: EventForwarder; gone: () => void }>();

  const watch = (contents: WebContents): EventForwarder => {
    const forwarder = createEventForwarder(
      options.events,
      (event, payload) => {
        // Only to a page of one of our windows showing our own UI, never to what a (blocked) navigation left.
        if (contents.isDestroyed() || !trustedIds().has(contents.id)) return;
        if (!isAppUrl(contents.getURL())) return;
        contents.send(EVENT_CHANNEL, event, payload);
      },
      options.onInternalError,
    );
    const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
      if (details.isMainFrame && !details.isSameDocument) gone();
    };
    const gone = (): void => {
      forwarder.clear();
      pages.delete(contents);
      if (!contents.isDestroyed()) {
        contents.removeListener('did-start-navigation', onNavigation);
        contents.removeListener('render-process-gone', gone);
        contents.removeListener('destroyed', gone);
      }
    };
    contents.on('did-start-navigation', onNavigation);
    contents.on('render-process-gone', gone);
    contents.on('destroyed', gone);
    pages.set(contents, { forwarder, gone });
    return forwarder;
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
    const forwarder = pages.get(event.sender)?.forwarder ?? watch(event.sender);
    forwarder.set(subscription.event, subscription.on);
  };
  options.ipcMain.on(SUBSCRIBE_CHANNEL, onSubscribe);

  return () => {
    options.ipcMain.removeHandler(CALL_CHANNEL);
    options.ipcMain.removeListener(SUBSCRIBE_CHANNEL, onSubscribe);
    for (const page of [...pages.values()]) page.gone();
  };
}
