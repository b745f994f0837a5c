// The ticket-system connections as the core lists them (with their ticket and unsent-change counts), the last
// "Test connection" result of each, and whether the Connections dialog is open.
import { create } from 'zustand';
import type { ApiError, ConnectionTest, ConnectionView, PiketApi } from '../../../src/api';
import { api } from '../api';

export type AddConnectionArgs = Parameters<PiketApi['addConnection']>[0];

/** A test that is running, or what it found (or the call's own error). */
export type TestState =
  { status: 'running' } | { status: 'done'; result: ConnectionTest } | { status: 'failed'; message: string };

interface ConnectionsState {
  connections: ConnectionView[] | null;
  /** A failed list call. */
  loadError: string | null;
  tests: Record<string, TestState>;
  dialogOpen: boolean;
  load(): Promise<void>;
  /** A pushed `connectionsChanged`. */
  apply(connections: ConnectionView[]): void;
  /** Adds a connection and tests it at once; the error is the core's when it refused. */
  add(args: AddConnectionArgs): Promise<{ ok: true; id: string } | { ok: false; error: ApiError }>;
  test(id: string): Promise<void>;
  /** Removes a connection, confirming the loss of `discardPending` unsent changes. */
  remove(id: string, discardPending: number): Promise<ApiError | null>;
  openDialog(): void;
  closeDialog(): void;
}

export const useConnectionsStore = create<ConnectionsState>()((set, get) => ({
  connections: null,
  loadError: null,
  tests: {},
  dialogOpen: false,

  async load() {
    const result = await api.listConnections({});
    if (!result.ok) return set({ loadError: result.error.message });
    get().apply(result.value);
  },

  apply(connections) {
    const ids = new Set(connections.map((connection) => connection.id));
    const tests = Object.fromEntries(Object.entries(get().tests).filter(([id]) => ids.has(id)));
    set({ connections, tests, loadError: null });
  },

  async add(args) {
    const result = await api.addConnection(args);
    if (!result.ok) return { ok: false, error: result.error };
    const { id } = result.value;
    const known = get().connections ?? [];
    if (!known.some((connection) => connection.id === id)) set({ connections: [...known, result.value] });
    void get().test(id);
    return { ok: true, id };
  },

  async test(id) {
    set({ tests: { ...get().tests, [id]: { status: 'running' } } });
    const result = await api.testConnection({ id });
    const state: TestState = result.ok
      ? { status: 'done', result: result.value }
      : { status: 'failed', message: result.error.message };
    set({ tests: { ...get().tests, [id]: state } });
  },

  async remove(id, discardPending) {
    const result = await api.removeConnection({ id, discardPending });
    if (!result.ok) {
      void get().load();
      return result.error;
    }
    get().apply(result.value);
    return null;
  },

  openDialog() {
    set({ dialogOpen: true });
    void get().load();
  },

  closeDialog: () => set({ dialogOpen: false }),
}));
