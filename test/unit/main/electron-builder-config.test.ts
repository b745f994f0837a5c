// electron-builder.yml is valid for the installed electron-builder and pins the fuses, the app identity (also the
// Windows AppUserModelID main/index.ts sets), the Linux package's libraries and the macOS hardened runtime.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: unknown;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown[] };
  deb?: { depends?: string[] };
  mac?: {
    target?: unknown[];
    hardenedRuntime?: boolean;
    entitlements?: string;
    entitlementsInherit?: string;
    notarize?: boolean;
  };
  win?: { target?: unknown[] };
  nsis?: { oneClick?: boolean; perMachine?: boolean; createStartMenuShortcut?: boolean };
}

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: unknown,
  ): Promise<BuilderConfig>;
  validateConfiguration(
    config: BuilderConfig,
    debugLogger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
};

describe('electron-builder.yml', async () => {
  const config = await getConfig(process.cwd(), 'electron-builder.yml', null);

  it("matches the installed electron-builder's schema", async () => {
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined }),
    ).resolves.toBeUndefined();
  });

  it('identifies the app', () => {
    expect(config.appId).toBe('nl.piket.app');
    expect(config.productName).toBe('Piket');
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages only the build output, unpacks the SQLite driver and rebuilds it for Electron', () => {
    expect(JSON.stringify(config.files)).toContain('out/**');
    expect(JSON.stringify(config.files)).toContain('!out/native/**');
    expect(config.asarUnpack?.some((glob) => glob.includes('better-sqlite3') && glob.endsWith('.node'))).toBe(
      true,
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('targets AppImage and deb, dmg, nsis', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it("makes the deb depend on libnotify4 and keeps every library of electron-builder's default list", () => {
    const scheme = require('app-builder-lib/scheme.json') as {
      definitions: { DebOptions: { properties: { depends: { default: string[] } } } };
    };
    const defaults = scheme.definitions.DebOptions.properties.depends.default;
    expect(defaults).toContain('libnotify4');
    expect(config.deb?.depends).toEqual(expect.arrayContaining(defaults));
    expect(config.deb?.depends).toContain('libnotify4');
    expect(config.deb?.depends).toContain('libsecret-1-0');
  });

  it('signs for macOS with the hardened runtime and JIT as its only exception, and notarizes only when configured', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('assets/entitlements.mac.plist');
    expect(config.mac?.entitlementsInherit).toBe('assets/entitlements.mac.plist');
    const plist = readFileSync(join(process.cwd(), 'assets', 'entitlements.mac.plist'), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(
      /<false\/>|allow-unsigned-executable-memory<\/key>\s*<true|disable-library-validation<\/key>\s*<true/,
    );
    expect(config.mac?.notarize).toBeUndefined();
  });

  it('gives Windows the AppUserModelID that main/index.ts sets, on a Start menu shortcut (or no toast shows)', () => {
    const index = readFileSync(join(process.cwd(), 'main', 'index.ts'), 'utf8');
    const appId = /const APP_ID = '([^']+)'/.exec(index)?.[1];
    expect(appId).toBe(config.appId);
    expect(index).toMatch(/app\.setAppUserModelId\(APP_ID\)/);
    expect(config.nsis?.createStartMenuShortcut).toBe(true);
  });
});
