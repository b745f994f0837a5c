// The browser host: serves the renderer and bridges the API over a WebSocket, on 127.0.0.1 only, behind a token.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { fail } from '../api/result';
import { clientMessageSchema } from '../api/schemas';
import { WS_PATH, type ServerMessage } from '../api/wire';
import type { PiketService } from '../core/piket-service';
import { rendererCsp } from '../platform/csp';
import { checkRequest, tokenCookieName } from './request-guard';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  service: PiketService;
  /** Folder of the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? (() => undefined);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = options.port;

  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': rendererCsp({
      connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
    }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });

  const handleRequest = (request: IncomingMessage, response: ServerResponse): void => {
    const verdict = checkRequest(request, port, token, false);
    if (!verdict.allow) {
      response.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(verdict.reason);
      return;
    }
    if (verdict.via === 'query') {
      const url = new URL(request.url ?? '/', 'http://localhost');
      url.searchParams.delete('token');
      response
        .writeHead(303, {
          'Set-Cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
          'Cache-Control': 'no-store',
        })
        .end();
      return;
    }
    try {
      serveStatic(options.staticDir, request, response, securityHeaders());
    } catch {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
    }
  };

  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const verdict = checkRequest(request, port, token, true);
    if (path !== WS_PATH || !verdict.allow || verdict.via !== 'cookie') {
      const status = path !== WS_PATH ? 404 : verdict.allow ? 401 : verdict.status;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  };

  const serveSocket = (ws: WebSocket): void => {
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribers = EVENT_NAMES.map((event) =>
      options.service.on(event, (payload) => send({ type: 'event', event, payload } as ServerMessage)),
    );
    ws.on('close', () => unsubscribers.forEach((unsubscribe) => unsubscribe()));
    // A bad frame (too large, invalid UTF-8) closes this socket; it must never take the host down.
    ws.on('error', (error) => log(`WebSocket closed after a bad frame: ${error.message}`));
    ws.on('message', (data, isBinary) => {
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        parsed = undefined;
      }
      const message = clientMessageSchema.safeParse(parsed);
      if (!message.success) {
        const id = (parsed as { id?: unknown } | undefined)?.id;
        if (typeof id === 'number') {
          send({ type: 'result', id, result: fail('invalid_argument', 'Malformed call message.') });
        }
        return;
      }
      const { id, method, args } = message.data;
      void dispatch(options.service.handlers, method, args, (error) =>
        log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      ).then((result) => send({ type: 'result', id, result }));
    });
  };

  const server = createServer(handleRequest);
  server.on('upgrade', handleUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
