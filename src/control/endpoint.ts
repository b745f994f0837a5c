// Where the owner of a data folder listens for calls from other Piket processes on this computer (the CLI while
// the app runs): a Unix socket in the data folder, or a named pipe on Windows; and the line protocol they speak.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const CONTROL_SOCKET_FILE = 'piket.sock';
/** Unix socket paths longer than this do not fit sun_path on every system (104 bytes on macOS). */
const MAX_SOCKET_PATH = 100;
/** A call line longer than this is refused and the connection closed. */
export const MAX_CONTROL_LINE = 1024 * 1024;

export function controlSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\piket-${hash}`;
  const inFolder = join(resolve(dataDir), CONTROL_SOCKET_FILE);
  return Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH ? inFolder : join(tmpdir(), `piket-${hash}.sock`);
}

/** One call, one JSON line; the token proves the caller could read the owner file (mode 0600). */
export const controlCallSchema = z.strictObject({
  token: z.string().max(200),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  args: z.unknown(),
});
export type ControlCall = z.infer<typeof controlCallSchema>;
