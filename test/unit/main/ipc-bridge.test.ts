// The ipcMain adapter: one invoke channel with the sender check, one event channel pushed to our windows only, and
// only the events each page subscribed to, for as long as that page lives.
import { EventEmitter } from 'node:events';
import type { BrowserWindow, IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { describeSender, installIpcBridge } from '../../../main/ipc-bridge';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from '../../../main/preload/channels';
import { fakeEventSource, fakeHandlers } from './fake-handlers';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type MessageListener = (event: IpcMainEvent, ...args: unknown[]) => void;

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function setup() {
  const invokeHandlers = new Map<string, InvokeHandler>();
  const messages = new EventEmitter();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: InvokeHandler) => invokeHandlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => invokeHandlers.delete(channel)),
    on: (channel: string, listener: MessageListener) => messages.on(channel, listener),
    removeListener: (channel: string, listener: MessageListener) =>
      messages.removeListener(channel, listener),
  };
  const { source: events, emit, listeners, count } = fakeEventSource();
  const contents = Object.assign(new EventEmitter(), {
    id: 1,
    url: 'piket://app/index.html',
    destroyed: false,
    send: vi.fn(),
    getURL: () => contents.url,
    isDestroyed: () => contents.destroyed,
  });
  const win = { destroyed: false, webContents: contents, isDestroyed: () => win.destroyed };
  let current: typeof win | null = win;
  /** More windows of ours (the P1 alert window), added with `openWindow`. */
  const others: (typeof win)[] = [];
  const handlers = fakeHandlers();
  const log = vi.fn();
  const uninstall = installIpcBridge({
    ipcMain: ipcMain as unknown as IpcMain,
    handlers,
    events,
    getWindows: () => [current, ...others].filter((w) => w !== null) as unknown as BrowserWindow[],
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
  /** A message on the subscribe channel, as the preload sends it. */
  const subscribe = (event: unknown, on: unknown, sender: { id: number } = contents, frame = mainFrame) =>
    messages.emit(SUBSCRIBE_CHANNEL, { sender, senderFrame: frame } as unknown as IpcMainEvent, event, on);
  return {
    ipcMain,
    invokeHandlers,
    messages,
    subscribe,
    listeners,
    count,
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
    /** Opens another window of ours, whose page is at `url`. */
    openWindow: (id: number, url = 'piket://app/index.html?view=alert') => {
      const page = Object.assign(new EventEmitter(), {
        id,
        url,
        destroyed: false,
        send: vi.fn(),
        getURL: () => page.url,
        isDestroyed: () => page.destroyed,
      });
      const other = { destroyed: false, webContents: page, isDestroyed: () => other.destroyed };
      others.push(other as unknown as typeof win);
      return { page, frame: { url, parent: null } as FakeFrame };
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

  it('forwards no event until the page subscribes to it, so the core sees no listener', () => {
    const { emit, contents, count, subscribe } = setup();
    expect(count()).toBe(0);
    emit('queueChanged', { ticketIds: [4] });
    expect(contents.send).not.toHaveBeenCalled();
    subscribe('queueChanged', true);
    expect(count()).toBe(1);
    emit('queueChanged', { ticketIds: [5] });
    emit('syncStatus', { state: 'idle', lastSyncAt: 1, message: null, connections: [] });
    expect(contents.send.mock.calls).toEqual([[EVENT_CHANNEL, 'queueChanged', { ticketIds: [5] }]]);
  });

  it('stops forwarding an event the page unsubscribes from', () => {
    const { emit, contents, count, subscribe } = setup();
    subscribe('queueChanged', true);
    subscribe('queueChanged', false);
    expect(count()).toBe(0);
    emit('queueChanged', { ticketIds: [4] });
    expect(contents.send).not.toHaveBeenCalled();
  });

  it.each([
    ['another WebContents', { id: 2 }, { url: 'piket://app/index.html', parent: null }],
    ['a page that is not ours', { id: 1 }, { url: 'https://evil.example/', parent: null }],
    [
      'a subframe',
      { id: 1 },
      { url: 'piket://app/index.html', parent: { url: 'piket://app/', parent: null } },
    ],
  ])('refuses a subscription from %s and logs it', (_label, sender, frame) => {
    const { count, subscribe, log } = setup();
    subscribe('slaAlerts', true, sender, frame);
    expect(count()).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Refused an event subscription'));
  });

  it.each([
    ['an unknown event', 'deleteEverything', true],
    ['a flag that is not a boolean', 'slaAlerts', 'yes'],
  ])('ignores a subscription with %s', (_label, event, on) => {
    const { count, subscribe, log } = setup();
    subscribe(event, on);
    expect(count()).toBe(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('malformed event subscription'));
  });

  it.each([
    ['reloads', 'did-start-navigation', { isMainFrame: true, isSameDocument: false }],
    ['crashes', 'render-process-gone', { reason: 'crashed' }],
    ['is destroyed', 'destroyed', undefined],
  ])('drops every subscription when the page %s, until the new page subscribes', (_label, event, details) => {
    const { contents, count, subscribe } = setup();
    subscribe('slaAlerts', true);
    subscribe('queueChanged', true);
    contents.emit(event, details);
    expect(count()).toBe(0);
    expect(contents.listenerCount('did-start-navigation')).toBe(0);
    subscribe('slaAlerts', true);
    expect(count()).toBe(1);
  });

  it.each([
    ['an in-page navigation', { isMainFrame: true, isSameDocument: true }],
    ['a subframe navigation', { isMainFrame: false, isSameDocument: false }],
  ])('keeps the subscriptions through %s', (_label, details) => {
    const { contents, count, subscribe } = setup();
    subscribe('slaAlerts', true);
    contents.emit('did-start-navigation', details);
    expect(count()).toBe(1);
  });

  it('pushes nothing to a destroyed window, a closed one, or a page that is not ours', () => {
    const { emit, contents, win, closeWindow, subscribe } = setup();
    subscribe('queueChanged', true);
    contents.url = 'https://evil.example/';
    emit('queueChanged', { ticketIds: [1] });
    contents.url = 'piket://app/index.html';
    win.destroyed = true;
    emit('queueChanged', { ticketIds: [2] });
    closeWindow();
    emit('queueChanged', { ticketIds: [3] });
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('lets the page of another window of ours (the P1 alert window) call and subscribe on its own', async () => {
    const { call, openWindow, subscribe, emit, contents, count, handlers } = setup();
    const alert = openWindow(2);
    expect(await call(alert.page, alert.frame, 'getOverview', {})).toEqual({
      ok: true,
      value: { method: 'getOverview' },
    });
    expect(handlers.getOverview).toHaveBeenCalledOnce();
    subscribe('queueChanged', true);
    subscribe('syncStatus', true, alert.page, alert.frame);
    expect(count()).toBe(2);
    emit('syncStatus', { state: 'idle', lastSyncAt: 1, message: null, connections: [] });
    emit('queueChanged', { ticketIds: [7] });
    expect(alert.page.send.mock.calls).toEqual([
      [EVENT_CHANNEL, 'syncStatus', { state: 'idle', lastSyncAt: 1, message: null, connections: [] }],
    ]);
    expect(contents.send.mock.calls).toEqual([[EVENT_CHANNEL, 'queueChanged', { ticketIds: [7] }]]);
  });

  it("drops only the subscriptions of the page that went away, not another window's", () => {
    const { openWindow, subscribe, emit, contents, count } = setup();
    const alert = openWindow(2);
    subscribe('queueChanged', true);
    subscribe('queueChanged', true, alert.page, alert.frame);
    alert.page.emit('destroyed');
    expect(count()).toBe(1);
    emit('queueChanged', { ticketIds: [8] });
    expect(contents.send).toHaveBeenCalledOnce();
    expect(alert.page.send).not.toHaveBeenCalled();
  });

  it('uninstalls the handlers, every subscription and its watch on the page', () => {
    const { uninstall, ipcMain, invokeHandlers, messages, listeners, contents, subscribe } = setup();
    subscribe('slaAlerts', true);
    subscribe('queueChanged', true);
    uninstall();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(CALL_CHANNEL);
    expect(invokeHandlers.size).toBe(0);
    expect(messages.listenerCount(SUBSCRIBE_CHANNEL)).toBe(0);
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
    expect(contents.eventNames()).toEqual([]);
  });

  it('uninstalls the subscriptions of every page', () => {
    const { uninstall, openWindow, subscribe, count } = setup();
    const alert = openWindow(2);
    subscribe('queueChanged', true);
    subscribe('overviewChanged', true, alert.page, alert.frame);
    uninstall();
    expect(count()).toBe(0);
    expect(alert.page.eventNames()).toEqual([]);
  });
});
