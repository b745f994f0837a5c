// Closing the main window hides it into the tray while Piket runs on; quitting (app.quit, Cmd+Q, the tray's Quit,
// the OS ending the session) lets it close; closing the last window does not quit.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installCloseToTray, type HideableWindow, type QuitEvents } from '../../../main/close-to-tray';

function setup() {
  const app = new EventEmitter();
  const closeToTray = installCloseToTray(app as unknown as QuitEvents);
  const win = Object.assign(new EventEmitter(), { hide: vi.fn() });
  closeToTray.keepInTray(win as unknown as HideableWindow);
  /** Emits 'close' as Electron does; true when the window may close. */
  const close = (): boolean => {
    const event = { preventDefault: vi.fn() };
    win.emit('close', event);
    return event.preventDefault.mock.calls.length === 0;
  };
  return { app, closeToTray, win, close };
}

describe('installCloseToTray', () => {
  it('hides the window instead of closing it', () => {
    const { win, close, closeToTray } = setup();
    expect(close()).toBe(false);
    expect(win.hide).toHaveBeenCalledOnce();
    expect(closeToTray.quitting()).toBe(false);
  });

  it('lets the window close once Piket quits', () => {
    const { app, win, close, closeToTray } = setup();
    app.emit('before-quit');
    expect(closeToTray.quitting()).toBe(true);
    expect(close()).toBe(true);
    expect(win.hide).not.toHaveBeenCalled();
  });

  it('lets the window close when the Windows session ends', () => {
    const { win, close } = setup();
    win.emit('session-end');
    expect(close()).toBe(true);
  });

  it('lets the window close when the OS shuts down', () => {
    const { close, closeToTray } = setup();
    closeToTray.markQuitting();
    expect(close()).toBe(true);
  });

  it('keeps running when the last window has closed', () => {
    const { app } = setup();
    // Electron quits on window-all-closed only when nobody listens; the listener must not quit either.
    expect(app.listenerCount('window-all-closed')).toBe(1);
    expect(() => app.emit('window-all-closed')).not.toThrow();
  });
});
