// App-wide state: host info (version, demo flag), settings, sync status, connection, and the last failed action.
import { create } from 'zustand';
import type { AppInfo, LanguageSetting, Settings, SyncStatus } from '../../../src/api';
import { api, connection } from '../api';
import { applyLanguage } from '../i18n';
import type { ConnectionState } from '../ws-transport';

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  sync: SyncStatus | null;
  connection: ConnectionState;
  /** Start-up notices from the core and messages of failed actions outside views that show their own error. */
  notices: string[];
  loadInfo(): Promise<void>;
  setDemoEnabled(enabled: boolean): Promise<boolean>;
  setLanguage(language: LanguageSetting): Promise<void>;
  setMe(me: string): Promise<void>;
  syncNow(): Promise<void>;
  applySettings(settings: Settings): void;
  setSync(sync: SyncStatus): void;
  setConnection(state: ConnectionState): void;
  showNotice(message: string): void;
  dismissNotice(message: string): void;
}

export const useAppStore = create<AppState>()((set, get) => ({
  info: null,
  settings: null,
  sync: null,
  connection: connection.state,
  notices: [],

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
    const result = await api.updateSettings({ language });
    if (!result.ok) return get().showNotice(result.error.message);
    get().applySettings(result.value);
  },

  async setMe(me) {
    const result = await api.updateSettings({ me });
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
}));
