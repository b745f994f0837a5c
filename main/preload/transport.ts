// The preload's ApiTransport over ipcRenderer: calls go through one invoke channel; events arrive on one push
// channel and are filtered by name, and main forwards an event only while the page listens to it (the first
// listener of an event says so on the subscribe channel, the last one to leave says it stops). Only `import type`
// from electron, so it is unit-tested with a fake.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiTransport } from '../../src/api/client';
import type { EventListener, EventName, PiketEvents } from '../../src/api/contract';
import { fail, type Result } from '../../src/api/result';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from './channels';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'send'>;

export function createIpcTransport(ipc: IpcRendererLike): ApiTransport {
  const listening = new Map<EventName, number>();
  return {
    async call(method, args) {
      try {
        return (await ipc.invoke(CALL_CHANNEL, method, args)) as Result<unknown>;
      } catch {
        // Only if main has no handler (e.g. while quitting); the UI always gets a Result.
        return fail('unavailable', 'Piket is not available right now.');
      }
    },
    subscribe<E extends EventName>(event: E, listener: EventListener<E>) {
      const onMessage = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (name === event) listener(payload as PiketEvents[E]);
      };
      // Listening first: what main forwards as soon as it hears of the subscription (held alerts) finds us.
      ipc.on(EVENT_CHANNEL, onMessage);
      const count = listening.get(event) ?? 0;
      listening.set(event, count + 1);
      if (count === 0) ipc.send(SUBSCRIBE_CHANNEL, event, true);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, onMessage);
        const left = (listening.get(event) ?? 1) - 1;
        listening.set(event, left);
        if (left === 0) ipc.send(SUBSCRIBE_CHANNEL, event, false);
      };
    },
  };
}
