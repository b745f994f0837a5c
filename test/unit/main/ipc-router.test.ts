// The IPC router: only our window's main frame at piket://app may call; arguments are validated; errors are values.
import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, type Settings, type SyncStatus } from '../../../src/api/contract';
import { ApiFailure } from '../../../src/api/dispatch';
import {
  createEventForwarder,
  createIpcRouter,
  isTrustedSender,
  parseSubscription,
  REFUSED_MESSAGE,
  type SenderInfo,
} from '../../../main/ipc-router';
import { fakeEventSource, fakeHandlers } from './fake-handlers';

const WINDOW_ID = 7;
const trusted: SenderInfo = {
  webContentsId: WINDOW_ID,
  frameUrl: 'piket://app/index.html',
  isMainFrame: true,
};

function router(overrides: Parameters<typeof fakeHandlers>[0] = {}) {
  const handlers = fakeHandlers(overrides);
  const onInternalError = vi.fn();
  const onRefused = vi.fn();
  const r = createIpcRouter<SenderInfo>({
    handlers,
    isTrustedSender: (sender) => isTrustedSender(sender, new Set([WINDOW_ID])),
    onInternalError,
    onRefused,
  });
  return { router: r, handlers, onInternalError, onRefused };
}

describe('isTrustedSender', () => {
  const ids = new Set([WINDOW_ID]);
  it('trusts the main frame of our window at piket://app', () => {
    expect(isTrustedSender(trusted, ids)).toBe(true);
    expect(isTrustedSender({ ...trusted, frameUrl: 'piket://app/#/ticket/3' }, ids)).toBe(true);
  });
  it.each([
    ['an https origin', { ...trusted, frameUrl: 'https://evil.example/' }],
    ['a file URL', { ...trusted, frameUrl: 'file:///work/main/out/renderer/index.html' }],
    ['another piket host', { ...trusted, frameUrl: 'piket://evil/index.html' }],
    ['about:blank', { ...trusted, frameUrl: 'about:blank' }],
    ['a vanished frame', { ...trusted, frameUrl: null }],
    ['a subframe at piket://app', { ...trusted, isMainFrame: false }],
    ['another WebContents', { ...trusted, webContentsId: 8 }],
  ])('refuses %s', (_label, sender) => {
    expect(isTrustedSender(sender, ids)).toBe(false);
  });
  it('refuses everything when there is no window', () => {
    expect(isTrustedSender(trusted, new Set())).toBe(false);
  });
});

describe('createIpcRouter', () => {
  it('validates and dispatches a trusted call', async () => {
    const { router: r, handlers } = router();
    const result = await r.handle(trusted, 'getTicket', { id: 3 });
    expect(result).toEqual({ ok: true, value: { method: 'getTicket' } });
    expect(handlers.getTicket).toHaveBeenCalledWith({ id: 3 });
  });

  it('passes defaults filled in by the schema to the handler', async () => {
    const { router: r, handlers } = router();
    await r.handle(trusted, 'listQueue', {});
    expect(handlers.listQueue).toHaveBeenCalledWith(expect.objectContaining({ scope: 'open', limit: 200 }));
  });

  it.each([
    ['https://evil.example', { ...trusted, frameUrl: 'https://evil.example/' }],
    ['file://', { ...trusted, frameUrl: 'file:///tmp/x.html' }],
    ['a piket://app subframe', { ...trusted, isMainFrame: false }],
    ['another window', { ...trusted, webContentsId: 99 }],
  ])('refuses a call from %s without running the handler', async (_label, sender) => {
    const { router: r, handlers, onRefused } = router();
    const result = await r.handle(sender, 'getTicket', { id: 3 });
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: REFUSED_MESSAGE } });
    expect(handlers.getTicket).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith(sender, 'getTicket');
  });

  it('refuses when the trust check itself throws', async () => {
    const onInternalError = vi.fn();
    const r = createIpcRouter({
      handlers: fakeHandlers(),
      isTrustedSender: () => {
        throw new Error('frame destroyed');
      },
      onInternalError,
    });
    const result = await r.handle({}, 'getInfo', {});
    expect(result.ok).toBe(false);
    expect(onInternalError).toHaveBeenCalled();
  });

  it.each([
    ['a wrong type', 'getTicket', { id: 'three' }],
    ['a negative id', 'getTicket', { id: -1 }],
    ['an extra key', 'getTicket', { id: 1, admin: true }],
    ['a non-object', 'setDemoEnabled', 'yes'],
    ['a missing field', 'setDemoEnabled', {}],
  ])('returns invalid_argument for %s', async (_label, method, args) => {
    const { router: r, handlers } = router();
    const result = await r.handle(trusted, method, args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_argument');
    expect(handlers[method as 'getTicket']).not.toHaveBeenCalled();
  });

  it.each(['deleteEverything', '__proto__', 'constructor', 'toString', 42, null])(
    'returns unknown_method for %s',
    async (method) => {
      const { router: r } = router();
      const result = await r.handle(trusted, method, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown_method');
    },
  );

  it('turns a handler crash into a generic internal error without the stack', async () => {
    const crash = new Error('SQLITE_CORRUPT at /home/me/.config/Piket/piket.db');
    const { router: r, onInternalError } = router({
      getInfo: () => {
        throw crash;
      },
    });
    const result = await r.handle(trusted, 'getInfo', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('SQLITE_CORRUPT');
      expect(result.error.message).not.toMatch(/\bat\s.+:\d+/);
    }
    expect(onInternalError).toHaveBeenCalledWith(crash);
  });

  it('passes an expected failure through as its code and message', async () => {
    const { router: r, onInternalError } = router({
      getTicket: () => {
        throw new ApiFailure('not_found', 'Ticket 3 does not exist.');
      },
    });
    expect(await r.handle(trusted, 'getTicket', { id: 3 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Ticket 3 does not exist.' },
    });
    expect(onInternalError).not.toHaveBeenCalled();
  });
});

describe('parseSubscription', () => {
  it('accepts every contract event with a boolean', () => {
    for (const event of EVENT_NAMES) {
      expect(parseSubscription(event, true)).toEqual({ event, on: true });
      expect(parseSubscription(event, false)).toEqual({ event, on: false });
    }
  });

  it.each([
    ['an unknown event', 'deleteEverything', true],
    ['a prototype key', 'constructor', true],
    ['a non-string event', 42, true],
    ['a missing flag', 'slaAlerts', undefined],
    ['a flag that is not a boolean', 'slaAlerts', 'yes'],
  ])('refuses %s', (_label, event, on) => {
    expect(parseSubscription(event, on)).toBeNull();
  });
});

describe('createEventForwarder', () => {
  it('subscribes to nothing until an event is asked for, then forwards only that one', () => {
    const { source, emit, count } = fakeEventSource();
    const send = vi.fn();
    const forwarder = createEventForwarder(source, send);
    expect(count()).toBe(0);
    emit('queueChanged', { ticketIds: [1] });
    expect(send).not.toHaveBeenCalled();

    forwarder.set('queueChanged', true);
    forwarder.set('queueChanged', true);
    expect(count()).toBe(1);
    const status: SyncStatus = { state: 'idle', lastSyncAt: 1, message: null, connections: [] };
    emit('syncStatus', status);
    emit('queueChanged', { ticketIds: [1, 2] });
    expect(send.mock.calls).toEqual([['queueChanged', { ticketIds: [1, 2] }]]);
  });

  it('stops one event on request, and every event on clear', () => {
    const { source, emit, count } = fakeEventSource();
    const send = vi.fn();
    const forwarder = createEventForwarder(source, send);
    for (const event of EVENT_NAMES) forwarder.set(event, true);
    expect(count()).toBe(EVENT_NAMES.length);
    forwarder.set('queueChanged', false);
    forwarder.set('queueChanged', false);
    expect(count()).toBe(EVENT_NAMES.length - 1);
    emit('queueChanged', { ticketIds: [1] });
    const settings: Settings = {
      language: 'nl',
      me: 'anna',
      queueView: 'queue',
      queueSorts: { needsMe: 'urgency', queue: 'deadline' },
      syncIntervalSeconds: 30,
      alertWhen: 'always',
      quietHours: null,
      alertsPausedUntil: null,
    };
    emit('settingsChanged', settings);
    expect(send.mock.calls).toEqual([['settingsChanged', settings]]);
    forwarder.clear();
    expect(count()).toBe(0);
    forwarder.clear();
  });

  it('keeps the core safe from a failing send', () => {
    const { source, emit } = fakeEventSource();
    const onError = vi.fn();
    const forwarder = createEventForwarder(
      source,
      () => {
        throw new Error('Object has been destroyed');
      },
      onError,
    );
    forwarder.set('queueChanged', true);
    expect(() => emit('queueChanged', { ticketIds: [] })).not.toThrow();
    expect(onError).toHaveBeenCalledOnce();
  });
});
