// Start Piket at login, hidden in the tray: Electron's login item on macOS and Windows, an XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/piket.desktop) on Linux. The login-item calls, the environment and the file system
// are injected, so both ways are tested under Node. `--hidden` on the command line starts Piket without its window.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { LoginItemSettings, Settings } from 'electron';

/** The argument a login start carries: Piket starts in the tray, without showing its window. */
export const HIDDEN_ARG = '--hidden';
export const DESKTOP_FILE_NAME = 'piket.desktop';

export interface Autostart {
  isEnabled(): boolean;
  /** Throws when the OS refuses (an unwritable autostart folder). */
  setEnabled(enabled: boolean): void;
  /** Rewrites an existing Linux entry for where Piket runs from now (an AppImage that moved); no-op elsewhere. */
  refresh(): void;
}

/** Electron's app.getLoginItemSettings and app.setLoginItemSettings. */
export interface LoginItems {
  get(options: { args: string[] }): Pick<LoginItemSettings, 'openAtLogin'>;
  set(settings: Pick<Settings, 'openAtLogin' | 'args'>): void;
}

export interface AutostartOptions {
  platform: NodeJS.Platform;
  loginItems: LoginItems;
  env: Readonly<Record<string, string | undefined>>;
  /** process.execPath: the binary to start (an AppImage runs it from a temporary mount, so APPIMAGE wins). */
  execPath: string;
  homeDir: string;
}

/** The folder desktop environments read autostart entries from: $XDG_CONFIG_HOME/autostart, else ~/.config. */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec says a relative value is invalid and must be ignored.
  return join(configHome && isAbsolute(configHome) ? configHome : join(homeDir, '.config'), 'autostart');
}

/**
 * One argument of an Exec key (Desktop Entry Specification, "The Exec key"): quoted when it holds a reserved
 * character, with `"`, `` ` ``, `$` and `\` escaped inside the quotes, and `%` doubled (field codes). The key's
 * value is itself a string, whose own escape doubles every backslash once more.
 */
export function quoteExecArg(arg: string): string {
  const fieldCodesEscaped = arg.replace(/%/g, '%%');
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(fieldCodesEscaped)
    ? `"${fieldCodesEscaped.replace(/["`$\\]/g, (char) => `\\${char}`)}"`
    : fieldCodesEscaped;
  return quoted.replace(/\\/g, '\\\\');
}

/** The autostart entry that starts `command` hidden in the tray. */
export function desktopEntry(command: string): string {
  // A line break would end the Exec line and start a key of its own.
  if ([...command].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    throw new Error(
      `Piket cannot start at login from a path with control characters: ${JSON.stringify(command)}`,
    );
  }
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Piket',
    'Comment=On-call companion for support engineers',
    `Exec=${quoteExecArg(command)} ${HIDDEN_ARG}`,
    'Icon=piket',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function createAutostart(options: AutostartOptions): Autostart {
  if (options.platform !== 'linux') {
    const args = options.platform === 'win32' ? [HIDDEN_ARG] : [];
    return {
      // Windows compares the arguments: ask with the ones the item was made with.
      isEnabled: () => options.loginItems.get({ args }).openAtLogin,
      setEnabled: (enabled) => options.loginItems.set({ openAtLogin: enabled, args }),
      refresh: () => undefined,
    };
  }
  const dir = autostartDir(options.env, options.homeDir);
  const file = join(dir, DESKTOP_FILE_NAME);
  const command = options.env.APPIMAGE?.trim() || options.execPath;
  const write = (): void => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, desktopEntry(command), { mode: 0o644 });
  };
  return {
    isEnabled: () => existsSync(file),
    setEnabled: (enabled) => (enabled ? write() : rmSync(file, { force: true })),
    refresh: () => {
      if (existsSync(file)) write();
    },
  };
}

/**
 * Whether this launch starts hidden in the tray: `--hidden` (Windows and Linux login starts carry it), or macOS
 * saying it opened Piket at login (its login items take no arguments).
 */
export function startsHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_ARG);
}
