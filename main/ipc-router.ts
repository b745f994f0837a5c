// The IPC bridge's logic without electron: who may call, validation and dispatch through src/api, and forwarding
// the events the page subscribed to. main/ipc-bridge.ts adapts ipcMain and the window to these functions.
import { dispatch } from '../src/api/dispatch';
import { fail, type Result } from '../src/api/result';
import {
  EVENT_NAMES,
  type EventName,
  type PiketEvents,
  type PiketHandlers,
  type Unsubscribe,
} from '../src/api/contract';
import { isAppUrl } from './app-protocol';

/** What main knows about the frame that sent an IPC message. */
export interface SenderInfo {
  /** Id of the sending WebContents. */
  webContentsId: number;
  /** URL of the sending frame, or null when the frame is gone. */
  frameUrl: string | null;
  /** True when the sending frame is the top frame of its WebContents. */
  isMainFrame: boolean;
}

/**
 * Trusted = the main frame of one of our windows, showing our own UI (piket://app/…). Subframes, other
 * windows, and pages at any other origin (https:, file:, about:blank, devtools) are refused.
 */
export function isTrustedSender(sender: SenderInfo, trustedWebContentsIds: ReadonlySet<number>): boolean {
  return trustedWebContentsIds.has(sender.webContentsId) && sender.isMainFrame && isAppUrl(sender.frameUrl);
}

export interface IpcRouterOptions<S> {
  handlers: PiketHandlers;
  isTrustedSender: (sender: S) => boolean;
  /** Unexpected handler errors (with stacks) go here, for the log; the caller gets a generic message. */
  onInternalError: (error: unknown) => void;
  /** Refused senders, for the log. */
  onRefused?: (sender: S, method: unknown) => void;
}

export interface IpcRouter<S> {
  /** Never throws: every outcome is a Result. */
  handle(sender: S, method: unknown, args: unknown): Promise<Result<unknown>>;
}

export const REFUSED_MESSAGE = 'Refused: this call did not come from the Piket window.';

export function createIpcRouter<S>(options: IpcRouterOptions<S>): IpcRouter<S> {
  return {
    async handle(sender, method, args) {
      let trusted = false;
      try {
        trusted = options.isTrustedSender(sender);
      } catch (error) {
        options.onInternalError(error);
      }
      if (!trusted) {
        options.onRefused?.(sender, method);
        // ErrorCode has no "forbidden"; "unavailable" tells the caller the API is not available to it.
        return fail('unavailable', REFUSED_MESSAGE);
      }
      return dispatch(options.handlers, method, args, options.onInternalError);
    },
  };
}

/** The core's event source, as PiketService exposes it. */
export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: PiketEvents[E]) => void): Unsubscribe;
}

/** A page's request to start or stop receiving one event, as the preload sends it; null when malformed. */
export function parseSubscription(event: unknown, on: unknown): { event: EventName; on: boolean } | null {
  if (typeof event !== 'string' || typeof on !== 'boolean') return null;
  const name = EVENT_NAMES.find((known) => known === event);
  return name === undefined ? null : { event: name, on };
}

/** Forwards the core's events that the page asked for, and only those. */
export interface EventForwarder {
  /** Starts (true) or stops (false) forwarding one event; asking twice for the same is harmless. */
  set(event: EventName, on: boolean): void;
  /** Stops forwarding everything: the page that asked went away. */
  clear(): void;
}

/**
 * Subscribes to a core event only while the page listens to it, so the core never counts a page that has not
 * subscribed yet (or has gone) as a listener: alerts it raises meanwhile are held for the page instead of being
 * sent into the void. Each forwarded event goes to `send`, whose failures go to `onError`, never to the core.
 */
export function createEventForwarder(
  source: EventSource,
  send: <E extends EventName>(event: E, payload: PiketEvents[E]) => void,
  onError: (error: unknown) => void = () => undefined,
): EventForwarder {
  const active = new Map<EventName, Unsubscribe>();
  const start = <E extends EventName>(event: E): Unsubscribe =>
    source.on(event, (payload) => {
      try {
        send(event, payload);
      } catch (error) {
        onError(error);
      }
    });
  return {
    set(event, on) {
      const unsubscribe = active.get(event);
      if (on && !unsubscribe) active.set(event, start(event));
      if (!on && unsubscribe) {
        active.delete(event);
        unsubscribe();
      }
    },
    clear() {
      const unsubscribes = [...active.values()];
      active.clear();
      for (const unsubscribe of unsubscribes) unsubscribe();
    },
  };
}
