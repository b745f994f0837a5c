// What the tray shows for the core's overview: the icon for its state, a tooltip with the counts, and the menu as
// plain data whose clicks call the injected actions. Pure: no electron at runtime, no clock, no I/O, so every label
// is unit-tested under Node; main/tray-controller.ts decides when to show what.
import type { MenuItemConstructorOptions } from 'electron';
import type { AttentionState, Overview } from '../src/api/contract';

/** Every tray image Piket draws (scripts/make-icons.js); `p1Dim` is the frame a waiting P1 flashes with. */
export const TRAY_ICON_NAMES = ['quiet', 'warning', 'p1', 'p1Dim', 'offline', 'error'] as const;
export type TrayIconName = (typeof TRAY_ICON_NAMES)[number];

const ICON_FOR_STATE = {
  quiet: 'quiet',
  warning: 'warning',
  p1: 'p1',
  offline: 'offline',
  error: 'error',
} as const satisfies Record<AttentionState, TrayIconName>;

export function trayIconFor(state: AttentionState): TrayIconName {
  return ICON_FOR_STATE[state];
}

/**
 * The file under assets/tray/ that shows an icon on a platform. macOS: the black-and-alpha template image, which
 * the menu bar tints (nativeImage loads its @2x twin itself). Windows: the coloured 16 px image and its @2x twin.
 * Linux: a 32 px image alone, which panels scale to their size (a 16 px one with a 2× twin comes out blurred).
 */
export function trayIconFile(name: TrayIconName, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${name}Template.png`;
  if (platform === 'linux') return `linux/${name}.png`;
  return `${name}.png`;
}

/** How long "Pause non-P1 alerts" pauses them. */
export const PAUSE_MINUTES = 60;
/** Windows cuts a tray tooltip at 127 characters (NOTIFYICONDATA.szTip holds 128 with the terminator). */
export const MAX_TOOLTIP_LENGTH = 127;

/** A wall-clock time as HH:MM (24-hour) in the given zone, or the system's when none is given. */
export function formatClockTime(instant: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(instant);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whether non-P1 alerts are paused at `now`. */
export function alertsPaused(overview: Overview | null, now: number): boolean {
  return overview?.alertsPausedUntil != null && overview.alertsPausedUntil > now;
}

/** The overview in short phrases, most pressing first ("1 P1 waiting", "3 breached", …); "all quiet" when none. */
export function summaryParts(
  overview: Overview,
  now: number,
  formatTime: (instant: number) => string,
): string[] {
  const parts: string[] = [];
  if (overview.p1Waiting.length > 0) parts.push(`${overview.p1Waiting.length} P1 waiting`);
  if (overview.breached > 0) parts.push(`${overview.breached} breached`);
  if (overview.dueSoon > 0) parts.push(`${overview.dueSoon} due within the hour`);
  if (overview.offline > 0) parts.push('offline');
  if (overview.problems > 0) parts.push(count(overview.problems, 'change refused', 'changes refused'));
  else if (overview.state === 'error') parts.push('sync error');
  if (overview.waiting > 0) parts.push(count(overview.waiting, 'change to send', 'changes to send'));
  const quiet = parts.length === 0;
  if (alertsPaused(overview, now)) {
    parts.push(`alerts paused until ${formatTime(overview.alertsPausedUntil ?? now)}`);
  }
  return quiet ? ['all quiet', ...parts] : parts;
}

/** The tray's tooltip: "Piket — 1 P1 waiting · 3 breached · …", or just "Piket" before the first overview. */
export function trayTooltip(
  overview: Overview | null,
  now: number,
  formatTime: (instant: number) => string,
): string {
  if (!overview) return 'Piket';
  const text = `Piket — ${summaryParts(overview, now, formatTime).join(' · ')}`;
  return text.length <= MAX_TOOLTIP_LENGTH ? text : `${text.slice(0, MAX_TOOLTIP_LENGTH - 1)}…`;
}

/** What the menu's items do; the controller guards each against throwing and logs failures. */
export interface TrayActions {
  open(): void;
  syncNow(): void;
  /** Pauses non-P1 alerts for this many minutes; 0 resumes them. */
  pauseAlerts(minutes: number): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export interface TrayMenuInput {
  overview: Overview | null;
  now: number;
  /** Whether Piket starts at login; null where it cannot (a development run): the item is left out. */
  startAtLogin: boolean | null;
  formatTime: (instant: number) => string;
}

/**
 * The tray menu. Its first line repeats the summary, since Linux panels (AppIndicator) show no tooltip. The
 * on-call and next-shift items come once rotations exist.
 */
export function trayMenuTemplate(input: TrayMenuInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const { overview, now, formatTime } = input;
  const summary = overview ? summaryParts(overview, now, formatTime).join(' · ') : 'Starting…';
  const paused = alertsPaused(overview, now);
  const onCall = (overview?.onCall ?? []).map(({ schedule, names }): MenuItemConstructorOptions => ({
    label: `On call now (${schedule}): ${names.length > 0 ? names.join(', ') : 'nobody'}`,
    enabled: false,
  }));
  return [
    { label: summary.charAt(0).toUpperCase() + summary.slice(1), enabled: false },
    ...onCall,
    { type: 'separator' },
    { label: 'Open Piket', click: () => actions.open() },
    { label: 'Sync now', click: () => actions.syncNow() },
    paused
      ? {
          label: `Resume alerts (paused until ${formatTime(overview?.alertsPausedUntil ?? now)})`,
          click: () => actions.pauseAlerts(0),
        }
      : { label: 'Pause non-P1 alerts for 1 hour', click: () => actions.pauseAlerts(PAUSE_MINUTES) },
    ...(input.startAtLogin === null
      ? []
      : [
          { type: 'separator' } as const,
          {
            label: 'Start Piket at login',
            type: 'checkbox',
            checked: input.startAtLogin,
            click: () => actions.setStartAtLogin(!input.startAtLogin),
          } as const,
        ]),
    { type: 'separator' },
    { label: 'Quit Piket', click: () => actions.quit() },
  ];
}
