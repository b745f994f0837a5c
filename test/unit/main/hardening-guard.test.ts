// DESIGN.md §5 as a property of the shell's source, so a new window, switch or IPC channel cannot slip past the
// unit-tested factories: no file in main/ relaxes a web preference or Chromium's sandbox, and every module that
// listens on IPC checks the sender with the router's isTrustedSender.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const sources = tsFiles(join(root, 'main')).map((path) => ({
  name: relative(root, path).split('\\').join('/'),
  text: readFileSync(path, 'utf8'),
}));

/** Each pattern weakens the renderer's isolation, the sandbox or the keychain. */
const RELAXATIONS: readonly (readonly [string, RegExp])[] = [
  ['contextIsolation off', /\bcontextIsolation\s*:\s*false\b/],
  ['sandbox off', /\bsandbox\s*:\s*false\b/],
  ['Node.js in the page', /\bnodeIntegration(?:InWorker|InSubFrames)?\s*:\s*true\b/],
  ['webSecurity off', /\bwebSecurity\s*:\s*false\b/],
  ['insecure content', /\ballowRunningInsecureContent\s*:\s*true\b/],
  ['<webview>', /\bwebviewTag\s*:\s*true\b/],
  ['experimental web features', /\b(?:experimentalFeatures\s*:\s*true|enableBlinkFeatures)\b/],
  ['a Chromium switch that removes a protection', /no-sandbox|disable-web-security|disable-site-isolation/],
  ['the plain-text keychain', /\bsetUsePlainTextEncryption\b/],
  ['a privileged scheme that bypasses the CSP', /\bbypassCSP\s*:\s*true\b/],
];

/** A call that registers a main-process IPC listener, on ipcMain or on one WebContents' ipc. */
const IPC_LISTENER = /\b(?:ipcMain|\.ipc)\.(?:handle|handleOnce|on|once|addListener)\s*\(/;

describe('hardening guard over main/', () => {
  it('reads the shell sources', () => {
    expect(sources.map((s) => s.name)).toEqual(
      expect.arrayContaining(['main/index.ts', 'main/window-options.ts', 'main/ipc-bridge.ts']),
    );
  });

  it.each(sources.map((s) => [s.name, s.text] as const))('%s relaxes no protection', (_name, text) => {
    const found = RELAXATIONS.filter(([, pattern]) => pattern.test(text)).map(([label]) => label);
    expect(found).toEqual([]);
  });

  it.each(sources.filter((s) => IPC_LISTENER.test(s.text)).map((s) => [s.name, s.text] as const))(
    '%s checks the sender of every IPC message it listens to',
    (_name, text) => {
      expect(text).toMatch(/\bisTrustedSender\(/);
      expect(text).toMatch(/from '\.\/ipc-router'/);
    },
  );

  it('finds the IPC listeners of the bridge (the check above is not vacuous)', () => {
    expect(sources.filter((s) => IPC_LISTENER.test(s.text)).map((s) => s.name)).toContain(
      'main/ipc-bridge.ts',
    );
  });

  it('recognises each relaxation it looks for', () => {
    const samples = [
      'webPreferences: { contextIsolation: false }',
      '{ sandbox: false }',
      '{ nodeIntegrationInSubFrames: true }',
      '{ webSecurity: false }',
      '{ allowRunningInsecureContent: true }',
      '{ webviewTag: true }',
      "{ enableBlinkFeatures: 'X' }",
      "app.commandLine.appendSwitch('no-sandbox')",
      'safeStorage.setUsePlainTextEncryption(true)',
      'privileges: { bypassCSP: true }',
    ];
    expect(samples.map((sample) => RELAXATIONS.some(([, pattern]) => pattern.test(sample)))).toEqual(
      samples.map(() => true),
    );
    expect(RELAXATIONS.some(([, pattern]) => pattern.test('{ sandbox: true, contextIsolation: true }'))).toBe(
      false,
    );
    expect(IPC_LISTENER.test("options.ipcMain.handle('piket:call', fn)")).toBe(true);
    expect(IPC_LISTENER.test("win.webContents.ipc.on('x', fn)")).toBe(true);
    expect(IPC_LISTENER.test("ipcMain.removeHandler('piket:call')")).toBe(false);
  });
});
