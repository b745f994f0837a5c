// App-wide state: host info (version, demo flag), settings, sync status, connection, the last failed action, and
// whether the shortcut sheet is open.
import { create } from 'zustand';
import type { AppInfo, LanguageSetting, PiketApi, Settings, SyncStatus } from '../../../src/api';
import { api, connection } from '../api';
import { applyLanguage } from '../i18n';
import type { ConnectionState } from '../ws-transport';

export type SettingsPatch = Parameters<PiketApi['updateSettings']>[0];

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  sync: SyncStatus | null;
  connection: ConnectionState;
  /** Start-up notices from the core and messages of failed actions outside views that show their own error. */
  notices: string[];
  shortcutsOpen: boolean;
  loadInfo(): Promise<void>;
  setDemoEnabled(enabled: boolean): Promise<boolean>;
  setLanguage(language: LanguageSetting): Promise<void>;
  setMe(me: string): Promise<void>;
  /** Stores a change of settings; a failure is shown as a notice. */
  saveSettings(patch: SettingsPatch): Promise<void>;
  syncNow(): Promise<void>;
  applySettings(settings: Settings): void;
  setSync(sync: SyncStatus): void;
  setConnection(state: ConnectionState): void;
  showNotice(message: string): void;
  dismissNotice(message: string): void;
  setShortcutsOpen(open: boolean): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  info: null,
  settings: null,
  sync: null,
  connection: connection.state,
  notices: [],
  shortcutsOpen: false,

  async loadInfo() {
    const result = await api.getInfo({});
    if (!result.ok) return get().showNotice(result.error.message);
    set({ info: result.value, sync: result.value.sync });
    get().applySettings(result.value.settings);
    for (const notice of result.value.notices) get().showNotice(notice);
  },

  async setDemoEnabled(enabled) {
    const result = await api.setDemoEnabled({ enabled });
    if (!result.ok) {
      get().showNotice(result.error.message);
      return false;
    }
    set({ info: result.value, sync: result.value.sync });
    return true;
  },

  async setLanguage(language) {
    applyLanguage(language);
    await get().saveSettings({ language });
  },

  setMe: (me) => get().saveSettings({ me }),

  async saveSettings(patch) {
    const result = await api.updateSettings(patch);
    if (!result.ok) return get().showNotice(result.error.message);
    get().applySettings(result.value);
  },

  async syncNow() {
    const result = await api.syncNow({});
    if (!result.ok) return get().showNotice(result.error.message);
    set({ sync: result.value });
  },

  applySettings(settings) {
    applyLanguage(settings.language);
    set({ settings });
  },

  setSync: (sync) => set({ sync }),
  setConnection: (state) => set({ connection: state }),
  showNotice: (message) => set({ notices: [...get().notices.filter((known) => known !== message), message] }),
  dismissNotice: (message) => set({ notices: get().notices.filter((known) => known !== message) }),
  setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
}));
