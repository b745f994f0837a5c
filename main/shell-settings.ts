// electron-store behind the ShellSettings interface: the only place the shell persists its own preferences.
import Store from 'electron-store';
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
