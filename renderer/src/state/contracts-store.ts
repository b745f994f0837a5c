// The contracts file as the core has loaded it (path, last load error, policies, calendars, customers),
// and whether the Contracts dialog is open (the header button and the `c` shortcut open it).
import { create } from 'zustand';
import type { ContractsView } from '../../../src/api';
import { api } from '../api';

interface ContractsState {
  view: ContractsView | null;
  loading: boolean;
  reloading: boolean;
  /** A failed call (a problem in the file itself is `view.error`). */
  callError: string | null;
  dialogOpen: boolean;
  load(): Promise<void>;
  reload(): Promise<void>;
  /** A pushed `contractsChanged`. */
  apply(view: ContractsView): void;
  openDialog(): void;
  closeDialog(): void;
}

export const useContractsStore = create<ContractsState>()((set, get) => ({
  view: null,
  loading: false,
  reloading: false,
  callError: null,
  dialogOpen: false,

  async load() {
    set({ loading: true });
    const result = await api.getContracts({});
    if (!result.ok) return set({ loading: false, callError: result.error.message });
    set({ loading: false, callError: null, view: result.value });
  },

  async reload() {
    set({ reloading: true });
    const result = await api.reloadContracts({});
    if (!result.ok) return set({ reloading: false, callError: result.error.message });
    set({ reloading: false, callError: null, view: result.value });
  },

  apply: (view) => set({ view, callError: null }),

  openDialog() {
    set({ dialogOpen: true });
    void get().load();
  },

  closeDialog: () => set({ dialogOpen: false }),
}));
