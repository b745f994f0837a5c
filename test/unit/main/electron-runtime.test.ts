// `npm start` logic: success launches Electron with the Electron build of better-sqlite3, prepared in a cache folder
// and never in node_modules; where the desktop app cannot run, one clear sentence says why and browser mode starts,
// opened in the default browser; only a failed build ends it with exit code 1.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  BROWSER_FALLBACK,
  describeElectronFailure,
  describeNativeFailure,
  describeReason,
  NATIVE_MARKER,
  nativeBindingPath,
  nativeCacheDir,
  nodeGypArgs,
  prebuildInstallArgs,
  startDesktop,
  summarizeOutput,
  webHostArgs,
  type RunOptions,
  type RunResult,
  type StartDeps,
} from '../../../scripts/electron-runtime.js';

// Real outputs, captured on a machine that reaches only the npm registry.
const ELECTRON_INSTALL_OUTPUT = `TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async FetchDownloader.download (file:///work/main/node_modules/@electron/get/dist/FetchDownloader.js:46:30)
    at async downloadArtifact (file:///work/main/node_modules/@electron/get/dist/index.js:154:12)
`;
const PREBUILD_OUTPUT = 'prebuild-install warn install getaddrinfo ENOTFOUND github.com\n';
const NODE_GYP_OUTPUT = `gyp info it worked if it ends with ok
gyp info using node-gyp@12.4.0
gyp http GET https://electronjs.org/headers/v45.5.0/node-v45.5.0-headers.tar.gz
gyp WARN install got an error, rolling back install
gyp ERR! configure error
gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and
gyp ERR! stack is related to network connectivity. In most cases you are behind a proxy or have bad
gyp ERR! stack network settings.
gyp ERR! stack at go (/work/main/node_modules/node-gyp/lib/install.js:244:21)
gyp ERR! System Linux 6.18.44
gyp ERR! not ok
`;

describe('summarizeOutput / describeReason', () => {
  it('extracts the error from the Electron installer without its stack', () => {
    expect(summarizeOutput(ELECTRON_INSTALL_OUTPUT)).toBe('fetch failed');
  });
  it('extracts the warning from prebuild-install', () => {
    expect(summarizeOutput(PREBUILD_OUTPUT)).toBe('getaddrinfo ENOTFOUND github.com');
  });
  it('joins the multi-line error of node-gyp', () => {
    expect(summarizeOutput(NODE_GYP_OUTPUT)).toBe(
      'This is most likely not a problem with node-gyp or the package itself and is related to network ' +
        'connectivity. In most cases you are behind a proxy or have bad network settings.',
    );
  });
  it('falls back to the last line, and bounds the length', () => {
    expect(summarizeOutput('step 1\nstep 2\n')).toBe('step 2');
    expect(summarizeOutput(`Error: ${'x'.repeat(1000)}`).length).toBeLessThanOrEqual(240);
    expect(summarizeOutput('')).toBe('');
  });
  it('describes an Error by its first line and cause, never its stack', () => {
    const error = new Error('Electron failed to install correctly.\nmore', {
      cause: new Error('getaddrinfo EAI_AGAIN github.com'),
    });
    expect(describeReason(error)).toBe(
      'Electron failed to install correctly. (getaddrinfo EAI_AGAIN github.com)',
    );
  });
});

describe('messages', () => {
  it('say what failed, why, and what to do instead', () => {
    expect(describeElectronFailure(ELECTRON_INSTALL_OUTPUT)).toBe(
      'Piket could not start the desktop app: the Electron runtime could not be downloaded (network error: fetch failed). ' +
        'Starting Piket in your browser instead (npm run web).',
    );
    const native = describeNativeFailure('45.5.0', PREBUILD_OUTPUT);
    expect(native).toContain('SQLite driver');
    expect(native).toContain('Electron 45.5.0');
    expect(native).toContain('getaddrinfo ENOTFOUND github.com');
    expect(native.endsWith(BROWSER_FALLBACK)).toBe(true);
  });
});

describe('native build locations and arguments', () => {
  it('caches per Electron version, platform and arch under out/native', () => {
    const dir = nativeCacheDir('/p', '45.5.0', 'linux', 'x64');
    expect(dir).toBe(join('/p', 'out', 'native', 'electron-45.5.0-linux-x64', 'better-sqlite3'));
    expect(nativeBindingPath(dir)).toBe(join(dir, 'build', 'Release', 'better_sqlite3.node'));
  });
  it('targets Electron in prebuild-install and node-gyp', () => {
    expect(prebuildInstallArgs({ electronVersion: '45.5.0', platform: 'linux', arch: 'x64' })).toEqual([
      '--runtime=electron',
      '--target=45.5.0',
      '--platform=linux',
      '--arch=x64',
    ]);
    expect(nodeGypArgs({ electronVersion: '45.5.0', arch: 'arm64', devDir: '/h/.electron-gyp' })).toEqual([
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=arm64',
      '--dist-url=https://electronjs.org/headers',
      '--devdir=/h/.electron-gyp',
    ]);
  });
});

type Step = (command: string, args: readonly string[], options: RunOptions) => RunResult | void;

function harness(
  options: {
    steps?: Partial<Record<keyof StartDeps['bins'] | 'electron' | 'web', Step>>;
    env?: Record<string, string>;
  } = {},
) {
  const files = new Map<string, string>();
  const calls: { tool: string; args: readonly string[]; options: RunOptions }[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const bins = {
    electronInstall: '/p/node_modules/electron/install.js',
    electronVite: '/p/node_modules/electron-vite/bin/electron-vite.js',
    prebuildInstall: '/p/node_modules/prebuild-install/bin.js',
    nodeGyp: '/p/node_modules/node-gyp/bin/node-gyp.js',
  };
  const toolOf = (command: string, args: readonly string[]): string => {
    if (command === '/electron/dist/electron') return 'electron';
    if (args[0] === webHostArgs('/p')[0]) return 'web';
    return Object.entries(bins).find(([, path]) => path === args[0])?.[0] ?? 'unknown';
  };
  const copies: string[] = [];
  const deps: StartDeps = {
    projectRoot: '/p',
    platform: 'linux',
    arch: 'x64',
    env: { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1', ...options.env },
    nodePath: '/usr/bin/node',
    electronVersion: '45.5.0',
    electronGypDir: '/h/.electron-gyp',
    bins,
    resolveElectron: vi.fn(() => '/electron/dist/electron'),
    run: async (command, args, runOptions = {}) => {
      const tool = toolOf(command, args);
      calls.push({ tool, args, options: runOptions });
      const step = options.steps?.[tool as keyof typeof options.steps];
      return step?.(command, args, runOptions) ?? { code: 0, output: '' };
    },
    fs: {
      exists: (path) => files.has(path),
      readText: (path) => files.get(path) ?? '',
      writeText: (path, text) => void files.set(path, text),
      remove: (path) => {
        for (const key of [...files.keys()]) if (key.startsWith(path)) files.delete(key);
      },
      copyDir: (from, to, filter) => {
        copies.push(`${from} -> ${to}`);
        expect(filter(join(from, 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
        expect(filter(join(from, 'build'))).toBe(false);
        expect(filter(join(from, 'deps', 'sqlite3', 'sqlite3.c'))).toBe(true);
        expect(filter(join(from, 'binding.gyp'))).toBe(true);
        expect(filter(join(from, 'buildx'))).toBe(true);
      },
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const cacheDir = nativeCacheDir('/p', '45.5.0', 'linux', 'x64');
  const binding = nativeBindingPath(cacheDir);
  const produceBinding: Step = () => {
    files.set(binding, 'ELF');
    return { code: 0, output: '' };
  };
  return { deps, files, calls, out, err, copies, cacheDir, binding, produceBinding };
}

describe('startDesktop', () => {
  /** The browser-mode run: the built web host, asked to open its link, with Ctrl+C passed on to it. */
  function expectBrowserMode(calls: { tool: string; args: readonly string[]; options: RunOptions }[]): void {
    const web = calls.at(-1);
    expect(web?.tool).toBe('web');
    expect(web?.args).toEqual([join('/p', 'out', 'main', 'web.js'), '--open']);
    expect(web?.options).toMatchObject({ cwd: '/p', forwardSignals: true });
    expect(web?.options.quiet).toBeFalsy();
  }

  it('says in one line that Electron cannot be downloaded, then builds and starts browser mode', async () => {
    const h = harness({
      steps: {
        electronInstall: () => ({ code: 1, output: ELECTRON_INSTALL_OUTPUT }),
        web: () => ({ code: 0, output: '' }),
      },
    });
    expect(await startDesktop(h.deps)).toBe(0);
    expect(h.err).toEqual([
      'Piket could not start the desktop app: the Electron runtime could not be downloaded (network error: fetch failed). ' +
        'Starting Piket in your browser instead (npm run web).',
    ]);
    expect(h.err.join('\n')).not.toMatch(/\n\s+at /);
    expect(h.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite', 'web']);
    expect(h.calls[0]?.options.quiet).toBe(true);
    expect(h.calls[1]?.args).toEqual([h.deps.bins.electronVite, 'build']);
    expectBrowserMode(h.calls);
    expect(h.deps.resolveElectron).not.toHaveBeenCalled();
  });

  it("passes browser mode's exit code through", async () => {
    const h = harness({
      steps: { electronInstall: () => ({ code: 1, output: '' }), web: () => ({ code: 2, output: '' }) },
    });
    expect(await startDesktop(h.deps)).toBe(2);
  });

  it('falls back to browser mode when the installer cannot even be spawned', async () => {
    const h = harness({
      steps: { electronInstall: () => ({ code: null, output: '', error: new Error('spawn ENOENT') }) },
    });
    expect(await startDesktop(h.deps)).toBe(0);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toContain('(spawn ENOENT)');
    expectBrowserMode(h.calls);
  });

  it('falls back to browser mode when require("electron") throws, without its stack', async () => {
    const h = harness();
    h.deps.resolveElectron = () => {
      throw new Error(
        'Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.',
      );
    };
    expect(await startDesktop(h.deps)).toBe(0);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(
      /^Piket could not start the desktop app: the Electron runtime could not be downloaded \(Electron failed/,
    );
    expect(h.err[0]).toContain(BROWSER_FALLBACK);
    expect(h.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite', 'web']);
  });

  it('falls back to browser mode when better-sqlite3 cannot be prepared for Electron', async () => {
    const h = harness({
      steps: {
        prebuildInstall: () => ({ code: 1, output: PREBUILD_OUTPUT }),
        nodeGyp: () => ({ code: 1, output: NODE_GYP_OUTPUT }),
      },
    });
    expect(await startDesktop(h.deps)).toBe(0);
    expect(h.calls.map((c) => c.tool)).toEqual([
      'electronInstall',
      'prebuildInstall',
      'nodeGyp',
      'electronVite',
      'web',
    ]);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toContain('could not be prepared for Electron 45.5.0');
    expect(h.err[0]).toContain('network connectivity');
    expect(h.err[0]).toContain(BROWSER_FALLBACK);
    expect(h.files.has(join(h.cacheDir, NATIVE_MARKER))).toBe(false);
    expectBrowserMode(h.calls);
  });

  it('stops with exit code 1, starting nothing, when the build for browser mode fails', async () => {
    const h = harness({
      steps: {
        electronInstall: () => ({ code: 1, output: ELECTRON_INSTALL_OUTPUT }),
        electronVite: () => ({ code: 1, output: '' }),
      },
    });
    expect(await startDesktop(h.deps)).toBe(1);
    expect(h.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite']);
    expect(h.err).toEqual([
      expect.stringContaining('could not be downloaded'),
      'Piket could not be built (see the messages above).',
    ]);
  });

  it('says so, with exit code 1, when browser mode cannot be started either', async () => {
    const h = harness({
      steps: {
        electronInstall: () => ({ code: 1, output: '' }),
        web: () => ({ code: null, output: '', error: new Error('spawn EACCES') }),
      },
    });
    expect(await startDesktop(h.deps)).toBe(1);
    expect(h.err.at(-1)).toBe('Piket could not start browser mode (spawn EACCES).');
  });

  it('builds the driver in the cache folder (prebuild first), then builds the app and launches Electron', async () => {
    const hh = harness({ steps: { prebuildInstall: (...a) => hh.produceBinding(...a) } });
    expect(await startDesktop(hh.deps)).toBe(0);
    expect(hh.calls.map((c) => c.tool)).toEqual([
      'electronInstall',
      'prebuildInstall',
      'electronVite',
      'electron',
    ]);
    const prebuild = hh.calls[1];
    expect(prebuild?.options.cwd).toBe(hh.cacheDir);
    expect(prebuild?.args.slice(1)).toEqual(
      prebuildInstallArgs({ electronVersion: '45.5.0', platform: 'linux', arch: 'x64' }),
    );
    expect(hh.copies).toEqual([`${join('/p', 'node_modules', 'better-sqlite3')} -> ${hh.cacheDir}`]);
    expect(hh.files.get(join(hh.cacheDir, NATIVE_MARKER))).toBe('45.5.0');
    expect(hh.calls[2]?.args).toEqual([hh.deps.bins.electronVite, 'build']);
    const launch = hh.calls[3];
    expect(launch?.args).toEqual(['.']);
    expect(launch?.options.cwd).toBe('/p');
    expect(launch?.options.env?.PIKET_SQLITE_BINDING).toBe(hh.binding);
    expect(launch?.options.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    expect(hh.err).toEqual([]);
  });

  it('falls back to node-gyp when no prebuilt driver can be downloaded', async () => {
    const hh = harness({
      steps: {
        prebuildInstall: () => ({ code: 1, output: PREBUILD_OUTPUT }),
        nodeGyp: (...a) => hh.produceBinding(...a),
      },
    });
    expect(await startDesktop(hh.deps)).toBe(0);
    const gyp = hh.calls.find((c) => c.tool === 'nodeGyp');
    expect(gyp?.options.cwd).toBe(hh.cacheDir);
    expect(gyp?.args.slice(1)).toEqual(
      nodeGypArgs({ electronVersion: '45.5.0', arch: 'x64', devDir: '/h/.electron-gyp' }),
    );
  });

  it('reuses a finished build for the same Electron version', async () => {
    const h = harness();
    h.files.set(h.binding, 'ELF');
    h.files.set(join(h.cacheDir, NATIVE_MARKER), '45.5.0\n');
    expect(await startDesktop(h.deps)).toBe(0);
    expect(h.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite', 'electron']);
    expect(h.copies).toEqual([]);
  });

  it('uses a binding given in PIKET_SQLITE_BINDING as is', async () => {
    const h = harness({ env: { PIKET_SQLITE_BINDING: '/custom/better_sqlite3.node' } });
    expect(await startDesktop(h.deps)).toBe(0);
    expect(h.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite', 'electron']);
    expect(h.calls.at(-1)?.options.env?.PIKET_SQLITE_BINDING).toBe('/custom/better_sqlite3.node');
  });

  it('stops with exit code 1 when the build fails, and launches nothing', async () => {
    const h = harness({
      env: { PIKET_SQLITE_BINDING: '/b.node' },
      steps: { electronVite: () => ({ code: 1, output: '' }) },
    });
    expect(await startDesktop(h.deps)).toBe(1);
    expect(h.err).toEqual(['Piket could not be built (see the messages above).']);
    expect(h.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite']);
  });

  it("passes Electron's exit code through", async () => {
    const quits = harness({
      env: { PIKET_SQLITE_BINDING: '/b.node' },
      steps: { electron: () => ({ code: 3, output: '' }) },
    });
    expect(await startDesktop(quits.deps)).toBe(3);
    expect(quits.calls.map((c) => c.tool)).not.toContain('web');
  });

  it('falls back to browser mode, without building again, when Electron cannot be launched', async () => {
    const broken = harness({
      env: { PIKET_SQLITE_BINDING: '/b.node' },
      steps: { electron: () => ({ code: null, output: '', error: new Error('spawn EACCES') }) },
    });
    expect(await startDesktop(broken.deps)).toBe(0);
    expect(broken.err).toEqual([
      `Piket could not start the desktop app: Electron could not be launched (spawn EACCES). ${BROWSER_FALLBACK}`,
    ]);
    expect(broken.calls.map((c) => c.tool)).toEqual(['electronInstall', 'electronVite', 'electron', 'web']);
    expectBrowserMode(broken.calls);
  });
});
