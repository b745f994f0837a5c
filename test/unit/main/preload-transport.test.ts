// The preload's transport: the same PiketApi as the browser client, over two IPC channels, nothing else exposed.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../src/api/client';
import { EVENT_NAMES } from '../../../src/api/contract';
import { METHOD_NAMES } from '../../../src/api/methods';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from '../../../main/preload/channels';
import { createIpcTransport, type IpcRendererLike } from '../../../main/preload/transport';

function fakeIpc(
  invoke: (...args: unknown[]) => Promise<unknown> = () => Promise.resolve({ ok: true, value: 1 }),
) {
  const emitter = new EventEmitter();
  const ipc = {
    invoke: vi.fn(invoke),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener),
    ),
    send: vi.fn(),
  };
  const push = (name: string, payload: unknown): boolean => emitter.emit(EVENT_CHANNEL, {}, name, payload);
  return { ipc, emitter, push, api: createApiClient(createIpcTransport(ipc as unknown as IpcRendererLike)) };
}

describe('preload transport', () => {
  it('exposes exactly the contract: every method plus on', () => {
    const { api } = fakeIpc();
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each call over the one invoke channel as (method, args)', async () => {
    const { api, ipc } = fakeIpc(() => Promise.resolve({ ok: true, value: { id: 5 } }));
    expect(await api.getTicket({ id: 5 })).toEqual({ ok: true, value: { id: 5 } });
    expect(ipc.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'getTicket', { id: 5 });
  });

  it('returns an error Result instead of rejecting when main does not answer', async () => {
    const { api } = fakeIpc(() => Promise.reject(new Error("No handler registered for 'piket:call'")));
    const result = await api.getInfo({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unavailable');
  });

  it('delivers only the subscribed event, and unsubscribe removes the IPC listener', () => {
    const { api, push, emitter, ipc } = fakeIpc();
    const onQueue = vi.fn();
    const onSync = vi.fn();
    const stopQueue = api.on('queueChanged', onQueue);
    api.on('syncStatus', onSync);
    expect(emitter.listenerCount(EVENT_CHANNEL)).toBe(2);

    push('queueChanged', { ticketIds: [1] });
    push('somethingElse', { x: 1 });
    expect(onQueue).toHaveBeenCalledExactlyOnceWith({ ticketIds: [1] });
    expect(onSync).not.toHaveBeenCalled();

    stopQueue();
    stopQueue();
    expect(ipc.removeListener).toHaveBeenCalledOnce();
    expect(emitter.listenerCount(EVENT_CHANNEL)).toBe(1);
    push('queueChanged', { ticketIds: [2] });
    expect(onQueue).toHaveBeenCalledOnce();
  });

  it('listens on the one event channel for every event of the contract', () => {
    const { api, ipc } = fakeIpc();
    for (const event of EVENT_NAMES) api.on(event, () => undefined);
    expect(ipc.on.mock.calls.every(([channel]) => channel === EVENT_CHANNEL)).toBe(true);
  });

  it('tells main when the first listener of an event comes and when the last one goes', () => {
    const { api, ipc } = fakeIpc();
    const subscriptions = () => ipc.send.mock.calls.filter(([channel]) => channel === SUBSCRIBE_CHANNEL);
    const stopFirst = api.on('slaAlerts', () => undefined);
    const stopSecond = api.on('slaAlerts', () => undefined);
    api.on('queueChanged', () => undefined);
    expect(subscriptions()).toEqual([
      [SUBSCRIBE_CHANNEL, 'slaAlerts', true],
      [SUBSCRIBE_CHANNEL, 'queueChanged', true],
    ]);
    stopFirst();
    stopFirst();
    expect(subscriptions()).toHaveLength(2);
    stopSecond();
    expect(subscriptions().at(-1)).toEqual([SUBSCRIBE_CHANNEL, 'slaAlerts', false]);
    api.on('slaAlerts', () => undefined);
    expect(subscriptions().at(-1)).toEqual([SUBSCRIBE_CHANNEL, 'slaAlerts', true]);
    expect(subscriptions()).toHaveLength(4);
  });

  it('listens before it asks, so what main forwards at once is not missed', () => {
    const { api, ipc, emitter } = fakeIpc();
    const onAlerts = vi.fn();
    ipc.send.mockImplementation((channel: string, event: string) => {
      if (channel === SUBSCRIBE_CHANNEL) emitter.emit(EVENT_CHANNEL, {}, event, [{ key: 'held' }]);
    });
    api.on('slaAlerts', onAlerts);
    expect(onAlerts).toHaveBeenCalledExactlyOnceWith([{ key: 'held' }]);
  });
});
