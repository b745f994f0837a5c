// The preload's ApiTransport over ipcRenderer: calls go through one invoke channel, events arrive on one push
// channel and are filtered by name. Only `import type` from electron, so it is unit-tested with a fake.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiTransport } from '../../src/api/client';
import type { EventListener, EventName, PiketEvents } from '../../src/api/contract';
import { fail, type Result } from '../../src/api/result';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createIpcTransport(ipc: IpcRendererLike): ApiTransport {
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
      ipc.on(EVENT_CHANNEL, onMessage);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, onMessage);
      };
    },
  };
}
