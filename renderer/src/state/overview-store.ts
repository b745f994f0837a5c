// The core's overview (getOverview, then each overviewChanged): the P1s waiting for acknowledgement and the counts
// the tab shows; and what the P1 alert does with them: acknowledge (the ticket as it is now is shown at once in the
// pane and the queue) and snooze, each with its error in place.
import { create } from 'zustand';
import type { Overview } from '../../../src/api';
import { api } from '../api';
import { useDetailStore } from './detail-store';
import { useQueueStore } from './queue-store';

interface OverviewState {
  overview: Overview | null;
  loadError: string | null;
  /** The P1s with a call under way (acknowledge or snooze). */
  busy: number[];
  /** The last failed call per P1, shown by it until it leaves the list or a call succeeds. */
  errors: Record<number, string>;
  load(): Promise<void>;
  /** Takes an overview unless an answer computed later has arrived already. */
  apply(overview: Overview): void;
  acknowledge(id: number): Promise<void>;
  snooze(id: number): Promise<void>;
}

export const useOverviewStore = create<OverviewState>()((set, get) => {
  function start(id: number): void {
    const { [id]: _dropped, ...errors } = get().errors;
    set({ busy: [...get().busy, id], errors });
  }

  function finish(id: number, error: string | null): void {
    const busy = get().busy.filter((known) => known !== id);
    set(error === null ? { busy } : { busy, errors: { ...get().errors, [id]: error } });
  }

  return {
    overview: null,
    loadError: null,
    busy: [],
    errors: {},

    async load() {
      const result = await api.getOverview({});
      if (!result.ok) return set({ loadError: result.error.message });
      set({ loadError: null });
      get().apply(result.value);
    },

    apply(overview) {
      const current = get().overview;
      if (current !== null && overview.computedAt < current.computedAt) return;
      const listed = new Set(overview.p1Waiting.map((p1) => p1.id));
      const errors = Object.fromEntries(
        Object.entries(get().errors).filter(([id]) => listed.has(Number(id))),
      );
      set({ overview, errors });
    },

    async acknowledge(id) {
      start(id);
      const result = await api.actOnTicket({ id, action: { kind: 'ack' } });
      if (!result.ok) return finish(id, result.error.message);
      useDetailStore.getState().apply(result.value);
      useQueueStore.getState().patchTicket(result.value);
      await get().load();
      finish(id, null);
    },

    async snooze(id) {
      start(id);
      const result = await api.snoozeP1({ id });
      if (!result.ok) return finish(id, result.error.message);
      get().apply(result.value);
      finish(id, null);
    },
  };
});
