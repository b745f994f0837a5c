// electron-store behind the shell's interfaces: the only place the shell persists its own preferences and the
// encrypted connection tokens.
import Store from 'electron-store';
import type { EncryptedStore } from './keychain';
import type { ShellSettings, WindowState } from './window-state';

interface ShellSettingsData {
  windowState?: WindowState;
}

export function createShellSettings(): ShellSettings {
  const store = new Store<ShellSettingsData>({ name: 'shell-settings', clearInvalidConfig: true });
  return {
    loadWindowState: () => store.get('windowState'),
    saveWindowState: (state) => store.set('windowState', state),
  };
}

/** The encrypted connection tokens (see keychain.ts), in a file of their own. */
export function createEncryptedStore(): EncryptedStore {
  const store = new Store<Record<string, string>>({ name: 'connection-secrets', clearInvalidConfig: true });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
