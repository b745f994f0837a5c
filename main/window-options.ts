// The main window's constructor options, and the hardened web preferences every Piket window shares (the main
// window and the P1 alert window), pure so a unit test can pin the security-relevant preferences.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_WINDOW_SIZE, type WindowState } from './window-state';

export interface WindowOptionsInput {
  /** Absolute path of the bundled, sandbox-compatible preload (out/preload/index.cjs). */
  preloadPath: string;
  state: WindowState;
  /** Window icon (Linux/Windows taskbar); optional. */
  icon?: string;
}

export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { state } = input;
  return {
    title: 'Piket',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#1f2937',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: hardenedWebPreferences(input.preloadPath),
  };
}

/** The web preferences of every Piket window: the sandboxed, isolated preload and nothing that weakens them. */
export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
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
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}
