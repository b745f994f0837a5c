// A small append-only log for the main process (userData/logs/main.log), so "see the log" means something in a
// packaged app too. Bounded: when the file passes maxBytes it is rotated to main.old.log. No electron import.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface MainLog {
  readonly file: string;
  info(line: string): void;
  error(message: string, error?: unknown): void;
}

export function formatError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function createMainLog(options: {
  dir: string;
  now?: () => Date;
  maxBytes?: number;
  /** Echo to the terminal as well (dev runs). */
  echo?: (line: string) => void;
}): MainLog {
  const file = join(options.dir, 'main.log');
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  let broken = false;
  const write = (level: string, text: string): void => {
    const line = `${now().toISOString()} ${level} ${text}\n`;
    options.echo?.(line.trimEnd());
    if (broken) return;
    try {
      mkdirSync(options.dir, { recursive: true });
      try {
        if (statSync(file).size > maxBytes) renameSync(file, join(options.dir, 'main.old.log'));
      } catch {
        // No file yet.
      }
      appendFileSync(file, line);
    } catch {
      broken = true; // Logging must never take the app down; keep echoing.
    }
  };
  return {
    file,
    info: (line) => write('INFO', line),
    error: (message, error) =>
      write('ERROR', error === undefined ? message : `${message}\n${formatError(error)}`),
  };
}
