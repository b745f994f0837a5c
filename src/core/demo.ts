// The demo capability: the built-in demo desk as a connector, and turning it off (removing its data) and on again.
import type { AppInfo, PiketHandlers } from '../api/contract';
import type { Connector } from '../connectors/connector';
import { createDemoDesk } from '../connectors/demo/demo-desk';
import type { Clock } from '../domain/clock';
import type { SettingsStore } from '../store/settings-store';
import type { TicketStore } from '../store/ticket-store';
import type { PullSync } from '../sync/pull-sync';
import type { EventHub } from './event-hub';
import { isDemoEnabled, setDemoEnabledSetting } from './settings';
import type { SlaTracker } from './sla-tracker';

export const DEMO_SOURCE = 'demo';
export const DEFAULT_DEMO_SEED = 20261126;

export type DemoHandlers = Pick<PiketHandlers, 'setDemoEnabled'>;

/** The demo desk while the setting has it on, else nothing. */
export function demoConnectors(settings: SettingsStore, seed: number, clock: Clock): () => Connector[] {
  const desk = createDemoDesk({ seed, clock, source: DEMO_SOURCE });
  return () => (isDemoEnabled(settings) ? [desk] : []);
}

export interface DemoDeps {
  settings: SettingsStore;
  sync: PullSync;
  tickets: TicketStore;
  sla: SlaTracker;
  events: EventHub;
  info: () => AppInfo;
}

export function demoHandlers({ settings, sync, tickets, sla, events, info }: DemoDeps): DemoHandlers {
  return {
    setDemoEnabled: async ({ enabled }) => {
      setDemoEnabledSetting(settings, enabled);
      if (enabled) {
        await sync.syncNow();
        return info();
      }
      await sync.whenIdle();
      // Turned back on while the round finished: keep the data.
      if (isDemoEnabled(settings)) return info();
      tickets.removeSource(DEMO_SOURCE);
      sla.recompute('open');
      events.emit('queueChanged', { ticketIds: [] });
      return info();
    },
  };
}
