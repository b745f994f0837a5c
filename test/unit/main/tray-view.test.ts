// What the tray shows: the icon per state (and that its image exists for every platform, at the right size), the
// tooltip with the counts, and the menu with what each item does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_TOOLTIP_LENGTH,
  PAUSE_MINUTES,
  TRAY_ICON_NAMES,
  formatClockTime,
  trayIconFile,
  trayIconFor,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
} from '../../../main/tray-view';
import { overview, waitingP1 } from './fake-overview';

const ZONE = 'Europe/Amsterdam';
const NOW = Date.UTC(2026, 2, 2, 12, 0); // 13:00 in Amsterdam
const time = (instant: number): string => formatClockTime(instant, ZONE);
const TRAY_DIR = join(process.cwd(), 'assets', 'tray');

/** Width, height and RGBA pixels of a PNG as scripts/make-icons.js writes them (8-bit RGBA, filter none). */
function readPng(path: string): { width: number; height: number; pixels: Uint8Array } {
  const file = readFileSync(path);
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const data: Buffer[] = [];
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at);
    if (file.toString('ascii', at + 4, at + 8) === 'IDAT') data.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, pixels };
}

function actions() {
  return {
    open: vi.fn<() => void>(),
    syncNow: vi.fn<() => void>(),
    pauseAlerts: vi.fn<(minutes: number) => void>(),
    setStartAtLogin: vi.fn<(enabled: boolean) => void>(),
    quit: vi.fn<() => void>(),
  } satisfies TrayActions;
}

function click(item: MenuItemConstructorOptions | undefined): void {
  expect(item?.click).toBeTypeOf('function');
  (item!.click as () => void)();
}

const byLabel = (menu: MenuItemConstructorOptions[], label: string | RegExp) =>
  menu.find((item) => (typeof label === 'string' ? item.label === label : label.test(item.label ?? '')));

describe('trayIconFor', () => {
  it.each([
    ['quiet', 'quiet'],
    ['warning', 'warning'],
    ['p1', 'p1'],
    ['offline', 'offline'],
    ['error', 'error'],
  ] as const)('shows the %s state with the %s icon', (state, icon) => {
    expect(trayIconFor(state)).toBe(icon);
  });
});

describe('the tray images', () => {
  it.each(TRAY_ICON_NAMES)('%s exists for Windows at 16 px with a 32 px @2x twin', (name) => {
    const file = trayIconFile(name, 'win32');
    expect(readPng(join(TRAY_DIR, file))).toMatchObject({ width: 16, height: 16 });
    expect(readPng(join(TRAY_DIR, file.replace(/\.png$/, '@2x.png')))).toMatchObject({
      width: 32,
      height: 32,
    });
  });

  it.each(TRAY_ICON_NAMES)('%s exists for Linux as one 32 px image', (name) => {
    expect(readPng(join(TRAY_DIR, trayIconFile(name, 'linux')))).toMatchObject({ width: 32, height: 32 });
  });

  it.each(TRAY_ICON_NAMES)(
    '%s exists for macOS as a black-and-alpha template image, 16 px and @2x',
    (name) => {
      const file = trayIconFile(name, 'darwin');
      expect(file).toMatch(/Template\.png$/);
      for (const [path, size] of [
        [file, 16],
        [file.replace(/\.png$/, '@2x.png'), 32],
      ] as const) {
        const { width, pixels } = readPng(join(TRAY_DIR, path));
        expect(width).toBe(size);
        const colours = new Set<number>();
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3]! > 0) colours.add(pixels[i]! + pixels[i + 1]! + pixels[i + 2]!);
        }
        expect([...colours]).toEqual([0]);
      }
    },
  );

  it('has a faint frame for the flashing P1 icon, on every platform', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const maxAlpha = (name: 'p1' | 'p1Dim') =>
        Math.max(
          ...readPng(join(TRAY_DIR, trayIconFile(name, platform))).pixels.filter((_, i) => i % 4 === 3),
        );
      expect(maxAlpha('p1Dim')).toBeLessThan(maxAlpha('p1') / 2);
    }
  });
});

describe('trayTooltip', () => {
  it('says just Piket before the first overview', () => {
    expect(trayTooltip(null, NOW, time)).toBe('Piket');
  });

  it('says all is quiet when it is', () => {
    expect(trayTooltip(overview({ open: 12 }), NOW, time)).toBe('Piket — all quiet');
  });

  it('counts what needs attention, most pressing first', () => {
    const text = trayTooltip(
      overview({ state: 'p1', p1Waiting: [waitingP1(1)], breached: 3, dueSoon: 2, offline: 1 }),
      NOW,
      time,
    );
    expect(text).toBe('Piket — 1 P1 waiting · 3 breached · 2 due within the hour · offline');
  });

  it('tells refused changes, changes to send, and a sync error', () => {
    expect(trayTooltip(overview({ state: 'error', problems: 2, waiting: 1 }), NOW, time)).toBe(
      'Piket — 2 changes refused · 1 change to send',
    );
    expect(trayTooltip(overview({ state: 'error', syncMessage: 'HTTP 500' }), NOW, time)).toBe(
      'Piket — sync error',
    );
  });

  it('says until when alerts are paused, and nothing once the pause is over', () => {
    const paused = overview({ alertsPausedUntil: NOW + 90 * 60_000 });
    expect(trayTooltip(paused, NOW, time)).toBe('Piket — all quiet · alerts paused until 14:30');
    expect(trayTooltip(paused, NOW + 91 * 60_000, time)).toBe('Piket — all quiet');
  });

  it('fits the Windows tooltip limit', () => {
    const text = trayTooltip(
      overview({
        state: 'p1',
        p1Waiting: [waitingP1(1)],
        breached: 123_456,
        dueSoon: 234_567,
        offline: 2,
        problems: 345_678,
        waiting: 456_789,
        alertsPausedUntil: NOW + 60_000,
      }),
      NOW,
      time,
    );
    expect(text.length).toBe(MAX_TOOLTIP_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('trayMenuTemplate', () => {
  const input = { overview: overview(), now: NOW, startAtLogin: false, formatTime: time };

  it('opens with the summary (Linux panels show no tooltip), then open, sync, pause, start at login, quit', () => {
    const menu = trayMenuTemplate(
      { ...input, overview: overview({ state: 'p1', p1Waiting: [waitingP1(1)], breached: 3 }) },
      actions(),
    );
    expect(menu.map((item) => item.label ?? item.type)).toEqual([
      '1 P1 waiting · 3 breached',
      'separator',
      'Open Piket',
      'Sync now',
      'Pause non-P1 alerts for 1 hour',
      'separator',
      'Start Piket at login',
      'separator',
      'Quit Piket',
    ]);
    expect(menu[0]).toMatchObject({ enabled: false });
  });

  it('names who is on call now under the summary, per schedule, and says so when nobody is', () => {
    const menu = trayMenuTemplate(
      {
        ...input,
        overview: overview({
          onCall: [
            { schedule: 'Support NL', names: ['Jane Doe'] },
            { schedule: 'Nights', names: [] },
          ],
        }),
      },
      actions(),
    );
    expect(menu.slice(1, 3)).toEqual([
      { label: 'On call now (Support NL): Jane Doe', enabled: false },
      { label: 'On call now (Nights): nobody', enabled: false },
    ]);
  });

  it('says it is starting before the first overview', () => {
    expect(trayMenuTemplate({ ...input, overview: null }, actions())[0]?.label).toBe('Starting…');
  });

  it('calls the action of each item', () => {
    const spies = actions();
    const menu = trayMenuTemplate(input, spies);
    click(byLabel(menu, 'Open Piket'));
    click(byLabel(menu, 'Sync now'));
    click(byLabel(menu, 'Pause non-P1 alerts for 1 hour'));
    click(byLabel(menu, 'Quit Piket'));
    expect(spies.open).toHaveBeenCalledOnce();
    expect(spies.syncNow).toHaveBeenCalledOnce();
    expect(spies.pauseAlerts).toHaveBeenCalledWith(PAUSE_MINUTES);
    expect(PAUSE_MINUTES).toBe(60);
    expect(spies.quit).toHaveBeenCalledOnce();
  });

  it('offers to resume alerts while they are paused, saying until when', () => {
    const spies = actions();
    const menu = trayMenuTemplate(
      { ...input, overview: overview({ alertsPausedUntil: NOW + 30 * 60_000 }) },
      spies,
    );
    expect(byLabel(menu, /^Pause/)).toBeUndefined();
    click(byLabel(menu, 'Resume alerts (paused until 13:30)'));
    expect(spies.pauseAlerts).toHaveBeenCalledWith(0);
  });

  it('offers to pause again once a pause is over', () => {
    const menu = trayMenuTemplate(
      { ...input, overview: overview({ alertsPausedUntil: NOW - 1 }) },
      actions(),
    );
    expect(byLabel(menu, 'Pause non-P1 alerts for 1 hour')).toBeDefined();
  });

  it('shows start at login as a checkbox that turns it the other way', () => {
    const spies = actions();
    const on = byLabel(trayMenuTemplate({ ...input, startAtLogin: true }, spies), 'Start Piket at login');
    expect(on).toMatchObject({ type: 'checkbox', checked: true });
    click(on);
    expect(spies.setStartAtLogin).toHaveBeenLastCalledWith(false);
    const off = byLabel(trayMenuTemplate({ ...input, startAtLogin: false }, spies), 'Start Piket at login');
    expect(off).toMatchObject({ type: 'checkbox', checked: false });
    click(off);
    expect(spies.setStartAtLogin).toHaveBeenLastCalledWith(true);
  });

  it('leaves start at login out where Piket cannot start at login', () => {
    const menu = trayMenuTemplate({ ...input, startAtLogin: null }, actions());
    expect(byLabel(menu, 'Start Piket at login')).toBeUndefined();
    expect(menu.filter((item) => item.type === 'separator')).toHaveLength(2);
  });
});
