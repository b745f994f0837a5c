// The owner's side of the control socket: other Piket processes on this computer (the CLI while the app runs)
// send API calls as JSON lines with the owner's token; each is validated and run through the same `dispatch`
// as calls from the UI, so the owner stays the one writer and its UI sees the change at once.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { PiketHandlers } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { fail, type Result } from '../api/result';
import type { ControlEndpoint } from '../platform/instance-lock';
import { controlCallSchema, MAX_CONTROL_LINE } from './endpoint';

export interface ControlServer {
  endpoint: ControlEndpoint;
  /** Stops listening and drops every open connection at once. */
  close(): void;
}

export interface ControlServerOptions {
  path: string;
  handlers: PiketHandlers;
  log: (line: string) => void;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function answer(
  line: string,
  token: string,
  handlers: PiketHandlers,
  log: ControlServerOptions['log'],
) {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { id: null, result: fail('invalid_argument', 'A control call must be one JSON object per line.') };
  }
  const call = controlCallSchema.safeParse(json);
  if (!call.success) return { id: null, result: fail('invalid_argument', 'Malformed control call.') };
  const { id, method, args } = call.data;
  if (!sameToken(call.data.token, token)) return { id, result: fail('unavailable', 'Wrong control token.') };
  const result: Result<unknown> = await dispatch(handlers, method, args, (error) =>
    log(
      `A control call to ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    ),
  );
  return { id, result };
}

function serve(socket: Socket, token: string, options: ControlServerOptions): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_CONTROL_LINE && !buffered.includes('\n')) {
      socket.destroy();
      return;
    }
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      void answer(line, token, options.handlers, options.log).then((reply) => {
        if (!socket.destroyed) socket.write(JSON.stringify(reply) + '\n');
      });
    }
  });
}

/** Listens on `path` (a stale socket left by a crashed owner is replaced: only the owner calls this). */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const token = randomBytes(32).toString('hex');
  const isPipe = options.path.startsWith('\\\\');
  if (!isPipe) rmSync(options.path, { force: true });
  const open = new Set<Socket>();
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serve(socket, token, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (!isPipe) chmodSync(options.path, 0o600);
  server.on('error', (error) => options.log(`control socket: ${error.message}`));
  return {
    endpoint: { path: options.path, token },
    close: () => {
      server.close();
      for (const socket of open) socket.destroy();
      if (!isPipe) rmSync(options.path, { force: true });
    },
  };
}
