// What the notification health panel tells the person about their OS: how to allow Piket's notifications, and what
// Do Not Disturb (Focus, Focus assist) does to them. Pure text per platform and channel.
import type { NotificationHealth } from '../api/contract';

export function platformOf(platform: string): NotificationHealth['platform'] {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other';
}

export function notificationAdvice(
  platform: NotificationHealth['platform'],
  channel: NotificationHealth['channel'],
): string {
  const app = channel === 'electron' ? 'Piket' : 'Piket (through the terminal or node that runs it)';
  switch (platform) {
    case 'linux':
      return (
        'Notifications need a notification service (GNOME Shell, KDE Plasma, dunst, mako) and libnotify ' +
        '(Debian and Ubuntu: libnotify-bin for browser mode). Do Not Disturb hides ordinary notices; P1s are sent ' +
        'as critical, which GNOME and KDE Plasma still show. A paused dunst holds them too, unless a rule gives ' +
        'them override_pause_level = 100. Piket also flashes its tray icon and opens its alert window (browser ' +
        'mode: the alert panel and a flashing tab) until the P1 is acknowledged.'
      );
    case 'darwin':
      return (
        `Allow them in System Settings → Notifications → ${app}, style "Alerts" so they stay until clicked. ` +
        'A Focus mode hides them unless Piket is on its list of allowed apps (System Settings → Focus). Piket ' +
        'does not depend on it for P1s: the alert window and its sound stay up until you acknowledge.'
      );
    case 'win32':
      return (
        `Allow them in Settings → System → Notifications → ${app}. Do not disturb (Focus assist) hides them ` +
        'unless Piket is set as a priority app there. For P1s Piket also flashes its tray icon and keeps its ' +
        'alert window on top until you acknowledge.'
      );
    case 'other':
      return 'Piket shows P1s in its alert window (browser mode: the alert panel) when notifications do not show.';
  }
}
