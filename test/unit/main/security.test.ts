// Navigation, new windows, webviews, permissions and external links, decided without electron.
import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  denyAllPermissions,
  hardenWebContents,
  isSafeExternalUrl,
  parseSafeExternalUrl,
} from '../../../main/security';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://example.com/ticket/42',
    'https://support.zendesk.com/agent/tickets/1?x=1#y',
    'tel:+31201234567',
    'tel:+31%2020%20123%204567',
    'tel:020-123-4567',
    'mailto:oncall@example.com',
    'mailto:oncall@example.com?subject=P1',
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://host/share',
    'ms-msdt:/id PCWDiagnostic',
    'piket://app/index.html',
    'about:blank',
    'https://user:pass@example.com/',
    'https://',
    'tel:',
    'tel:call-me-maybe',
    'tel:+31;phone-context=evil',
    'mailto:',
    'mailto:not-an-address',
    'mailto:a@b.c,evil@x.y',
    'example.com',
    '/relative/path',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://example.com' })).toBe(false);
  });

  it('returns the parsed, normalized URL (not the raw string)', () => {
    expect(parseSafeExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
  });
});

describe('decideNavigation / decideWindowOpen', () => {
  it('allows in-app navigation', () => {
    expect(decideNavigation('piket://app/index.html#/queue')).toEqual({ action: 'allow' });
  });
  it('denies leaving the app, handing safe links to the OS', () => {
    expect(decideNavigation('https://example.com/')).toEqual({
      action: 'deny',
      openExternal: 'https://example.com/',
    });
    expect(decideNavigation('file:///etc/passwd')).toEqual({ action: 'deny', openExternal: null });
    expect(decideNavigation('piket://evil/')).toEqual({ action: 'deny', openExternal: null });
  });
  it('never opens a window, not even for the app itself', () => {
    expect(decideWindowOpen('piket://app/index.html')).toEqual({ action: 'deny', openExternal: null });
    expect(decideWindowOpen('tel:+31201234567')).toEqual({
      action: 'deny',
      openExternal: 'tel:+31201234567',
    });
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function navigationEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() };
}

function harden(openExternal = vi.fn(() => Promise.resolve())) {
  const contents = new FakeContents();
  const log = vi.fn();
  hardenWebContents(contents as unknown as WebContents, { openExternal, log });
  return { contents, openExternal, log };
}

describe('hardenWebContents', () => {
  it('lets in-app navigation through', () => {
    const { contents, openExternal } = harden();
    const event = navigationEvent('piket://app/index.html');
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation away and opens a safe link externally', () => {
    const { contents, openExternal } = harden();
    const event = navigationEvent('https://example.com/t/1');
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(openExternal).toHaveBeenCalledWith('https://example.com/t/1');
  });

  it('blocks an unsafe navigation without opening anything', () => {
    const { contents, openExternal, log } = harden();
    const event = navigationEvent('file:///etc/passwd');
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Blocked navigation'));
  });

  it('blocks redirects away from the app', () => {
    const { contents } = harden();
    const away = navigationEvent('https://evil.example/');
    const inside = navigationEvent('piket://app/x.html');
    contents.emit('will-redirect', away);
    contents.emit('will-redirect', inside);
    expect(away.preventDefault).toHaveBeenCalledOnce();
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every window.open and hands only safe URLs to the OS', () => {
    const { contents, openExternal } = harden();
    expect(contents.openHandler?.({ url: 'mailto:tam@example.com' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'piket://app/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('mailto:tam@example.com');
  });

  it('treats a middle-click or Shift-click on a link like window.open: no window, a safe link goes to the OS', () => {
    const { contents, openExternal } = harden();
    for (const disposition of ['background-tab', 'foreground-tab', 'new-window']) {
      expect(
        contents.openHandler?.({ url: 'https://example.com/t/2', disposition } as { url: string }),
      ).toEqual({
        action: 'deny',
      });
    }
    expect(openExternal).toHaveBeenCalledTimes(3);
  });

  it('blocks a subframe (an iframe) navigating away as it blocks the page', () => {
    const { contents, openExternal } = harden();
    const event = { ...navigationEvent('file:///etc/passwd'), isMainFrame: false };
    contents.emit('will-frame-navigate', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('logs, and does not throw, when the OS cannot open a link', async () => {
    const { contents, log } = harden(vi.fn(() => Promise.reject(new Error('no handler for tel:'))));
    contents.openHandler?.({ url: 'tel:+31201234567' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no handler for tel:')));
  });

  it('refuses to attach webviews', () => {
    const { contents } = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });
});

describe('denyAllPermissions', () => {
  it('denies requests, checks and devices', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: unknown[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...args: unknown[]) => unknown) => (handlers.device = h),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check?.({}, permission, 'piket://app', {})).toBe(false);
    }
    expect(handlers.device?.({ deviceType: 'usb' })).toBe(false);
  });
});
