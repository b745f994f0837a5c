// The tray follows the overview: its icon per state, flashing while a P1 waits unsnoozed (and not once it is
// acknowledged or snoozed, again when the snooze ends), the tooltip and menu, guarded menu actions, start at login
// and the click that opens the window. A fake clock drives the flashing; nothing sleeps.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Autostart } from '../../../main/autostart';
import {
  FLASH_INTERVAL_MS,
  createTrayController,
  type TrayControllerOptions,
} from '../../../main/tray-controller';
import type { TrayIconName } from '../../../main/tray-view';
import { createFakeClock } from '../../support/fake-clock';
import { overview, waitingP1 } from './fake-overview';

const NOW = Date.UTC(2026, 2, 2, 12, 0);
const MINUTE = 60_000;

function setup(options: Partial<TrayControllerOptions> = {}) {
  const clock = createFakeClock(NOW);
  const images: TrayIconName[] = [];
  const tooltips: string[] = [];
  const menus: MenuItemConstructorOptions[][] = [];
  let clickListener: (() => void) | null = null;
  const actions = { open: vi.fn(), syncNow: vi.fn(), pauseAlerts: vi.fn(), quit: vi.fn() };
  const log = vi.fn();
  const controller = createTrayController({
    tray: {
      setImage: (icon) => images.push(icon),
      setToolTip: (text) => tooltips.push(text),
      setContextMenu: (template) => menus.push(template),
      on: (_event, listener) => {
        clickListener = listener;
      },
    },
    clock,
    platform: 'linux',
    actions,
    autostart: null,
    timeZone: 'Europe/Amsterdam',
    log,
    ...options,
  });
  const menu = () => menus.at(-1)!;
  const item = (label: string | RegExp) =>
    menu().find((entry) =>
      typeof label === 'string' ? entry.label === label : label.test(entry.label ?? ''),
    );
  const click = (label: string | RegExp) => (item(label)!.click as () => void)();
  return {
    controller,
    clock,
    images,
    tooltips,
    menus,
    actions,
    log,
    menu,
    item,
    click,
    trayClick: () => clickListener?.(),
    hasClickListener: () => clickListener !== null,
  };
}

function fakeAutostart(enabled = false) {
  const state = { enabled, fail: false };
  const autostart: Autostart & { setEnabled: ReturnType<typeof vi.fn> } = {
    isEnabled: () => state.enabled,
    setEnabled: vi.fn((on: boolean) => {
      if (state.fail) throw new Error('EACCES: permission denied');
      state.enabled = on;
    }),
    refresh: () => undefined,
  };
  return { autostart, state };
}

const p1Overview = (fields = {}) =>
  overview({ state: 'p1', p1Waiting: [waitingP1(7)], computedAt: NOW, ...fields });

describe('createTrayController', () => {
  it('starts quiet, named Piket, with its menu, before the first overview', () => {
    const { images, tooltips, menu } = setup();
    expect(images).toEqual(['quiet']);
    expect(tooltips).toEqual(['Piket']);
    expect(menu()[0]?.label).toBe('Starting…');
  });

  it.each(['warning', 'offline', 'error', 'quiet'] as const)('shows the %s icon for that state', (state) => {
    const { controller, images } = setup();
    controller.update(overview({ state: state === 'quiet' ? 'warning' : 'quiet' }));
    controller.update(overview({ state }));
    expect(images.at(-1)).toBe(state);
  });

  it('sets the icon, tooltip and menu again only when they change', () => {
    const { controller, images, tooltips, menus } = setup();
    controller.update(overview({ state: 'warning', breached: 2 }));
    controller.update(overview({ state: 'warning', breached: 2, computedAt: 5 }));
    expect(images).toEqual(['quiet', 'warning']);
    expect(tooltips).toEqual(['Piket', 'Piket — 2 breached']);
    expect(menus).toHaveLength(2);
  });

  it('flashes while a P1 waits, and stops once it is acknowledged', () => {
    const { controller, clock, images } = setup();
    controller.update(p1Overview());
    expect(images.at(-1)).toBe('p1');
    clock.advance(FLASH_INTERVAL_MS);
    expect(images.at(-1)).toBe('p1Dim');
    clock.advance(FLASH_INTERVAL_MS);
    expect(images.at(-1)).toBe('p1');
    clock.advance(FLASH_INTERVAL_MS);
    expect(images.slice(1)).toEqual(['p1', 'p1Dim', 'p1', 'p1Dim']);

    controller.update(overview({ state: 'warning', breached: 1 }));
    expect(images.at(-1)).toBe('warning');
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(10 * FLASH_INTERVAL_MS);
    expect(images.at(-1)).toBe('warning');
  });

  it('keeps flashing at its pace through further overviews', () => {
    const { controller, clock, images } = setup();
    controller.update(p1Overview());
    clock.advance(FLASH_INTERVAL_MS / 2);
    controller.update(p1Overview({ breached: 1 }));
    clock.advance(FLASH_INTERVAL_MS / 2);
    expect(images.slice(1)).toEqual(['p1', 'p1Dim']);
  });

  it('shows a snoozed P1 without flashing, and flashes again when the snooze ends', () => {
    const { controller, clock, images } = setup();
    controller.update(p1Overview({ p1Waiting: [waitingP1(7, { snoozedUntil: NOW + 5 * MINUTE })] }));
    clock.advance(4 * MINUTE);
    expect(images).toEqual(['quiet', 'p1']);
    clock.advance(MINUTE);
    clock.advance(FLASH_INTERVAL_MS);
    expect(images.slice(-2)).toEqual(['p1', 'p1Dim']);
  });

  it('flashes for a second P1 that is not snoozed', () => {
    const { controller, clock, images } = setup();
    controller.update(
      p1Overview({ p1Waiting: [waitingP1(7, { snoozedUntil: NOW + 5 * MINUTE }), waitingP1(8)] }),
    );
    clock.advance(FLASH_INTERVAL_MS);
    expect(images.at(-1)).toBe('p1Dim');
  });

  it('shows the counts in the tooltip and the first menu line', () => {
    const { controller, tooltips, menu } = setup();
    controller.update(p1Overview({ breached: 3 }));
    expect(tooltips.at(-1)).toBe('Piket — 1 P1 waiting · 3 breached');
    expect(menu()[0]?.label).toBe('1 P1 waiting · 3 breached');
  });

  it('runs the menu actions', () => {
    const { click, actions } = setup();
    click('Open Piket');
    click('Sync now');
    click('Pause non-P1 alerts for 1 hour');
    click('Quit Piket');
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.syncNow).toHaveBeenCalledOnce();
    expect(actions.pauseAlerts).toHaveBeenCalledWith(60);
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('logs an action that throws or rejects, and never throws into Electron', async () => {
    const { click, actions, log } = setup();
    actions.syncNow.mockImplementation(() => Promise.reject(new Error('offline')));
    actions.pauseAlerts.mockImplementation(() => {
      throw new Error('read-only');
    });
    expect(() => click('Sync now')).not.toThrow();
    expect(() => click('Pause non-P1 alerts for 1 hour')).not.toThrow();
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('Syncing from the tray failed: offline'));
    expect(log).toHaveBeenCalledWith('Pausing alerts from the tray failed: read-only');
  });

  it('switches the pause item back once the pause is over', () => {
    const { controller, clock, item } = setup();
    controller.update(overview({ alertsPausedUntil: NOW + 60 * MINUTE }));
    expect(item(/^Resume alerts/)).toBeDefined();
    clock.advance(60 * MINUTE);
    expect(item('Pause non-P1 alerts for 1 hour')).toBeDefined();
  });

  it('turns start at login on and off from its checkbox', () => {
    const { autostart } = fakeAutostart(false);
    const { click, item } = setup({ autostart });
    expect(item('Start Piket at login')).toMatchObject({ checked: false });
    click('Start Piket at login');
    expect(autostart.setEnabled).toHaveBeenLastCalledWith(true);
    expect(item('Start Piket at login')).toMatchObject({ checked: true });
    click('Start Piket at login');
    expect(autostart.setEnabled).toHaveBeenLastCalledWith(false);
    expect(item('Start Piket at login')).toMatchObject({ checked: false });
  });

  it('logs a start at login the OS refused, and keeps showing the real state', () => {
    const { autostart, state } = fakeAutostart(false);
    state.fail = true;
    const { click, item, log } = setup({ autostart });
    expect(() => click('Start Piket at login')).not.toThrow();
    expect(log).toHaveBeenCalledWith('Changing start at login failed: EACCES: permission denied');
    expect(item('Start Piket at login')).toMatchObject({ checked: false });
  });

  it('has no start at login item without an autostart', () => {
    expect(setup().item('Start Piket at login')).toBeUndefined();
  });

  it.each(['linux', 'win32'] as const)('opens the window on a click on %s', (platform) => {
    const { trayClick, actions } = setup({ platform });
    trayClick();
    expect(actions.open).toHaveBeenCalledOnce();
  });

  it('leaves a click to the menu on macOS', () => {
    expect(setup({ platform: 'darwin' }).hasClickListener()).toBe(false);
  });

  it('stops its timers when stopped', () => {
    const { controller, clock, images } = setup();
    controller.update(p1Overview({ alertsPausedUntil: NOW + MINUTE }));
    controller.stop();
    expect(clock.pendingTimers()).toBe(0);
    const shown = images.length;
    controller.update(overview({ state: 'warning' }));
    expect(images).toHaveLength(shown);
  });
});
