// The browser's own notifications, for browser mode (the desktop app notifies through Electron): this tab's
// permission, asking for it, and a P1's notification, which stays until it is dealt with and, when clicked, brings
// this tab forward showing the ticket.
import type { TFunction } from 'i18next';
import type { WaitingP1 } from '../../src/api';
import { inBrowser } from './api';
import { oneLine } from './p1-alerts';

export type TabPermission = NotificationPermission | 'unsupported';

/** This tab's permission; null in the desktop app. */
export function tabPermission(): TabPermission | null {
  if (!inBrowser) return null;
  return 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function requestTabPermission(): Promise<TabPermission | null> {
  if (!inBrowser) return null;
  if (!('Notification' in window)) return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a P1 as a notification of this tab, when the tab may; one per P1 (its tag replaces an earlier one). */
export function notifyP1(t: TFunction, p1: WaitingP1, onClick: (ticketId: number) => void): void {
  if (tabPermission() !== 'granted') return;
  const notification = new Notification(t('p1.notifyTitle', { customer: oneLine(p1.customerName) }), {
    body: oneLine(p1.subject),
    requireInteraction: true,
    tag: `p1-${p1.id}`,
  });
  notification.onclick = () => {
    window.focus();
    notification.close();
    onClick(p1.id);
  };
}
