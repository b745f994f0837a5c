// Electron adapter for the IPC router: one invoke channel for calls, one push channel for events.
// Only `import type` from electron: ipcMain and the window are passed in, so this is tested with fakes too.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { PiketHandlers, Unsubscribe } from '../src/api/contract';
import { isAppUrl } from './app-protocol';
import {
  createIpcRouter,
  forwardEvents,
  isTrustedSender,
  type EventSource,
  type SenderInfo,
} from './ipc-router';
import { CALL_CHANNEL, EVENT_CHANNEL } from './preload/channels';

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
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: PiketHandlers;
  events: EventSource;
  /** The window whose main frame may call and that receives the events; null while there is none. */
  getWindow: () => BrowserWindow | null;
  log: (line: string) => void;
  onInternalError: (error: unknown) => void;
}

/** Installs the bridge; the returned function removes the handler and the event subscriptions. */
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

  const stopEvents = forwardEvents(
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

  return () => {
    options.ipcMain.removeHandler(CALL_CHANNEL);
    stopEvents();
  };
}
