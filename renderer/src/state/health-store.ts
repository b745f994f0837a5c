// Whether notices reach the person (getNotificationHealth), the last "Send a test notification" and what became of
// it, this browser tab's own notification permission (browser mode only), and whether the Notifications dialog is
// open.
import { create } from 'zustand';
import type { NotificationHealth } from '../../../src/api';
import { api } from '../api';
import { tabPermission, requestTabPermission, type TabPermission } from '../browser-notify';

/** A test under way, or what it found (the health after the test notice was handed over), or the call's error. */
export type HealthTest =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; health: NotificationHealth }
  | { status: 'failed'; message: string };

interface HealthState {
  health: NotificationHealth | null;
  loadError: string | null;
  test: HealthTest;
  /** This tab's permission for the browser's notifications; null in the desktop app, which has its own. */
  tab: TabPermission | null;
  dialogOpen: boolean;
  load(): Promise<void>;
  sendTest(): Promise<void>;
  allowInTab(): Promise<void>;
  openDialog(): void;
  closeDialog(): void;
}

export const useHealthStore = create<HealthState>()((set, get) => ({
  health: null,
  loadError: null,
  test: { status: 'idle' },
  tab: tabPermission(),
  dialogOpen: false,

  async load() {
    const result = await api.getNotificationHealth({});
    if (!result.ok) return set({ loadError: result.error.message });
    set({ health: result.value, loadError: null });
  },

  async sendTest() {
    set({ test: { status: 'running' } });
    const result = await api.sendTestNotification({});
    if (!result.ok) return set({ test: { status: 'failed', message: result.error.message } });
    set({ test: { status: 'done', health: result.value }, health: result.value, loadError: null });
  },

  async allowInTab() {
    set({ tab: await requestTabPermission() });
  },

  openDialog() {
    set({ dialogOpen: true, test: { status: 'idle' }, tab: tabPermission() });
    void get().load();
  },

  closeDialog: () => set({ dialogOpen: false }),
}));
