// electron-builder.yml is valid for the installed electron-builder and pins the fuses and the app identity.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: unknown;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown[] };
  mac?: { target?: unknown[] };
  win?: { target?: unknown[] };
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
});
