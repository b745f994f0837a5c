// The sandboxed preload: exposes the typed API as window.piket, and nothing else (no raw ipcRenderer).
// Bundled to CommonJS; it may import only electron and src/api so no Node-only module reaches the sandbox.
import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient } from '../../src/api/client';
import type { PiketApi } from '../../src/api/contract';
import { createIpcTransport } from './transport';

const api: PiketApi = createApiClient(createIpcTransport(ipcRenderer));

contextBridge.exposeInMainWorld('piket', api);
