// Serves the built renderer from one folder: GET/HEAD only, no path escapes, proper types and security headers.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mimeTypeFor, resolveRendererPath } from '../platform/renderer-files';

export function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const resolved = resolveRendererPath(new URL(request.url ?? '/', 'http://localhost').pathname, root);
  if (!resolved.ok) {
    response.writeHead(resolved.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const file = resolved.filePath;
  let size: number;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const type = mimeTypeFor(file);
  response.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(size),
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (request.method === 'HEAD') response.end();
  else
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
}
