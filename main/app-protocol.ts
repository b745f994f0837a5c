// The piket://app/ protocol: serves the built renderer (and nothing else) with a strict CSP. No electron import,
// so the whole request → response logic is unit-tested under Node; main/index.ts only registers it.
import { readFile as fsReadFile } from 'node:fs/promises';
import { mimeTypeFor, resolveRendererPath, type ResolvedRendererPath } from '../src/platform/renderer-files';

export const APP_SCHEME = 'piket';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of our own UI: scheme piket:, host app, no credentials or port. */
export function isAppUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > 4096) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

export type ResolvedAppPath = ResolvedRendererPath;

/** Maps a piket://app/… URL to a file of the built renderer; other hosts and schemes are refused. */
export function resolveAppPath(rawUrl: string, rootDir: string): ResolvedAppPath {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!isAppUrl(url.href)) return { ok: false, status: 403 };
  return resolveRendererPath(url.pathname, rootDir);
}

export interface AppProtocolOptions {
  /** Absolute path of the built renderer (out/renderer). */
  rootDir: string;
  /** The Content-Security-Policy header value sent with every response. */
  csp: string;
  /** Injected for tests; defaults to fs.promises.readFile (asar-aware inside Electron). */
  readFile?: (filePath: string) => Promise<Uint8Array>;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

/** Builds the protocol.handle callback: a Fetch-API Request in, a Response out. Never throws. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((filePath: string) => fsReadFile(filePath));
  const baseHeaders = {
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  const errorResponse = (status: number): Response =>
    new Response(STATUS_TEXT[status] ?? 'Error', {
      status,
      headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405);
    const resolved = resolveAppPath(request.url, options.rootDir);
    if (!resolved.ok) return errorResponse(resolved.status);
    let body: Uint8Array;
    try {
      body = await read(resolved.filePath);
    } catch {
      return errorResponse(404);
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...baseHeaders, 'Content-Type': mimeTypeFor(resolved.filePath) },
    });
  };
}
