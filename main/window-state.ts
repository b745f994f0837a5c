// Window bounds that survive a restart: a tiny settings interface plus the pure logic that makes a saved
// (possibly stale or hand-edited) state safe to apply on today's displays. No electron import.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** Absent when the window should be centred by the OS. */
  x?: number;
  y?: number;
  maximized: boolean;
}

/** The shell's own settings (not the core's): implemented with electron-store in main/shell-settings.ts. */
export interface ShellSettings {
  /** The raw stored value: untrusted, pass it through `sanitizeWindowState`. */
  loadWindowState(): unknown;
  saveWindowState(state: WindowState): void;
}

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
const MAX_DIMENSION = 16_384;
/** How much of the title bar area must be on a display for a saved position to be kept. */
const MIN_VISIBLE = 64;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Turns whatever was stored into a usable state for the current displays (their work areas): sizes are
 * clamped to the minimum and to the largest display, and a position is kept only if the top of the window is
 * visibly on a display — otherwise the OS centres it.
 */
export function sanitizeWindowState(stored: unknown, workAreas: readonly Rect[]): WindowState {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  // Without display information (should not happen) only the absolute bounds apply.
  const maxWidth =
    workAreas.length > 0
      ? Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((area) => area.width))
      : MAX_DIMENSION;
  const maxHeight =
    workAreas.length > 0
      ? Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((area) => area.height))
      : MAX_DIMENSION;
  const width = isFiniteNumber(record.width)
    ? clamp(Math.round(record.width), MIN_WINDOW_SIZE.width, maxWidth)
    : Math.min(DEFAULT_WINDOW_SIZE.width, maxWidth);
  const height = isFiniteNumber(record.height)
    ? clamp(Math.round(record.height), MIN_WINDOW_SIZE.height, maxHeight)
    : Math.min(DEFAULT_WINDOW_SIZE.height, maxHeight);
  const state: WindowState = { width, height, maximized: record.maximized === true };
  if (isFiniteNumber(record.x) && isFiniteNumber(record.y)) {
    const x = Math.round(record.x);
    const y = Math.round(record.y);
    const titleBar: Rect = { x, y, width, height: Math.min(height, MIN_VISIBLE) };
    const visible = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.width >= Math.min(MIN_VISIBLE, width) && o.height >= Math.min(MIN_VISIBLE / 2, height);
    });
    if (visible) {
      state.x = x;
      state.y = y;
    }
  }
  return state;
}

/** The state to save from a window: its normal (un-maximized) bounds plus whether it is maximized. */
export function windowStateFrom(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}

export interface TrackableWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window state after moves and resizes (debounced) and once more when the window closes.
 * Timers are injected so tests never sleep.
 */
export function trackWindowState(
  win: TrackableWindow,
  settings: ShellSettings,
  options: {
    debounceMs?: number;
    setTimer?: (fn: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
    onError?: (error: unknown) => void;
  } = {},
): void {
  const debounceMs = options.debounceMs ?? 500;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let pending: unknown = null;
  const save = (): void => {
    pending = null;
    if (win.isDestroyed()) return;
    try {
      settings.saveWindowState(windowStateFrom(win.getNormalBounds(), win.isMaximized()));
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = (): void => {
    if (pending !== null) clearTimer(pending);
    pending = setTimer(save, debounceMs);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('close', () => {
    if (pending !== null) clearTimer(pending);
    save();
  });
}
