// The browser's way to the core: an ApiTransport over the web host's WebSocket, with reconnect and backoff.
import type { ApiTransport, EventListener, EventName, MethodName, Result, Unsubscribe } from '../../src/api';
import { fail } from '../../src/api/result';
import type { ClientMessage, ServerMessage } from '../../src/api/wire';

/**
 * `lost`: the socket closed and is being retried. `unreachable`: still retried, but several attempts in a row never
 * opened — the host is gone, or was restarted with a new per-launch token that this tab's session cookie lacks (the
 * browser only sees the socket close, never the refusal), so the user has to open the host's new link.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'unreachable';

export interface ConnectionSource {
  readonly state: ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): Unsubscribe;
}

export interface WebSocketTransport extends ApiTransport {
  readonly connection: ConnectionSource;
}

const CALL_TIMEOUT_MS = 30_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;
/** Attempts in a row that never opened before the connection counts as unreachable rather than just lost. */
const UNREACHABLE_AFTER_ATTEMPTS = 3;

const unavailable = (): Result<unknown> =>
  fail('unavailable', 'Piket is not reachable right now; reconnecting.');

/** Opens the socket at once and keeps it open: a lost connection is retried with full-jitter backoff. */
export function createWebSocketTransport(url: string): WebSocketTransport {
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  /** Connection attempts since the last open socket that closed without ever opening. */
  let failedInARow = 0;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waitingForOpen = new Set<() => void>();
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      attempt = 0;
      failedInARow = 0;
      setState('open');
      for (const resume of waitingForOpen) resume();
      waitingForOpen.clear();
    });
    ws.addEventListener('message', (event) => handleMessage(event.data));
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      for (const resolve of pending.values()) resolve(unavailable());
      pending.clear();
      for (const resume of waitingForOpen) resume();
      waitingForOpen.clear();
      if (!opened) failedInARow += 1;
      setState(failedInARow >= UNREACHABLE_AFTER_ATTEMPTS ? 'unreachable' : 'lost');
      const delay = Math.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
      attempt += 1;
      setTimeout(connect, delay);
    });
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    } else if (message.type === 'event') {
      for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload);
    }
  }

  /** Waits for the first connection attempt to settle; a connection already known to be down fails fast. */
  function whenOpen(): Promise<void> {
    if (state !== 'connecting') return Promise.resolve();
    return new Promise((resolve) => waitingForOpen.add(resolve));
  }

  async function call(method: MethodName, args: unknown): Promise<Result<unknown>> {
    await whenOpen();
    const ws = socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return unavailable();
    const id = nextId++;
    const message: ClientMessage = { type: 'call', id, method, args };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(fail('unavailable', `Piket did not answer ${method} in time.`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      ws.send(JSON.stringify(message));
    });
  }

  function subscribe<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    const listeners = eventListeners.get(event) ?? new Set();
    eventListeners.set(event, listeners);
    const wrapped = listener as (payload: unknown) => void;
    listeners.add(wrapped);
    return () => listeners.delete(wrapped);
  }

  connect();
  return {
    call,
    subscribe,
    connection: {
      get state() {
        return state;
      },
      subscribe(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
    },
  };
}
