// The application menu never offers developer tools or reloads, and keeps copy and paste working on macOS.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../main/app-menu';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const FORBIDDEN = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];

describe('appMenuTemplate', () => {
  it('gives macOS an app, Edit and Window menu without developer tools or reload', () => {
    const template = appMenuTemplate('darwin');
    expect(template).not.toBeNull();
    const all = roles(template!);
    expect(all).toEqual(
      expect.arrayContaining(['quit', 'copy', 'paste', 'cut', 'selectAll', 'undo', 'minimize']),
    );
    for (const role of FORBIDDEN) expect(all).not.toContain(role);
  });

  it('gives Windows and Linux no menu bar at all', () => {
    expect(appMenuTemplate('win32')).toBeNull();
    expect(appMenuTemplate('linux')).toBeNull();
  });
});
