// Closing the main window keeps Piket running in the tray: the window hides instead of closing, unless Piket is
// quitting (the tray's Quit, macOS Cmd+Q, the session ending), and closing the last window no longer quits.
// The app and the window are small injected interfaces, so this is tested under Node.

export interface QuitEvents {
  on(event: 'before-quit' | 'window-all-closed', listener: () => void): unknown;
}

export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  /** Windows: the session is ending (log off, shutdown); the window must close. */
  on(event: 'session-end', listener: () => void): unknown;
  hide(): void;
}

export interface CloseToTray {
  /** Makes closing this window hide it while Piket is not quitting. */
  keepInTray(win: HideableWindow): void;
  /** Piket is going away (app.quit, the OS shutting down): windows close for real from now on. */
  markQuitting(): void;
  quitting(): boolean;
}

export function installCloseToTray(app: QuitEvents): CloseToTray {
  let quitting = false;
  const markQuitting = (): void => {
    quitting = true;
  };
  app.on('before-quit', markQuitting);
  // Any listener replaces Electron's default of quitting once the last window has closed; Piket lives in the tray.
  app.on('window-all-closed', () => undefined);
  return {
    keepInTray(win) {
      win.on('close', (event) => {
        if (quitting) return;
        event.preventDefault();
        win.hide();
      });
      win.on('session-end', markQuitting);
    },
    markQuitting,
    quitting: () => quitting,
  };
}
