// The window's security preferences are pinned here; relaxing one of them must fail a test.
import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../../main/window-options';

const preloadPath = '/app/out/preload/index.cjs';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath, state: { width: 1000, height: 700, maximized: false } });

  it('isolates and sandboxes the renderer', () => {
    expect(options.webPreferences).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('sets no preference that weakens security', () => {
    const prefs = options.webPreferences ?? {};
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('centres a window without a saved position and stays hidden until ready', () => {
    expect(options).toMatchObject({ width: 1000, height: 700, center: true, show: false, title: 'Piket' });
    expect(options).not.toHaveProperty('x');
  });

  it('applies a saved position', () => {
    const placed = createWindowOptions({
      preloadPath,
      state: { width: 900, height: 600, x: 40, y: 50, maximized: false },
      icon: '/icon.png',
    });
    expect(placed).toMatchObject({ x: 40, y: 50, width: 900, height: 600, icon: '/icon.png' });
    expect(placed).not.toHaveProperty('center');
  });

  it('returns a fresh object each time', () => {
    const a = createWindowOptions({ preloadPath, state: { width: 1, height: 1, maximized: false } });
    const b = createWindowOptions({ preloadPath, state: { width: 1, height: 1, maximized: false } });
    expect(a).not.toBe(b);
    expect(a.webPreferences).not.toBe(b.webPreferences);
  });
});
