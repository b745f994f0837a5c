// `piket connect`, `connections`, `sync` and `disconnect` against the Zendesk test server, run alone and while
// another Piket owns the data folder (then the owner does the work and reads the token from its own environment).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionView, TicketSummary } from '../../../src/api';
import { openPiketService } from '../../../src/core/piket-service';
import { seedZendesk } from '../../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../../servers/zendesk/server';
import { ZendeskState } from '../../servers/zendesk/state';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';
import { runPiket } from '../../support/cli';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 10, 20, 12);
const TOKEN = 'zd-cli-token-93e1';
const VARIABLE = 'PIKET_TEST_ZENDESK_TOKEN';

let server: ZendeskServer;
let admin: string;

beforeAll(async () => {
  const state = new ZendeskState(() => NOW);
  admin = seedZendesk(state, { tickets: 25, seed: 11, token: TOKEN }).admin.email!;
  server = await startZendeskServer({ state, rateLimits: false });
});
afterAll(() => server.close());
afterEach(() => {
  delete process.env[VARIABLE];
});

const cli = (argv: string[]) => runPiket(argv, NOW);

const connectArgs = (dataDir: string, variable = VARIABLE) => [
  '--data-dir',
  dataDir,
  'connect',
  'zendesk',
  '--url',
  server.url,
  '--email',
  admin,
  '--token-env',
  variable,
  '--name',
  'acme',
];

describe('piket connect, connections, disconnect', () => {
  it('connects, syncs the tickets into the queue, lists and disconnects', async () => {
    process.env[VARIABLE] = TOKEN;
    const dataDir = tempDir();
    const connected = await cli(connectArgs(dataDir));
    expect(connected.stderr).toBe('');
    expect(connected.code).toBe(0);
    expect(connected.stdout).toMatch(
      /^Added acme: Zendesk \(127\.0\.0\.1:\d+\)\.\nConnected as .+ \(admin\)\.\n$/,
    );

    expect((await cli(['--data-dir', dataDir, 'sync'])).code).toBe(0);
    const queue = JSON.parse(
      (await cli(['--data-dir', dataDir, 'queue', '--json', '--all', '--offline'])).stdout,
    );
    expect((queue as TicketSummary[]).filter((ticket) => ticket.source === 'acme').length).toBe(25);

    const listed = await cli(['--data-dir', dataDir, 'connections', '--json']);
    const [view] = JSON.parse(listed.stdout) as ConnectionView[];
    expect(view).toMatchObject({
      id: 'acme',
      email: admin,
      secret: { store: 'env', name: VARIABLE },
      tickets: 25,
    });
    expect(listed.stdout).not.toContain(TOKEN);

    const removed = await cli(['--data-dir', dataDir, 'disconnect', 'acme']);
    expect(removed).toMatchObject({
      code: 0,
      stdout: 'Removed acme and its 25 tickets. 0 connection(s) left.\n',
    });
  });

  it('says what is wrong with a token it cannot read, and keeps nothing', async () => {
    const dataDir = tempDir();
    const { code, stderr } = await cli(connectArgs(dataDir));
    expect(code).toBe(2);
    expect(stderr).toContain(`The environment variable ${VARIABLE} is not set`);
    expect((await cli(['--data-dir', dataDir, 'connections'])).stdout).toMatch(/^No connections\./);
  });

  it.each([
    [['connect'], 'connect takes the kind of ticket system: zendesk'],
    [['connect', 'zendesk', '--email', 'a@b.example', '--token-env', 'X'], 'connect needs --url'],
    [
      ['connect', 'zendesk', '--url', 'acme', '--email', 'a@b.example'],
      '--token-env VAR or as --token-file FILE',
    ],
    [['disconnect'], 'disconnect takes the name of the connection'],
    [['disconnect', 'acme', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j with a usage message', async (argv, message) => {
    const { code, stderr } = await cli(['--data-dir', tempDir(), ...argv]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('hands the connection to the Piket that owns the folder, which reads the token from its own environment', async () => {
    const dataDir = tempDir();
    const owner = openPiketService({
      dataDir,
      version: 'test',
      role: 'web',
      clock: createFakeClock(NOW),
      env: { OWNER_TOKEN: TOKEN },
      syncIntervalMs: 24 * 60 * 60_000,
    });
    try {
      await owner.start();
      const connected = await cli(connectArgs(dataDir, 'OWNER_TOKEN'));
      expect(connected.stderr).toBe('');
      expect(connected.code).toBe(0);
      expect((await owner.handlers.listConnections({})).map((view) => view.id)).toEqual(['acme']);
    } finally {
      owner.close();
    }
  });
});
