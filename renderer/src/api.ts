// The one PiketApi the UI talks to: Electron's preload bridge when present, otherwise the web host's WebSocket.
import { createApiClient, type PiketApi } from '../../src/api';
import { WS_PATH } from '../../src/api/wire';
import { createWebSocketTransport, type ConnectionSource } from './ws-transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload through contextBridge; absent in a plain browser. */
    piket?: PiketApi;
  }
}

function connectToWebHost(): { api: PiketApi; connection: ConnectionSource } {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createWebSocketTransport(`${scheme}://${location.host}${WS_PATH}`);
  return { api: createApiClient(transport), connection: transport.connection };
}

/** In Electron the bridge is in-process and never drops. */
const alwaysOpen: ConnectionSource = { state: 'open', subscribe: () => () => undefined };

const bridge = window.piket ? { api: window.piket, connection: alwaysOpen } : connectToWebHost();

export const api: PiketApi = bridge.api;
/** Browser mode: no desktop app around this page, so the tab alerts by itself (sound, title, notifications). */
export const inBrowser: boolean = !window.piket;
export const connection: ConnectionSource = bridge.connection;
