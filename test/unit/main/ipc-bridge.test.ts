// The ipcMain adapter: one invoke channel with the sender check, one event channel pushed to our window only.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { describeSender, installIpcBridge } from '../../../main/ipc-bridge';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../main/preload/channels';
import { fakeEventSource, fakeHandlers } from './fake-handlers';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function setup() {
  const invokeHandlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: InvokeHandler) => invokeHandlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => invokeHandlers.delete(channel)),
  };
  const { source: events, emit, listeners } = fakeEventSource();
  const contents = { id: 1, url: 'piket://app/index.html', send: vi.fn(), getURL: () => contents.url };
  const win = { destroyed: false, webContents: contents, isDestroyed: () => win.destroyed };
  let current: typeof win | null = win;
  const handlers = fakeHandlers();
  const log = vi.fn();
  const uninstall = installIpcBridge({
    ipcMain: ipcMain as unknown as IpcMain,
    handlers,
    events,
    getWindow: () => current as unknown as BrowserWindow | null,
    log,
    onInternalError: vi.fn(),
  });
  const call = (sender: { id: number }, frame: FakeFrame | null, method: unknown, args: unknown) =>
    invokeHandlers.get(CALL_CHANNEL)?.(
      { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent,
      method,
      args,
    ) as Promise<unknown>;
  const mainFrame: FakeFrame = { url: 'piket://app/index.html', parent: null };
  return {
    ipcMain,
    invokeHandlers,
    listeners,
    emit,
    contents,
    win,
    handlers,
    log,
    uninstall,
    call,
    mainFrame,
    closeWindow: () => {
      current = null;
    },
  };
}

describe('describeSender', () => {
  it('reads the frame URL and whether it is the main frame', () => {
    const top: FakeFrame = { url: 'piket://app/index.html', parent: null };
    const sub: FakeFrame = { url: 'piket://app/frame.html', parent: top };
    const event = (frame: FakeFrame | null) =>
      ({ sender: { id: 4 }, senderFrame: frame }) as unknown as IpcMainInvokeEvent;
    expect(describeSender(event(top))).toEqual({ webContentsId: 4, frameUrl: top.url, isMainFrame: true });
    expect(describeSender(event(sub))).toEqual({ webContentsId: 4, frameUrl: sub.url, isMainFrame: false });
    expect(describeSender(event(null))).toEqual({ webContentsId: 4, frameUrl: null, isMainFrame: false });
  });

  it('treats a frame that throws on access as unknown', () => {
    const frame = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    const event = { sender: { id: 4 }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
    expect(describeSender(event)).toEqual({ webContentsId: 4, frameUrl: null, isMainFrame: false });
  });
});

describe('installIpcBridge', () => {
  it('registers exactly one invoke channel', () => {
    const { ipcMain } = setup();
    expect(ipcMain.handle).toHaveBeenCalledOnce();
    expect(ipcMain.handle).toHaveBeenCalledWith(CALL_CHANNEL, expect.any(Function));
  });

  it('dispatches a call from our window main frame', async () => {
    const { call, contents, mainFrame, handlers } = setup();
    expect(await call(contents, mainFrame, 'getTicket', { id: 5 })).toEqual({
      ok: true,
      value: { method: 'getTicket' },
    });
    expect(handlers.getTicket).toHaveBeenCalledWith({ id: 5 });
  });

  it.each([
    ['https://evil.example', { url: 'https://evil.example/', parent: null }],
    ['file://', { url: 'file:///home/me/evil.html', parent: null }],
    [
      'a subframe at piket://app',
      { url: 'piket://app/index.html', parent: { url: 'piket://app/', parent: null } },
    ],
    ['a destroyed frame', null],
  ])('refuses %s and logs it', async (_label, frame) => {
    const { call, contents, handlers, log } = setup();
    const result = (await call(contents, frame, 'getInfo', {})) as { ok: boolean };
    expect(result.ok).toBe(false);
    expect(handlers.getInfo).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Refused IPC call getInfo'));
  });

  it('refuses another WebContents, even at piket://app', async () => {
    const { call, mainFrame, handlers } = setup();
    const result = (await call({ id: 2 }, mainFrame, 'getInfo', {})) as { ok: boolean };
    expect(result.ok).toBe(false);
    expect(handlers.getInfo).not.toHaveBeenCalled();
  });

  it('refuses everything once the window is gone', async () => {
    const { call, contents, mainFrame, closeWindow } = setup();
    closeWindow();
    expect(((await call(contents, mainFrame, 'getInfo', {})) as { ok: boolean }).ok).toBe(false);
  });

  it('pushes events to our window on the event channel', () => {
    const { emit, contents } = setup();
    emit('queueChanged', { ticketIds: [4] });
    expect(contents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'queueChanged', { ticketIds: [4] });
  });

  it('pushes nothing to a destroyed window, a closed one, or a page that is not ours', () => {
    const { emit, contents, win, closeWindow } = setup();
    contents.url = 'https://evil.example/';
    emit('queueChanged', { ticketIds: [1] });
    contents.url = 'piket://app/index.html';
    win.destroyed = true;
    emit('queueChanged', { ticketIds: [2] });
    closeWindow();
    emit('queueChanged', { ticketIds: [3] });
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('uninstalls the handler and every subscription', () => {
    const { uninstall, ipcMain, invokeHandlers, listeners } = setup();
    uninstall();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(CALL_CHANNEL);
    expect(invokeHandlers.size).toBe(0);
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
