// Shared by the rotation tests of the core and the CLI: the real-world feeds of test/fixtures/ics, a schedule made
// in Piket that crosses the March DST change in Amsterdam, and a loopback HTTP server whose answer the test sets.
import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Schedule } from '../../src/rotation/model';

const FIXTURES = fileURLToPath(new URL('../fixtures/ics/', import.meta.url));

/** The absolute path of the fixture feed whose name starts with `prefix` ("07"). */
export function fixturePath(prefix: string): string {
  const name = readdirSync(FIXTURES).find((n) => n.startsWith(prefix) && n.endsWith('.ics'));
  if (!name) throw new Error(`no fixture ${prefix}`);
  return `${FIXTURES}${name}`;
}

export const FIXTURE_PREFIXES = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.ics'))
  .map((name) => name.slice(0, 2))
  .sort();

export const at = (iso: string): number => {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) throw new Error(`not an instant: ${iso}`);
  return instant;
};

/**
 * Support NL, Europe/Amsterdam: a weekly Primary layer handing off Mondays 09:00 (Jane, then Sam) from 23 March
 * 2026, a Nights layer 18:00–08:00 handing off daily at 18:00 (Noor, then Jane), which wins at night, and one
 * override of the whole schedule (Kim, 31 March 10:00–14:00). The clocks go forward on Sunday 29 March.
 */
export const SUPPORT_NL: Schedule = {
  id: 'support-nl',
  name: 'Support NL',
  timeZone: 'Europe/Amsterdam',
  layers: [
    {
      id: 'primary',
      name: 'Primary',
      members: [
        { name: 'Jane Doe', email: 'jane@example.com', phone: '+31 6 1234 5678' },
        { name: 'Sam Smit', email: 'sam@example.com' },
      ],
      rotation: { every: 1, unit: 'weeks' },
      handoff: '09:00',
      start: '2026-03-23T09:00',
    },
    {
      id: 'nights',
      name: 'Nights',
      members: [
        { name: 'Noor Bakker', email: 'noor@example.com' },
        { name: 'Jane Doe', email: 'jane@example.com' },
      ],
      rotation: { every: 1, unit: 'days' },
      handoff: '18:00',
      start: '2026-03-23T18:00',
      restrictions: [{ kind: 'daily', from: '18:00', to: '08:00' }],
    },
  ],
  overrides: [
    {
      id: 'kim-covers',
      start: at('2026-03-31T08:00:00Z'),
      end: at('2026-03-31T12:00:00Z'),
      member: { name: 'Kim de Wit', email: 'kim@example.com' },
    },
  ],
};

export interface FeedServer {
  url: string;
  /** What the next requests get: a status and a body. */
  answer: { status: number; body: string; contentType?: string };
  requests: number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that answers every request with `answer`. */
export async function startFeedServer(body: string): Promise<FeedServer> {
  const feed: FeedServer = {
    url: '',
    answer: { status: 200, body, contentType: 'text/calendar; charset=utf-8' },
    requests: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    feed.requests++;
    res.writeHead(feed.answer.status, {
      'content-type': feed.answer.contentType ?? 'text/plain',
      connection: 'close',
    });
    res.end(feed.answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oncall.ics`;
  return feed;
}
