// Where Piket keeps its data by default: the OS user-data folder, shared by the desktop app, browser mode and CLI.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATABASE_FILE = 'piket.db';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Piket');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Piket');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'piket');
}
