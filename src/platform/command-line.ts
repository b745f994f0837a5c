// Parses command-line flags strictly for the `piket` CLI and `npm run web`, turning mistakes into one clear line.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake on the command line; the message is printed as is, followed by a hint to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<O extends Options>(argv: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, '').trim());
  }
}

/** Reads a TCP port flag: 0 (a free port) to 65535. */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port), not "${value}".`,
    );
  }
  return port;
}
