// The piket://app/ protocol: serves the built renderer (and nothing else) with a strict CSP. No electron import,
// so the whole request → response logic is unit-tested under Node; main/index.ts only registers it.
import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

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

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedAppPath = { ok: true; filePath: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps a piket://app/… URL to a file under `rootDir`, refusing other hosts, encoded separators, NUL bytes,
 * backslashes, dot segments, hidden files and anything that would leave the root.
 */
export function resolveAppPath(rawUrl: string, rootDir: string): ResolvedAppPath {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (!isAppUrl(url.href)) return { ok: false, status: 403 };
  if (/%(2f|5c|00)/i.test(url.pathname)) return { ok: false, status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  if (decoded === '' || decoded.endsWith('/')) decoded += 'index.html';
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return { ok: false, status: 403 };
  if (segments.some((segment) => segment.startsWith('.'))) return { ok: false, status: 404 };
  const root = resolve(rootDir);
  const filePath = join(root, ...segments);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { ok: false, status: 403 };
  return { ok: true, filePath };
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
