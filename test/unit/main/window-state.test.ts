// Saved window bounds are untrusted: they are clamped to today's displays, and saving is debounced.
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  sanitizeWindowState,
  trackWindowState,
  type Rect,
  type ShellSettings,
  type TrackableWindow,
  type WindowState,
} from '../../../main/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const external: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('sanitizeWindowState', () => {
  it('keeps a valid state', () => {
    expect(
      sanitizeWindowState({ x: 100, y: 80, width: 1000, height: 700, maximized: true }, [laptop]),
    ).toEqual({
      x: 100,
      y: 80,
      width: 1000,
      height: 700,
      maximized: true,
    });
  });

  it.each([undefined, null, 'garbage', 42, [], { width: 'wide' }])(
    'falls back to defaults for %j',
    (stored) => {
      expect(sanitizeWindowState(stored, [laptop])).toEqual({ ...DEFAULT_WINDOW_SIZE, maximized: false });
    },
  );

  it('clamps sizes to the minimum and to the largest display', () => {
    expect(sanitizeWindowState({ width: 10, height: 10 }, [laptop])).toMatchObject(MIN_WINDOW_SIZE);
    expect(sanitizeWindowState({ width: 99999, height: 99999 }, [laptop])).toMatchObject({
      width: 1920,
      height: 1080,
    });
    expect(sanitizeWindowState({ width: Infinity, height: NaN }, [laptop])).toMatchObject(
      DEFAULT_WINDOW_SIZE,
    );
  });

  it('drops a position on a display that is no longer there', () => {
    const state = sanitizeWindowState({ x: 2500, y: 100, width: 1000, height: 700 }, [laptop]);
    expect(state).not.toHaveProperty('x');
    expect(state).not.toHaveProperty('y');
  });

  it('keeps a position on a second display while it is connected', () => {
    expect(
      sanitizeWindowState({ x: 2500, y: 100, width: 1000, height: 700 }, [laptop, external]),
    ).toMatchObject({
      x: 2500,
      y: 100,
    });
  });

  it('drops a position whose title bar is off screen', () => {
    expect(sanitizeWindowState({ x: 100, y: -650, width: 1000, height: 700 }, [laptop])).not.toHaveProperty(
      'x',
    );
    expect(sanitizeWindowState({ x: -990, y: 10, width: 1000, height: 700 }, [laptop])).not.toHaveProperty(
      'x',
    );
  });

  it('treats only `true` as maximized', () => {
    expect(sanitizeWindowState({ maximized: 'yes' }, [laptop]).maximized).toBe(false);
  });

  it('works without display information', () => {
    expect(sanitizeWindowState({ x: 1, y: 1, width: 800, height: 600 }, [])).toEqual({
      width: 800,
      height: 600,
      maximized: false,
    });
  });
});

describe('trackWindowState', () => {
  function fakeWindow() {
    const listeners = new Map<string, () => void>();
    const win: TrackableWindow & { destroyed: boolean; bounds: Rect; maximized: boolean } = {
      destroyed: false,
      bounds: { x: 10, y: 20, width: 900, height: 600 },
      maximized: false,
      getNormalBounds: () => win.bounds,
      isMaximized: () => win.maximized,
      isDestroyed: () => win.destroyed,
      on: (event, listener) => listeners.set(event, listener),
    };
    return { win, fire: (event: string) => listeners.get(event)?.() };
  }

  function fakeTimers() {
    let next = 1;
    const timers = new Map<number, () => void>();
    return {
      setTimer: (fn: () => void) => {
        timers.set(next, fn);
        return next++;
      },
      clearTimer: (handle: unknown) => timers.delete(handle as number),
      flush: () => {
        for (const [id, fn] of [...timers]) {
          timers.delete(id);
          fn();
        }
      },
      pending: () => timers.size,
    };
  }

  it('saves once after a burst of moves and resizes', () => {
    const { win, fire } = fakeWindow();
    const timers = fakeTimers();
    const saved: WindowState[] = [];
    const settings: ShellSettings = {
      loadWindowState: () => undefined,
      saveWindowState: (s) => saved.push(s),
    };
    trackWindowState(win, settings, timers);
    fire('move');
    fire('resize');
    win.bounds = { x: 30, y: 40, width: 1000, height: 700 };
    fire('move');
    expect(timers.pending()).toBe(1);
    expect(saved).toEqual([]);
    timers.flush();
    expect(saved).toEqual([{ x: 30, y: 40, width: 1000, height: 700, maximized: false }]);
  });

  it('saves immediately on close, cancelling the pending save', () => {
    const { win, fire } = fakeWindow();
    const timers = fakeTimers();
    const save = vi.fn();
    trackWindowState(win, { loadWindowState: () => undefined, saveWindowState: save }, timers);
    fire('resize');
    win.maximized = true;
    fire('close');
    expect(timers.pending()).toBe(0);
    expect(save).toHaveBeenCalledExactlyOnceWith({ x: 10, y: 20, width: 900, height: 600, maximized: true });
  });

  it('reports a failing store instead of throwing, and skips destroyed windows', () => {
    const { win, fire } = fakeWindow();
    const onError = vi.fn();
    const settings: ShellSettings = {
      loadWindowState: () => undefined,
      saveWindowState: () => {
        throw new Error('EACCES');
      },
    };
    trackWindowState(win, settings, { ...fakeTimers(), onError });
    expect(() => fire('close')).not.toThrow();
    expect(onError).toHaveBeenCalledOnce();
    win.destroyed = true;
    fire('close');
    expect(onError).toHaveBeenCalledOnce();
  });
});
