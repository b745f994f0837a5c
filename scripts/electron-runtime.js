// The logic behind `npm start`: obtain the Electron runtime, prepare better-sqlite3 for Electron's ABI in a cache
// folder (node_modules keeps the Node build that `npm test` uses), build, and launch. Where the desktop app cannot
// run (no Electron runtime, no SQLite driver for it, Electron does not launch), it says why in one sentence and
// starts browser mode instead, opened in the default browser, so `npm start` always runs Piket. Only a failed build
// ends it (exit code 1). Never a stack trace. All side effects are injected, so tests simulate failures.
import { join, sep } from 'node:path';

export const WEB_FALLBACK = 'Use the browser version instead: npm run web';
export const BROWSER_FALLBACK = 'Starting Piket in your browser instead (npm run web).';
const PREFIX = 'Piket could not start the desktop app';
const MAX_REASON_LENGTH = 240;

const TOOL_PREFIX =
  /^(?:gyp (?:ERR!|WARN|info|http)(?: stack| configure error| install| build error)?|prebuild-install (?:warn|info|err!?|http)(?: install)?|npm (?:ERR!|error|warn))\s*/i;
const STACK_FRAME = /^at\s/;
const ERROR_LINE = /^[A-Za-z]*Error:\s*/;
const TOOL_TRAILER = /^(System|command|cwd|node -v|node-gyp -v|not ok)\b/;
const PROBLEM = /err|fail|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|not found|denied|warn/i;

function truncate(text) {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_REASON_LENGTH ? `${clean.slice(0, MAX_REASON_LENGTH - 1)}…` : clean;
}

/**
 * Picks the one line worth showing from a tool's output (electron's installer, prebuild-install, node-gyp):
 * the first `…Error: message` (with its continuation lines), else the first line that looks like a problem,
 * else the last line. Stack frames and tool prefixes are dropped.
 */
export function summarizeOutput(output) {
  const lines = String(output ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(TOOL_PREFIX, '').trim())
    .filter((line) => line !== '');
  const errorAt = lines.findIndex((line) => ERROR_LINE.test(line));
  if (errorAt >= 0) {
    const parts = [lines[errorAt].replace(ERROR_LINE, '')];
    for (const line of lines.slice(errorAt + 1)) {
      if (STACK_FRAME.test(line) || ERROR_LINE.test(line) || TOOL_TRAILER.test(line)) break;
      parts.push(line);
    }
    return truncate(parts.join(' '));
  }
  const frames = lines.filter((line) => !STACK_FRAME.test(line));
  const problem = frames.find((line) => PROBLEM.test(line));
  return truncate(problem ?? frames.at(-1) ?? '');
}

/** A short reason from an error or a tool's output: first line of the message plus its cause, no stack. */
export function describeReason(errorOrOutput) {
  if (errorOrOutput instanceof Error) {
    const message = errorOrOutput.message.split(/\r?\n/)[0].replace(ERROR_LINE, '').trim();
    const cause = errorOrOutput.cause instanceof Error ? errorOrOutput.cause.message.split(/\r?\n/)[0] : '';
    const reason = cause && !message.includes(cause) ? `${message} (${cause})` : message;
    return truncate(reason) || 'unknown error';
  }
  return summarizeOutput(errorOrOutput) || 'unknown error';
}

const NETWORK_ERROR = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/i;

export function describeElectronFailure(errorOrOutput) {
  const reason = describeReason(errorOrOutput);
  const detail = NETWORK_ERROR.test(reason) && !/network/i.test(reason) ? `network error: ${reason}` : reason;
  return `${PREFIX}: the Electron runtime could not be downloaded (${detail}). ${BROWSER_FALLBACK}`;
}

export function describeNativeFailure(electronVersion, errorOrOutput) {
  return (
    `${PREFIX}: the SQLite driver (better-sqlite3) could not be prepared for Electron ${electronVersion} ` +
    `(${describeReason(errorOrOutput)}). Preparing it needs internet access to github.com or electronjs.org ` +
    `(and, without a prebuilt download, a C++ toolchain with Python). ${BROWSER_FALLBACK}`
  );
}

export function describeBuildFailure() {
  return 'Piket could not be built (see the messages above).';
}

export function describeLaunchFailure(errorOrOutput) {
  return `${PREFIX}: Electron could not be launched (${describeReason(errorOrOutput)}). ${BROWSER_FALLBACK}`;
}

/** The browser-mode entry built by electron-vite, and its arguments: open the link in the default browser. */
export function webHostArgs(projectRoot) {
  return [join(projectRoot, 'out', 'main', 'web.js'), '--open'];
}

/** Where the Electron build of better-sqlite3 is cached: one folder per Electron version, platform and arch. */
export function nativeCacheDir(projectRoot, electronVersion, platform, arch) {
  return join(
    projectRoot,
    'out',
    'native',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better-sqlite3',
  );
}

export function nativeBindingPath(cacheDir) {
  return join(cacheDir, 'build', 'Release', 'better_sqlite3.node');
}

/** Written next to a finished build; holds the Electron version it was built for. */
export const NATIVE_MARKER = '.piket-electron-build';

export function prebuildInstallArgs({ electronVersion, platform, arch }) {
  return ['--runtime=electron', `--target=${electronVersion}`, `--platform=${platform}`, `--arch=${arch}`];
}

export function nodeGypArgs({ electronVersion, arch, devDir }) {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${devDir}`,
  ];
}

/**
 * Makes sure an Electron-ABI better_sqlite3.node exists in the cache and returns its path: reuse a finished
 * build, else copy the package (without its Node build) and try prebuild-install, then node-gyp, in the copy.
 */
export async function prepareNativeBinding(deps, electronVersion) {
  const { fs, run, out } = deps;
  const cacheDir = nativeCacheDir(deps.projectRoot, electronVersion, deps.platform, deps.arch);
  const binding = nativeBindingPath(cacheDir);
  const marker = join(cacheDir, NATIVE_MARKER);
  if (fs.exists(binding) && fs.exists(marker) && fs.readText(marker).trim() === electronVersion) {
    return { ok: true, binding };
  }
  out(
    `Preparing the SQLite driver for Electron ${electronVersion} (first run only; this can take a few minutes)…`,
  );
  const source = join(deps.projectRoot, 'node_modules', 'better-sqlite3');
  const nodeBuild = join(source, 'build');
  try {
    fs.remove(cacheDir);
    fs.copyDir(source, cacheDir, (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep));
  } catch (error) {
    return { ok: false, reason: error };
  }
  const prebuilt = await run(
    deps.nodePath,
    [
      deps.bins.prebuildInstall,
      ...prebuildInstallArgs({ electronVersion, platform: deps.platform, arch: deps.arch }),
    ],
    { cwd: cacheDir, quiet: true },
  );
  if (prebuilt.code === 0 && fs.exists(binding)) {
    fs.writeText(marker, electronVersion);
    return { ok: true, binding };
  }
  out('No prebuilt SQLite driver could be downloaded; compiling it from source…');
  const compiled = await run(
    deps.nodePath,
    [deps.bins.nodeGyp, ...nodeGypArgs({ electronVersion, arch: deps.arch, devDir: deps.electronGypDir })],
    { cwd: cacheDir, quiet: true },
  );
  if (compiled.code === 0 && fs.exists(binding)) {
    fs.writeText(marker, electronVersion);
    return { ok: true, binding };
  }
  const reason =
    summarizeOutput(compiled.output) ||
    summarizeOutput(prebuilt.output) ||
    'neither a download nor a build worked';
  return { ok: false, reason };
}

/** Builds the app, unless that is done already; false (after saying so) when the build fails. */
async function build(deps) {
  const built = await deps.run(deps.nodePath, [deps.bins.electronVite, 'build'], { cwd: deps.projectRoot });
  if (built.code === 0) return true;
  deps.err(describeBuildFailure());
  return false;
}

/**
 * Browser mode in place of the desktop app: `reason` (one line) says why, then the web host runs (built first
 * unless `built`) and opens its link in the default browser. Resolves to the web host's exit code; Ctrl+C and
 * SIGTERM are passed on to it, so it closes the database before `npm start` ends.
 */
async function startBrowserMode(deps, reason, built) {
  deps.err(reason);
  if (!built && !(await build(deps))) return 1;
  const web = await deps.run(deps.nodePath, webHostArgs(deps.projectRoot), {
    cwd: deps.projectRoot,
    forwardSignals: true,
  });
  if (web.error) {
    deps.err(`Piket could not start browser mode (${describeReason(web.error)}).`);
    return 1;
  }
  return web.code ?? 0;
}

/**
 * `npm start`; resolves to the exit code. Order: the runtime and the native driver first (both need the network,
 * so a machine without it learns that at once and gets browser mode), then the build, then Electron itself.
 */
export async function startDesktop(deps) {
  const { run, out } = deps;

  out('Checking the Electron runtime (downloaded on first run)…');
  // Run the installer ourselves with its output captured: it prints a stack trace when the download fails.
  const installed = await run(deps.nodePath, [deps.bins.electronInstall], {
    cwd: deps.projectRoot,
    quiet: true,
  });
  if (installed.code !== 0) {
    const failure = installed.error ?? (installed.output || 'the installer failed');
    return startBrowserMode(deps, describeElectronFailure(failure), false);
  }
  let electronPath;
  try {
    electronPath = deps.resolveElectron();
  } catch (error) {
    return startBrowserMode(deps, describeElectronFailure(error), false);
  }

  let binding = deps.env.PIKET_SQLITE_BINDING?.trim();
  if (!binding) {
    const prepared = await prepareNativeBinding(deps, deps.electronVersion);
    if (!prepared.ok) {
      return startBrowserMode(deps, describeNativeFailure(deps.electronVersion, prepared.reason), false);
    }
    binding = prepared.binding;
  }

  if (!(await build(deps))) return 1;

  const env = { ...deps.env, PIKET_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE;
  const launched = await run(electronPath, ['.'], { cwd: deps.projectRoot, env });
  if (launched.error) return startBrowserMode(deps, describeLaunchFailure(launched.error), true);
  return launched.code ?? 0;
}
