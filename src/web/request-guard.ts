// Decides whether a request to the web host may proceed: loopback Host, same Origin, and the per-launch token.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Cookies are shared across ports of one host, so the name carries the port: two Piket instances never clash. */
export function tokenCookieName(port: number): string {
  return `piket_token_${port}`;
}

export type GuardVerdict =
  { allow: true; via: 'cookie' | 'query' } | { allow: false; status: 401 | 403 | 421; reason: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieToken(header: string | undefined, port: number): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookieName(port)) return rest.join('=');
  }
  return null;
}

/**
 * Checks one request. `requireOrigin` is set for WebSocket upgrades, which browsers always send with an
 * Origin: a missing one means a non-browser client that did not come from our page.
 */
export function checkRequest(
  request: Pick<IncomingMessage, 'headers' | 'url'>,
  port: number,
  token: string,
  requireOrigin: boolean,
): GuardVerdict {
  const host = request.headers.host ?? '';
  if (!allowedHosts(port).includes(host)) {
    return { allow: false, status: 421, reason: `Host "${host.slice(0, 100)}" is not this Piket.` };
  }
  const origin = request.headers.origin;
  if (origin !== undefined ? !allowedOrigins(port).includes(origin) : requireOrigin) {
    return { allow: false, status: 403, reason: 'Requests from other sites are refused.' };
  }
  const fromCookie = cookieToken(request.headers.cookie, port);
  if (fromCookie !== null && sameSecret(fromCookie, token)) return { allow: true, via: 'cookie' };
  const fromQuery = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
  if (fromQuery !== null && sameSecret(fromQuery, token)) return { allow: true, via: 'query' };
  return {
    allow: false,
    status: 401,
    reason: 'Piket needs its access token: open the link that `npm run web` printed when it started.',
  };
}
