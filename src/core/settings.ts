// The settings capability: the user's preferences as the core keeps them (the database's settings table), their
// defaults, and their handlers.
import type { PiketHandlers, Settings } from '../api/contract';
import type { LanguageSetting } from '../api/methods';
import type { SettingsStore } from '../store/settings-store';
import type { EventHub } from './event-hub';

export const DEFAULT_ME = 'Sanne de Vries';

export type SettingsHandlers = Pick<PiketHandlers, 'getSettings' | 'updateSettings'>;

export function readSettings(store: SettingsStore): Settings {
  return {
    language: store.get<LanguageSetting>('language', 'system'),
    me: store.get<string>('me', DEFAULT_ME),
  };
}

function writeSettings(store: SettingsStore, changes: Partial<Settings>): Settings {
  if (changes.language !== undefined) store.set('language', changes.language);
  if (changes.me !== undefined) store.set('me', changes.me);
  return readSettings(store);
}

export function isDemoEnabled(store: SettingsStore): boolean {
  return store.get<boolean>('demoEnabled', true);
}

export function setDemoEnabledSetting(store: SettingsStore, enabled: boolean): void {
  store.set('demoEnabled', enabled);
}

export function settingsHandlers(store: SettingsStore, events: EventHub): SettingsHandlers {
  return {
    getSettings: () => readSettings(store),
    updateSettings: (changes) => {
      const settings = writeSettings(store, changes);
      events.emit('settingsChanged', settings);
      // "Mine" filters and counts follow the name.
      if (changes.me !== undefined) events.emit('queueChanged', { ticketIds: [] });
      return settings;
    },
  };
}
