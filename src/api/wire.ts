// The WebSocket wire format between the browser UI and the web host: calls, their results, and pushed events.
import type { EventName, PiketEvents } from './contract';
import type { Result } from './result';

/** Path of the WebSocket endpoint on the web host. */
export const WS_PATH = '/api';

/** A call from the UI; the host validates it with `clientMessageSchema` (schemas.ts). */
export interface ClientMessage {
  type: 'call';
  id: number;
  method: string;
  args: unknown;
}

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { [E in EventName]: { type: 'event'; event: E; payload: PiketEvents[E] } }[EventName];
