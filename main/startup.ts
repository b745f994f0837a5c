// What the user sees when the core cannot start: a title and a message for dialog.showErrorBox, never a stack.
export interface StartupFailure {
  title: string;
  message: string;
  /** Whether the error is unexpected and its details belong in the log. */
  logDetails: boolean;
}

export const STARTUP_FAILURE_TITLE = 'Piket could not start';

export function describeStartupFailure(
  error: unknown,
  isStartupError: (error: unknown) => error is Error,
): StartupFailure {
  if (isStartupError(error) && error.message.trim() !== '') {
    return { title: STARTUP_FAILURE_TITLE, message: error.message, logDetails: false };
  }
  return {
    title: STARTUP_FAILURE_TITLE,
    message:
      'Piket could not start because of an unexpected error. The details were written to the log; ' +
      'please try again, and report the problem if it persists.',
    logDetails: true,
  };
}

/** The data folder: PIKET_DATA_DIR when set, else the folder browser mode and the CLI use too. */
export function dataDirFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fallback: () => string,
): string {
  return env.PIKET_DATA_DIR?.trim() || fallback();
}

/**
 * The Electron build of better-sqlite3 that scripts/start.js prepared for a development run, if any. A packaged
 * (signed) app never loads native code named by an environment variable: it uses the build it ships.
 */
export function sqliteBindingFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged) return undefined;
  const value = env.PIKET_SQLITE_BINDING?.trim();
  return value ? value : undefined;
}
