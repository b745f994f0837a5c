// Keeps the stores in step with the core: the first load, pushed events (queue, sync, settings, SLA alerts,
// contracts, connections, the overview, the rotation schedules, a clicked notification's ticket), a full reload
// after a reconnect, and the actions (like removing the demo) after which everything is re-read. The alert window keeps only what it shows.
import { useEffect } from 'react';
import type { Unsubscribe } from '../../../src/api';
import { api, connection } from '../api';
import { focusQueueList, showTicket } from '../keyboard';
import { useAlertStore } from './alert-store';
import { useAppStore } from './app-store';
import { useConnectionsStore } from './connections-store';
import { useContractsStore } from './contracts-store';
import { useDetailStore } from './detail-store';
import { useHealthStore } from './health-store';
import { useOverviewStore } from './overview-store';
import { useQueueStore } from './queue-store';
import { useRotationStore } from './rotation-store';

/** Bursts of queueChanged events (a sync writes many pages) are folded into one refresh. */
const COALESCE_MS = 250;

function reloadEverything(): void {
  const queue = useQueueStore.getState();
  // The first time, the queue opens in the view the settings remember, so it waits for them.
  void useAppStore
    .getState()
    .loadInfo()
    .then(() => useQueueStore.getState().load(useAppStore.getState().settings));
  void queue.loadCustomers();
  void queue.loadStats();
  void useDetailStore.getState().refresh();
  void useContractsStore.getState().load();
  void useConnectionsStore.getState().load();
  void useOverviewStore.getState().load();
  void useHealthStore.getState().load();
  void useRotationStore.getState().load();
}

/** Follows the connection to the core; `reload` runs when it comes back after being lost. */
function watchConnection(reload: () => void): Unsubscribe {
  return connection.subscribe((state) => {
    const app = useAppStore.getState();
    const wasLost = app.connection === 'lost' || app.connection === 'unreachable';
    app.setConnection(state);
    if (state === 'open' && wasLost) reload();
  });
}

/** Turns the demo desk on or off; on success the open ticket is closed and every view is re-read. */
export async function setDemoEnabled(enabled: boolean): Promise<void> {
  if (!(await useAppStore.getState().setDemoEnabled(enabled))) return;
  useDetailStore.getState().close();
  reloadEverything();
}

export function useLiveUpdates(): void {
  useEffect(() => {
    reloadEverything();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changedIds = new Set<number>();

    /** Re-reads the queue and, when it is among `ticketIds` (empty: any), the open ticket, once per burst. */
    function refreshSoon(ticketIds: number[]): void {
      if (ticketIds.length === 0) changedIds.add(-1);
      for (const id of ticketIds) changedIds.add(id);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const queue = useQueueStore.getState();
        void queue.refresh();
        void queue.loadStats();
        void queue.loadCustomers();
        // Unsent changes and ticket counts per connection move with the queue.
        void useConnectionsStore.getState().load();
        const detail = useDetailStore.getState();
        if (detail.openId !== null && (changedIds.has(-1) || changedIds.has(detail.openId))) {
          void detail.refresh();
        }
        changedIds.clear();
      }, COALESCE_MS);
    }

    const unsubscribers = [
      api.on('queueChanged', ({ ticketIds }) => refreshSoon(ticketIds)),
      api.on('slaAlerts', (alerts) => {
        useAlertStore.getState().push(alerts);
        refreshSoon(alerts.map((alert) => alert.ticketId));
      }),
      api.on('contractsChanged', (view) => {
        useContractsStore.getState().apply(view);
        refreshSoon([]);
      }),
      api.on('syncStatus', (sync) => useAppStore.getState().setSync(sync)),
      api.on('connectionsChanged', (connections) => useConnectionsStore.getState().apply(connections)),
      api.on('settingsChanged', (settings) => useAppStore.getState().applySettings(settings)),
      api.on('overviewChanged', (overview) => useOverviewStore.getState().apply(overview)),
      api.on('schedulesChanged', (schedules) => useRotationStore.getState().apply(schedules)),
      api.on('openTicket', ({ ticketId }) => {
        window.focus();
        if (ticketId === null) focusQueueList();
        else showTicket(ticketId);
      }),
      watchConnection(reloadEverything),
    ];
    return () => {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }, []);
}

/** The alert window's share: the language and the overview, kept current. */
export function useAlertWindowUpdates(): void {
  useEffect(() => {
    const reload = (): void => {
      void useAppStore.getState().loadInfo();
      void useOverviewStore.getState().load();
    };
    reload();
    const unsubscribers = [
      api.on('overviewChanged', (overview) => useOverviewStore.getState().apply(overview)),
      api.on('settingsChanged', (settings) => useAppStore.getState().applySettings(settings)),
      watchConnection(reload),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }, []);
}
