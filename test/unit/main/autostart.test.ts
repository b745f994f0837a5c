// Start at login: the Electron login item on macOS and Windows (with --hidden on Windows), a valid XDG autostart
// entry on Linux written to and removed from a temporary config folder, and which launches start hidden.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DESKTOP_FILE_NAME,
  HIDDEN_ARG,
  autostartDir,
  createAutostart,
  desktopEntry,
  quoteExecArg,
  startsHidden,
  type LoginItems,
} from '../../../main/autostart';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs('piket-autostart-');

function loginItems(): LoginItems & { get: ReturnType<typeof vi.fn>; set: ReturnType<typeof vi.fn> } {
  let openAtLogin = false;
  return {
    get: vi.fn(() => ({ openAtLogin })),
    set: vi.fn((settings: { openAtLogin?: boolean }) => {
      openAtLogin = settings.openAtLogin ?? false;
    }),
  };
}

/** The Exec line's arguments as a desktop environment reads them back: string escapes, then the quoting. */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_, char: string) => (char === '\\' ? '\\' : `\\${char}`));
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < unescaped.length; i++) {
    const char = unescaped[i]!;
    if (quoted && char === '\\') {
      current += unescaped[++i];
    } else if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (char === ' ' && !quoted) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args.map((arg) => arg.replace(/%%/g, '%'));
}

function linux(env: Record<string, string | undefined>, execPath = '/opt/Piket/piket') {
  const home = tempDir();
  const autostart = createAutostart({
    platform: 'linux',
    loginItems: loginItems(),
    env,
    execPath,
    homeDir: home,
  });
  return { autostart, home };
}

describe('createAutostart on macOS and Windows', () => {
  it('uses the login item on Windows, starting hidden', () => {
    const items = loginItems();
    const autostart = createAutostart({
      platform: 'win32',
      loginItems: items,
      env: {},
      execPath: 'C:\\Program Files\\Piket\\Piket.exe',
      homeDir: 'C:\\Users\\me',
    });
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(true);
    expect(items.set).toHaveBeenLastCalledWith({ openAtLogin: true, args: [HIDDEN_ARG] });
    expect(items.get).toHaveBeenLastCalledWith({ args: [HIDDEN_ARG] });
    expect(autostart.isEnabled()).toBe(true);
    autostart.setEnabled(false);
    expect(items.set).toHaveBeenLastCalledWith({ openAtLogin: false, args: [HIDDEN_ARG] });
    expect(autostart.isEnabled()).toBe(false);
  });

  it('uses the login item on macOS, which takes no arguments', () => {
    const items = loginItems();
    const autostart = createAutostart({
      platform: 'darwin',
      loginItems: items,
      env: {},
      execPath: '/Applications/Piket.app/Contents/MacOS/Piket',
      homeDir: '/Users/me',
    });
    autostart.setEnabled(true);
    expect(items.set).toHaveBeenLastCalledWith({ openAtLogin: true, args: [] });
    expect(autostart.isEnabled()).toBe(true);
  });
});

describe('createAutostart on Linux', () => {
  it('writes a desktop entry to $XDG_CONFIG_HOME/autostart that starts Piket hidden, and removes it', () => {
    const config = tempDir();
    const { autostart } = linux({ XDG_CONFIG_HOME: config });
    const file = join(config, 'autostart', DESKTOP_FILE_NAME);
    expect(autostart.isEnabled()).toBe(false);
    autostart.setEnabled(true);
    expect(autostart.isEnabled()).toBe(true);
    const entry = readFileSync(file, 'utf8');
    expect(entry.split('\n')[0]).toBe('[Desktop Entry]');
    expect(entry).toContain('\nType=Application\n');
    expect(entry).toContain('\nName=Piket\n');
    expect(entry).toContain(`\nExec=/opt/Piket/piket ${HIDDEN_ARG}\n`);
    autostart.setEnabled(false);
    expect(existsSync(file)).toBe(false);
    expect(autostart.isEnabled()).toBe(false);
    expect(() => autostart.setEnabled(false)).not.toThrow();
  });

  it('defaults to ~/.config/autostart, and ignores a relative XDG_CONFIG_HOME', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: 'relative/config' }, { XDG_CONFIG_HOME: '  ' }]) {
      const { autostart, home } = linux(env);
      autostart.setEnabled(true);
      expect(existsSync(join(home, '.config', 'autostart', DESKTOP_FILE_NAME))).toBe(true);
    }
    expect(autostartDir({ XDG_CONFIG_HOME: '/etc/xdg-me' }, '/home/me')).toBe('/etc/xdg-me/autostart');
  });

  it('starts the AppImage, not the binary inside its temporary mount', () => {
    const config = tempDir();
    const { autostart } = linux(
      { XDG_CONFIG_HOME: config, APPIMAGE: '/home/me/Apps/Piket.AppImage' },
      '/tmp/.mount_PiketX1/piket',
    );
    autostart.setEnabled(true);
    expect(readFileSync(join(config, 'autostart', DESKTOP_FILE_NAME), 'utf8')).toContain(
      `\nExec=/home/me/Apps/Piket.AppImage ${HIDDEN_ARG}\n`,
    );
  });

  it('rewrites an existing entry for where Piket runs now, and writes none when there is none', () => {
    const config = tempDir();
    const file = join(config, 'autostart', DESKTOP_FILE_NAME);
    linux({ XDG_CONFIG_HOME: config }).autostart.refresh();
    expect(existsSync(file)).toBe(false);
    mkdirSync(join(config, 'autostart'));
    writeFileSync(file, desktopEntry('/old/place/Piket.AppImage'));
    linux({ XDG_CONFIG_HOME: config, APPIMAGE: '/new/place/Piket.AppImage' }).autostart.refresh();
    expect(readFileSync(file, 'utf8')).toContain('\nExec=/new/place/Piket.AppImage --hidden\n');
  });

  it('throws when the autostart folder cannot be written', () => {
    const config = tempDir();
    writeFileSync(join(config, 'autostart'), 'a file where the folder should be');
    expect(() => linux({ XDG_CONFIG_HOME: config }).autostart.setEnabled(true)).toThrow();
  });
});

describe('quoteExecArg', () => {
  it.each([
    '/opt/Piket/piket',
    '/home/me/My Apps/Piket.AppImage',
    '/home/me/it\'s "quoted"/Piket',
    '/home/me/$HOME/`cmd`/back\\slash/Piket',
    '/home/me/100%/Piket',
  ])('writes %s so a desktop environment reads it back as one argument', (path) => {
    expect(parseExec(`${quoteExecArg(path)} ${HIDDEN_ARG}`)).toEqual([path, HIDDEN_ARG]);
  });

  it('leaves a plain path unquoted and quotes one with a space', () => {
    expect(quoteExecArg('/opt/Piket/piket')).toBe('/opt/Piket/piket');
    expect(quoteExecArg('/home/me/My Apps/Piket.AppImage')).toBe('"/home/me/My Apps/Piket.AppImage"');
  });

  it('escapes a backslash and a dollar as the specification spells them', () => {
    expect(quoteExecArg('a\\b')).toBe('"a\\\\\\\\b"');
    expect(quoteExecArg('a$b')).toBe('"a\\\\$b"');
  });

  it('refuses a path with a line break, which would add a line to the entry', () => {
    expect(() => desktopEntry('/tmp/x\nExec=evil')).toThrow(/control characters/);
  });
});

describe('startsHidden', () => {
  it('starts hidden for --hidden or a macOS login start, and shows the window otherwise', () => {
    expect(startsHidden(['/opt/Piket/piket', HIDDEN_ARG], false)).toBe(true);
    expect(startsHidden(['/Applications/Piket.app/Contents/MacOS/Piket'], true)).toBe(true);
    expect(startsHidden(['/opt/Piket/piket'], false)).toBe(false);
  });
});
