// `npm start`: the desktop app (or, where it cannot run, browser mode). Wires real processes and the file system
// into scripts/electron-runtime.js.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktop, WEB_FALLBACK } from './electron-runtime.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * Runs a command and never rejects. Quiet runs capture the output (for a one-line reason); others inherit it. With
 * forwardSignals, Ctrl+C and SIGTERM go on to the child, and this process waits for it to finish closing.
 */
function run(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    let output = '';
    let child;
    try {
      child = spawn(command, args, {
        cwd: options.cwd ?? projectRoot,
        env: options.env ?? process.env,
        stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      });
    } catch (error) {
      resolvePromise({ code: null, output, error });
      return;
    }
    const collect = (chunk) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    // On Windows the console delivers Ctrl+C to the child itself, and kill() would end it abruptly: only wait there.
    const forward = (signal) => {
      if (process.platform === 'win32') return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    if (options.forwardSignals) {
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
    }
    const done = (result) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(result);
    };
    child.on('error', (error) => done({ code: null, output, error }));
    child.on('close', (code) => done({ code, output }));
  });
}

async function main() {
  const electronDir = packageDir('electron');
  return startDesktop({
    projectRoot,
    platform: process.platform,
    arch: process.arch,
    env: { ...process.env },
    nodePath: process.execPath,
    electronVersion: JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version,
    electronGypDir: join(homedir(), '.electron-gyp'),
    bins: {
      electronInstall: join(electronDir, 'install.js'),
      electronVite: join(packageDir('electron-vite'), 'bin', 'electron-vite.js'),
      prebuildInstall: join(packageDir('prebuild-install'), 'bin.js'),
      nodeGyp: join(packageDir('node-gyp'), 'bin', 'node-gyp.js'),
    },
    // Called inside try/catch by startDesktop; on a machine with internet this is where Electron gets downloaded.
    resolveElectron: () => require('electron'),
    run,
    fs: {
      exists: (path) => existsSync(path),
      readText: (path) => readFileSync(path, 'utf8'),
      writeText: (path, text) => {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      },
      remove: (path) => rmSync(path, { recursive: true, force: true }),
      copyDir: (from, to, filter) => cpSync(from, to, { recursive: true, filter }),
    },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}

process.exitCode = await main().catch((error) => {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`Piket could not start the desktop app (${reason}). ${WEB_FALLBACK}`);
  return 1;
});
