// Types for scripts/electron-runtime.js (plain ESM that Node runs without a build step).

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Capture stdout and stderr into `output` instead of passing them through. */
  quiet?: boolean;
  /** Pass SIGINT and SIGTERM on to the child (instead of ending this process) until it exits. */
  forwardSignals?: boolean;
}

export interface RunResult {
  /** Exit code; null when the process could not be spawned or was killed by a signal. */
  code: number | null;
  /** Captured stdout + stderr (quiet runs only). */
  output: string;
  /** Set when the process could not be spawned. */
  error?: Error;
}

export interface StartDeps {
  projectRoot: string;
  platform: string;
  arch: string;
  env: Record<string, string | undefined>;
  nodePath: string;
  electronVersion: string;
  /** Directory for Electron headers (node-gyp --devdir). */
  electronGypDir: string;
  bins: { electronInstall: string; electronVite: string; prebuildInstall: string; nodeGyp: string };
  /** `createRequire(import.meta.url)('electron')`: the binary's path; throws when it is missing. */
  resolveElectron: () => string;
  /** Never rejects. */
  run: (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;
  fs: {
    exists(path: string): boolean;
    readText(path: string): string;
    writeText(path: string, text: string): void;
    remove(path: string): void;
    copyDir(from: string, to: string, filter: (path: string) => boolean): void;
  };
  out: (line: string) => void;
  err: (line: string) => void;
}

export const WEB_FALLBACK: string;
export const BROWSER_FALLBACK: string;
export const NATIVE_MARKER: string;
export function summarizeOutput(output: unknown): string;
export function describeReason(errorOrOutput: unknown): string;
export function describeElectronFailure(errorOrOutput: unknown): string;
export function describeNativeFailure(electronVersion: string, errorOrOutput: unknown): string;
export function describeBuildFailure(): string;
export function describeLaunchFailure(errorOrOutput: unknown): string;
export function webHostArgs(projectRoot: string): string[];
export function nativeCacheDir(
  projectRoot: string,
  electronVersion: string,
  platform: string,
  arch: string,
): string;
export function nativeBindingPath(cacheDir: string): string;
export function prebuildInstallArgs(options: {
  electronVersion: string;
  platform: string;
  arch: string;
}): string[];
export function nodeGypArgs(options: { electronVersion: string; arch: string; devDir: string }): string[];
export function prepareNativeBinding(
  deps: StartDeps,
  electronVersion: string,
): Promise<{ ok: true; binding: string } | { ok: false; reason: unknown }>;
export function startDesktop(deps: StartDeps): Promise<number>;
