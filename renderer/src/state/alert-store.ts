// SLA warnings and breaches pushed by the core, kept as in-app toasts until dismissed or opened.
import { create } from 'zustand';
import type { SlaAlert } from '../../../src/api';

/** A burst (say, after the computer slept) keeps at most this many; the toasts show the newest few. */
const MAX_KEPT = 50;

export interface Toast {
  key: string;
  alert: SlaAlert;
}

interface AlertState {
  toasts: Toast[];
  push(alerts: SlaAlert[]): void;
  dismiss(key: string): void;
  dismissAll(): void;
}

const keyOf = (alert: SlaAlert): string =>
  `${alert.ticketId}:${alert.target}:${alert.kind}:${alert.fraction ?? ''}:${alert.dueAt}`;

export const useAlertStore = create<AlertState>()((set, get) => ({
  toasts: [],

  push(alerts) {
    const fresh = alerts.map((alert) => ({ key: keyOf(alert), alert }));
    const keys = new Set(fresh.map((toast) => toast.key));
    const kept = get().toasts.filter((toast) => !keys.has(toast.key));
    set({ toasts: [...kept, ...fresh].slice(-MAX_KEPT) });
  },

  dismiss: (key) => set({ toasts: get().toasts.filter((toast) => toast.key !== key) }),
  dismissAll: () => set({ toasts: [] }),
}));
