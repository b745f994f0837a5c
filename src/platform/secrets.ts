// Where a connection's secret (an API token) lives, and reading it at each use. The secret itself is never stored
// by Piket's core: a connection records only a reference — the name of an environment variable, the path of a file
// only the user can read, or a key in the desktop app's keychain (Electron safeStorage, provided by the host).
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export type SecretRef =
  | { store: 'env'; name: string }
  | { store: 'file'; path: string }
  /** Kept by the desktop app, encrypted with the OS keychain, under the connection's id. */
  | { store: 'keychain'; key: string };

/** The desktop app's keychain; browser mode and the CLI have none. */
export interface Keychain {
  save(key: string, secret: string): void;
  read(key: string): string | null;
  remove(key: string): void;
}

/** A secret that cannot be read; the message says what to do and never contains the secret. */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>;
  keychain: Keychain | null;
  platform: NodeJS.Platform;
}

export function describeSecretRef(ref: SecretRef): string {
  if (ref.store === 'env') return `environment variable ${ref.name}`;
  if (ref.store === 'file') return `file ${ref.path}`;
  return "the desktop app's keychain";
}

/** Reads the secret now (an environment variable or file may change between uses); throws SecretError. */
export function readSecret(ref: SecretRef, sources: SecretSources): string {
  if (ref.store === 'env') {
    const value = sources.env[ref.name]?.trim();
    if (!value)
      throw new SecretError(
        `The environment variable ${ref.name} is not set (it should hold the API token).`,
      );
    return value;
  }
  if (ref.store === 'file') {
    checkTokenFile(ref.path, sources.platform);
    const value = readFileSync(ref.path, 'utf8').trim();
    if (!value) throw new SecretError(`The token file ${ref.path} is empty.`);
    return value;
  }
  if (!sources.keychain)
    throw new SecretError(
      "This connection keeps its token in the desktop app's keychain, which only the desktop app can read. Use the desktop app, or connect again with --token-env or --token-file.",
    );
  const value = sources.keychain.read(ref.key);
  if (!value)
    throw new SecretError('The token of this connection is no longer in the keychain; connect again.');
  return value;
}

/** A token file must exist, be a file, and (where permissions exist) be readable by its owner only. */
export function checkTokenFile(path: string, platform: NodeJS.Platform): void {
  if (!isAbsolute(path))
    throw new SecretError(`The token file must be given as an absolute path, not ${path}.`);
  let mode: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new SecretError(`The token file ${path} is not a file.`);
    mode = stats.mode;
  } catch (error) {
    if (error instanceof SecretError) throw error;
    throw new SecretError(
      `The token file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  if (platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new SecretError(
      `The token file ${path} can be read by others (mode ${(mode & 0o777).toString(8)}); make it yours only: chmod 600 ${path}`,
    );
  }
}
