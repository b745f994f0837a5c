// Window and session hardening: navigation, new windows, webviews, permissions, external links.
// Only `import type` from electron, so the decisions and the wiring are unit-tested with fakes under Node.
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

const EXTERNAL_PROTOCOLS = new Set(['https:', 'tel:', 'mailto:']);
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * Parses a URL the renderer wants opened outside the app. Returns the normalized href for https: (with a host,
 * no credentials), tel: (a phone number) and mailto: (an address) URLs, and null for everything else.
 */
export function parseSafeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.username !== '' || url.password !== '') return null;
  switch (url.protocol) {
    case 'https:':
      if (url.hostname === '') return null;
      break;
    case 'tel:': {
      let number: string;
      try {
        number = decodeURIComponent(url.pathname);
      } catch {
        return null;
      }
      if (!/^\+?[0-9][0-9 ().-]{1,30}$/.test(number)) return null;
      break;
    }
    case 'mailto:': {
      let to: string;
      try {
        to = decodeURIComponent(url.pathname);
      } catch {
        return null;
      }
      if (!/^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+$/.test(to)) return null;
      break;
    }
  }
  return url.href;
}

export function isSafeExternalUrl(raw: unknown): boolean {
  return parseSafeExternalUrl(raw) !== null;
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternal: string | null };

/** In-app navigation (piket://app/…) is allowed; anything else is denied, and a safe link is handed to the OS. */
export function decideNavigation(url: unknown): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  return { action: 'deny', openExternal: parseSafeExternalUrl(url) };
}

/** New windows are never created; a safe link is handed to the OS instead. */
export function decideWindowOpen(url: unknown): { action: 'deny'; openExternal: string | null } {
  return { action: 'deny', openExternal: parseSafeExternalUrl(url) };
}

export interface HardeningOptions {
  /** shell.openExternal */
  openExternal: (url: string) => Promise<void>;
  log?: (line: string) => void;
}

function describeUrl(url: unknown): string {
  return String(url).slice(0, 200);
}

/** Applies the guards to one WebContents (called for every one from app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const log = options.log ?? (() => undefined);
  const openExternal = (url: string): void => {
    options.openExternal(url).catch((error: unknown) => {
      log(
        `Could not open ${describeUrl(url)} externally: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  const guardNavigation = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideNavigation(url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.openExternal) openExternal(decision.openExternal);
    else log(`Blocked navigation to ${describeUrl(url)}`);
  };

  // Every frame, main or sub, may only navigate within piket://app; redirects likewise.
  contents.on('will-frame-navigate', (details) => guardNavigation(details, details.url));
  contents.on('will-redirect', (details) => {
    if (!isAppUrl(details.url)) {
      details.preventDefault();
      log(`Blocked redirect to ${describeUrl(details.url)}`);
    }
  });
  contents.setWindowOpenHandler((details) => {
    const decision = decideWindowOpen(details.url);
    if (decision.openExternal) openExternal(decision.openExternal);
    else log(`Blocked window.open of ${describeUrl(details.url)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>');
  });
}

/** The UI needs no browser permission (notifications come from main): refuse every request and check. */
export function denyAllPermissions(session: Session, log: (line: string) => void = () => undefined): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`Denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
