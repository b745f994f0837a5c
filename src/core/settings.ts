// The user's preferences as the core keeps them (in the database's settings table), with their defaults.
import type { Settings } from '../api/contract';
import type { LanguageSetting } from '../api/methods';
import type { SettingsStore } from '../store/settings-store';

export const DEFAULT_ME = 'Sanne de Vries';

export function readSettings(store: SettingsStore): Settings {
  return {
    language: store.get<LanguageSetting>('language', 'system'),
    me: store.get<string>('me', DEFAULT_ME),
  };
}

export function writeSettings(store: SettingsStore, changes: Partial<Settings>): Settings {
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
