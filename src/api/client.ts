// Builds a PiketApi from a transport, so the Electron preload and the browser client expose the same object.
import type { EventListener, EventName, PiketApi, Unsubscribe } from './contract';
import type { Result } from './result';
import { METHOD_NAMES, type MethodName } from './methods';

export interface ApiTransport {
  call(method: MethodName, args: unknown): Promise<Result<unknown>>;
  subscribe<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe;
}

export function createApiClient(transport: ApiTransport): PiketApi {
  const api: Record<string, unknown> = {
    on: <E extends EventName>(event: E, listener: EventListener<E>) => transport.subscribe(event, listener),
  };
  for (const method of METHOD_NAMES) {
    api[method] = (args: unknown) => transport.call(method, args ?? {});
  }
  return api as PiketApi;
}
