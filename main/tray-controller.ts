// Drives the tray from the core's overview: the icon for its state (flashing while a P1 awaits acknowledgement and
// is not snoozed), the tooltip, and the menu, whose actions it guards so a failing one is logged, never thrown into
// Electron. The tray is a small injected surface taking icon names and menu templates (main/index.ts turns them
// into images and a Menu) and time comes from an injected Clock, so all of this is tested under Node.
import type { MenuItemConstructorOptions } from 'electron';
import type { Overview } from '../src/api/contract';
import type { Clock, TimerHandle } from '../src/domain/clock';
import type { Autostart } from './autostart';
import {
  formatClockTime,
  trayIconFor,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
  type TrayIconName,
} from './tray-view';

/** How long each frame of the flashing P1 icon stays. */
export const FLASH_INTERVAL_MS = 600;

/** The parts of Electron's Tray this controller uses, with images named and menus as templates. */
export interface TraySurface {
  setImage(icon: TrayIconName): void;
  setToolTip(text: string): void;
  setContextMenu(template: MenuItemConstructorOptions[]): void;
  on(event: 'click', listener: () => void): unknown;
}

export interface TrayControllerOptions {
  tray: TraySurface;
  clock: Clock;
  /** macOS opens the menu on a click; Linux and Windows open the window. */
  platform: NodeJS.Platform;
  actions: Omit<TrayActions, 'setStartAtLogin'>;
  /** Start at login, or null where Piket cannot (a development run). */
  autostart: Autostart | null;
  /** For the times in labels; the system's zone when absent. */
  timeZone?: string;
  log: (line: string) => void;
}

export interface TrayController {
  update(overview: Overview): void;
  stop(): void;
}

/** Whether a P1 waits for acknowledgement and is not snoozed at `now`. */
export function hasUnsnoozedP1(overview: Overview | null, now: number): boolean {
  return (overview?.p1Waiting ?? []).some((p1) => p1.snoozedUntil === null || p1.snoozedUntil <= now);
}

/** The next instant after `now` at which the picture changes without a new overview (a snooze or pause ends). */
function nextChangeAt(overview: Overview | null, now: number): number | null {
  if (!overview) return null;
  const instants = [...overview.p1Waiting.map((p1) => p1.snoozedUntil), overview.alertsPausedUntil].filter(
    (instant): instant is number => instant !== null && instant > now,
  );
  return instants.length > 0 ? Math.min(...instants) : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createTrayController(options: TrayControllerOptions): TrayController {
  const { tray, clock, log } = options;
  const formatTime = (instant: number): string => formatClockTime(instant, options.timeZone);
  let overview: Overview | null = null;
  let shownIcon: TrayIconName | null = null;
  let shownTooltip: string | null = null;
  let shownMenu: string | null = null;
  let flashTimer: TimerHandle | null = null;
  let dim = false;
  let changeTimer: TimerHandle | null = null;
  let stopped = false;

  const guarded =
    <A extends unknown[]>(what: string, run: (...args: A) => unknown) =>
    (...args: A): void => {
      try {
        const result = run(...args);
        if (result instanceof Promise) {
          result.catch((error: unknown) => log(`${what} failed: ${describe(error)}`));
        }
      } catch (error) {
        log(`${what} failed: ${describe(error)}`);
      }
    };

  const startAtLogin = (): boolean | null => {
    if (!options.autostart) return null;
    try {
      return options.autostart.isEnabled();
    } catch (error) {
      log(`Could not read whether Piket starts at login: ${describe(error)}`);
      return false;
    }
  };

  const actions: TrayActions = {
    open: guarded('Opening the window from the tray', options.actions.open),
    syncNow: guarded('Syncing from the tray', options.actions.syncNow),
    pauseAlerts: guarded('Pausing alerts from the tray', options.actions.pauseAlerts),
    quit: guarded('Quitting from the tray', options.actions.quit),
    setStartAtLogin: guarded('Changing start at login', (enabled: boolean) => {
      try {
        options.autostart?.setEnabled(enabled);
      } finally {
        render();
      }
    }),
  };

  const setIcon = (icon: TrayIconName): void => {
    if (icon === shownIcon) return;
    shownIcon = icon;
    tray.setImage(icon);
  };

  const stopFlashing = (): void => {
    if (flashTimer) clock.clearTimer(flashTimer);
    flashTimer = null;
    dim = false;
  };

  const flash = (): void => {
    dim = !dim;
    setIcon(dim ? 'p1Dim' : 'p1');
    flashTimer = clock.setTimer(flash, FLASH_INTERVAL_MS);
  };

  const render = (): void => {
    if (stopped) return;
    const now = clock.now();
    if (hasUnsnoozedP1(overview, now)) {
      if (!flashTimer) {
        setIcon('p1');
        flashTimer = clock.setTimer(flash, FLASH_INTERVAL_MS);
      }
    } else {
      stopFlashing();
      setIcon(trayIconFor(overview?.state ?? 'quiet'));
    }

    const tooltip = trayTooltip(overview, now, formatTime);
    if (tooltip !== shownTooltip) {
      shownTooltip = tooltip;
      tray.setToolTip(tooltip);
    }
    // Linux menus change only when set again; an unchanged one is not set again (that would close it when open).
    const template = trayMenuTemplate({ overview, now, startAtLogin: startAtLogin(), formatTime }, actions);
    const menuKey = JSON.stringify(template);
    if (menuKey !== shownMenu) {
      shownMenu = menuKey;
      tray.setContextMenu(template);
    }

    if (changeTimer) clock.clearTimer(changeTimer);
    const changeAt = nextChangeAt(overview, now);
    changeTimer = changeAt === null ? null : clock.setTimer(render, changeAt - now);
  };

  if (options.platform !== 'darwin') tray.on('click', actions.open);
  render();

  return {
    update(next) {
      overview = next;
      render();
    },
    stop() {
      stopped = true;
      stopFlashing();
      if (changeTimer) clock.clearTimer(changeTimer);
      changeTimer = null;
    },
  };
}
