// `piket ack|note|reply|status|priority|assign|resolve`, `changes`, `retry`, `discard` and `sync --once` against the
// Zendesk test server (and the demo desk): each action is recorded, sent once and checked on the server; refusals,
// conflicts and an unreachable server give a non-zero exit with the reason, and nothing is lost; the same commands
// work while another Piket owns the data folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeView, TicketSummary } from '../../../src/api';
import { localTime } from '../../../src/cli/format';
import { openPiketService } from '../../../src/core/piket-service';
import { seedZendesk, type SeededAccount } from '../../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../../servers/zendesk/server';
import { ZendeskState, type NewTicket, type TicketRecord } from '../../servers/zendesk/state';
import { runPiket } from '../../support/cli';
import { createFakeClock } from '../../support/fake-clock';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const TOKEN = 'zd-ticket-cli-token-5b7c';
const VARIABLE = 'PIKET_TEST_TICKET_CLI_TOKEN';

/** The one clock of the server and of every CLI run; tests move it forward only. */
let now = Date.UTC(2026, 10, 20, 12);
let server: ZendeskServer;
let account: SeededAccount;

beforeAll(async () => {
  const state = new ZendeskState(() => now);
  account = seedZendesk(state, { tickets: 20, seed: 7, token: TOKEN });
  server = await startZendeskServer({ state, rateLimits: false });
  process.env[VARIABLE] = TOKEN;
});
afterAll(async () => {
  delete process.env[VARIABLE];
  await server.close();
});

/** Moves the shared clock on, so that what the server changed leaves the export's last minute. */
function later(ms = 2 * MINUTE): void {
  now += ms;
}

const cli = (dataDir: string, argv: string[], stdin?: string) =>
  runPiket(['--data-dir', dataDir, ...argv], now, stdin);

/** A fresh ticket on the server, created ten minutes ago by a requester (the seed's tickets are shared). */
function serverTicket(fields: Partial<NewTicket> = {}): TicketRecord {
  return server.state.createTicket(
    {
      subject: 'Exports fail since this morning',
      description: 'Every export ends with an error.',
      requester_id: account.requesters[0]!.id,
      priority: 'normal',
      ...fields,
    },
    { by: account.requesters[0]!.id, at: now - 10 * MINUTE },
  );
}

/** A data folder connected to the test server as `names` (same account each) and synced. */
async function connected(...names: string[]): Promise<string> {
  const dataDir = tempDir();
  later();
  for (const name of names.length > 0 ? names : ['acme']) {
    const args = ['connect', 'zendesk', '--url', server.url, '--email', account.admin.email];
    const added = await cli(dataDir, [...args, '--token-env', VARIABLE, '--name', name]);
    expect(added.stderr).toBe('');
  }
  expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
  return dataDir;
}

async function changesOf(dataDir: string, ref?: string): Promise<Array<ChangeView & { ticket: string }>> {
  const listed = await cli(dataDir, ['changes', '--json', ...(ref ? [ref] : [])]);
  expect(listed.code).toBe(0);
  return JSON.parse(listed.stdout) as Array<ChangeView & { ticket: string }>;
}

const comments = (ticket: TicketRecord) => server.state.commentsOf(ticket.id);

describe('piket actions against Zendesk', () => {
  it.each([
    {
      argv: (id: number) => ['ack', String(id)],
      what: 'acknowledge',
      check: (t: TicketRecord) => expect([t.status, t.assigneeId]).toEqual(['open', account.admin.id]),
    },
    {
      argv: (id: number) => ['note', String(id), 'Checked', 'the', 'logs.'],
      what: 'internal note',
      check: (t: TicketRecord) =>
        expect(
          comments(t)
            .slice(1)
            .map((c) => [c.body, c.public]),
        ).toEqual([['Checked the logs.', false]]),
    },
    {
      argv: (id: number) => ['reply', String(id), 'We are on it.'],
      what: 'public reply',
      check: (t: TicketRecord) =>
        expect(
          comments(t)
            .slice(1)
            .map((c) => [c.body, c.public]),
        ).toEqual([['We are on it.', true]]),
    },
    {
      argv: (id: number) => ['status', String(id), 'waiting'],
      what: 'status → waiting_on_customer',
      check: (t: TicketRecord) => expect(t.status).toBe('pending'),
    },
    {
      argv: (id: number) => ['priority', String(id), 'p2'],
      what: 'priority → P2',
      check: (t: TicketRecord) => expect(t.priority).toBe('high'),
    },
    {
      argv: (id: number) => ['assign', String(id), 'me'],
      what: 'assign to me',
      check: (t: TicketRecord) => expect(t.assigneeId).toBe(account.admin.id),
    },
    {
      argv: (id: number) => ['resolve', String(id)],
      what: 'resolve',
      check: (t: TicketRecord) => expect(t.status).toBe('solved'),
    },
  ])('$what: recorded, sent once, and on the server', async ({ argv, what, check }) => {
    const ticket = serverTicket();
    const dataDir = await connected();
    const audits = server.state.auditsOf(ticket.id).length;
    const acted = await cli(dataDir, argv(ticket.id));
    expect(acted.stderr).toBe('');
    expect(acted.code).toBe(0);
    // The last line; a priority change shows its SLA effect first.
    expect(acted.stdout).toMatch(
      new RegExp(
        `(^|\\n)acme:${ticket.id}: ${what} recorded and sent to Zendesk \\(127\\.0\\.0\\.1:\\d+\\)\\.\\n$`,
      ),
    );
    check(ticket);
    expect(server.state.auditsOf(ticket.id).length).toBe(audits + 1);

    later();
    expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
    expect(server.state.auditsOf(ticket.id).length).toBe(audits + 1);
    expect(await changesOf(dataDir)).toEqual([]);
  });

  it('reads the text of a note from stdin when it is given as "-"', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    const text = 'Line one.\nLine two: the stack trace.\n';
    expect((await cli(dataDir, ['note', String(ticket.id), '-'], text)).code).toBe(0);
    expect(
      comments(ticket)
        .slice(1)
        .map((c) => c.body),
    ).toEqual([text.trim()]);
  });

  it('shows the SLA effect of a priority change in words and local time, and --dry-run changes nothing', async () => {
    const ticket = serverTicket({ priority: 'low' });
    const dataDir = await connected();
    const createdAt = now - 2 * MINUTE - 10 * MINUTE;
    const ref = String(ticket.id);
    const dry = await cli(dataDir, ['priority', ref, 'P1', '--dry-run']);
    expect(dry.code).toBe(0);
    const [head, response] = dry.stdout.split('\n');
    expect(head).toBe(`acme:${ticket.id}: P4 → P1, SLA effect:`);
    // P1: a first response within 30 minutes, around the clock; 12 minutes of them have gone.
    expect(response).toMatch(
      new RegExp(`^  response +due in .+ → +due in 18m00s \\(${localTime(createdAt + 30 * MINUTE)}\\)$`),
    );
    expect(dry.stdout).toMatch(/\n {2}resolution +due in .+ → +due in 3h48m \(/);
    expect(ticket.priority).toBe('low');
    expect(await changesOf(dataDir)).toEqual([]);

    const applied = await cli(dataDir, ['priority', ref, 'P1']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe(
      `${dry.stdout}acme:${ticket.id}: priority → P1 recorded and sent to Zendesk (${new URL(server.url).host}).\n`,
    );
    expect(ticket.priority).toBe('urgent');
  });

  it('says which ticket numbers it does not know, and which are ambiguous between connections', async () => {
    const ticket = serverTicket();
    const dataDir = await connected('acme', 'beta');
    const unknown = await cli(dataDir, ['ack', '999999']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No ticket 999999 in Piket');

    const ambiguous = await cli(dataDir, ['ack', String(ticket.id)]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`write acme:${ticket.id} or beta:${ticket.id}`);
    expect(ticket.assigneeId).toBeNull();

    const chosen = await cli(dataDir, ['ack', `beta:${ticket.id}`]);
    expect(chosen.stdout).toMatch(new RegExp(`^beta:${ticket.id}: acknowledge recorded and sent`));
    expect(ticket.assigneeId).toBe(account.admin.id);
  });

  it('keeps a change made --offline, lists it, marks the ticket pending, and sends it once with sync --once', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    const offline = await cli(dataDir, ['note', `acme:${ticket.id}`, 'Written on the train.', '--offline']);
    expect(offline).toMatchObject({
      code: 0,
      stdout: `acme:${ticket.id}: internal note recorded, not sent (--offline); the next sync sends it.\n`,
    });
    expect(comments(ticket).length).toBe(1);
    const [change] = await changesOf(dataDir, String(ticket.id));
    expect(change).toMatchObject({ ticket: `acme:${ticket.id}`, state: 'pending', action: { kind: 'note' } });
    const listed = await cli(dataDir, ['changes']);
    expect(listed.stdout).toMatch(
      new RegExp(`\\n${change!.seq} +acme:${ticket.id} +internal note +waiting\\n`),
    );
    const pending = async () =>
      (JSON.parse((await cli(dataDir, ['queue', '--json', '--offline'])).stdout) as TicketSummary[]).find(
        (t) => t.source === 'acme' && t.externalId === String(ticket.id),
      )?.hasPending;
    expect(await pending()).toBe(true);

    later();
    expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
    later();
    expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
    expect(comments(ticket).map((c) => c.body)).toEqual([ticket.description, 'Written on the train.']);
    expect(await pending()).toBe(false);
    expect(await changesOf(dataDir)).toEqual([]);
  });

  it('exits 1 with the server’s words when Zendesk refuses a change; sync --once fails until it is discarded', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    server.state.updateTicket(ticket.id, { status: 'closed' }, { by: account.admin.id });
    const refused = await cli(dataDir, ['note', String(ticket.id), 'Too late.']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Status: closed prevents ticket update');
    expect(refused.stderr).toMatch(/"piket retry (\d+)" sends it again; "piket discard \1" drops it\./);
    expect(comments(ticket).length).toBe(1);

    const [change] = await changesOf(dataDir);
    expect(change).toMatchObject({ state: 'rejected', message: expect.stringContaining('closed') });
    const failed = await cli(dataDir, ['sync', '--once']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /(^|\n)piket: sync incomplete:\n {2}Zendesk .*refused or in conflict.*piket changes/,
    );

    const discarded = await cli(dataDir, ['discard', String(change!.seq)]);
    expect(discarded).toMatchObject({
      code: 0,
      stdout: `acme:${ticket.id}: change ${change!.seq} discarded; it will not be sent.\n`,
    });
    expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('exits 1 when Zendesk has no status for the one asked for', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    const refused = await cli(dataDir, ['status', String(ticket.id), 'workaround']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Zendesk has no status for "workaround provided"');
    expect(ticket.status).toBe('new');
  });

  it('keeps a change Zendesk could not be reached for, and sends it once with the next sync', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    // Zendesk makes the change, but its answer never arrives: the next sync must find it, not make it again.
    server.faults.inject(
      { method: 'PUT', path: `/api/v2/tickets/${ticket.id}` },
      { kind: 'drop', after: true },
    );
    const lost = await cli(dataDir, ['reply', String(ticket.id), 'Looking into it.']);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toMatch(
      new RegExp(
        `(^|\\n)piket: acme:${ticket.id}: public reply recorded, not sent: .+\\nIt is kept, and the next sync sends it\\.\\n$`,
      ),
    );
    expect((await changesOf(dataDir))[0]).toMatchObject({ state: 'unknown' });

    later(10 * MINUTE);
    expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
    expect(comments(ticket).map((c) => c.body)).toEqual([ticket.description, 'Looking into it.']);
  });

  it('sync --once exits 1 while a change waits for its turn, and 0 once it is sent', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    server.faults.inject(
      { method: 'PUT', path: `/api/v2/tickets/${ticket.id}` },
      {
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': '600' },
        body: { error: 'APIRateLimitExceeded' },
      },
    );
    const limited = await cli(dataDir, ['note', String(ticket.id), 'Patience.']);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toContain('It is kept, and the next sync sends it.');

    // Everything pulls, but the note may not be sent for another ten minutes: not every change was answered.
    const waiting = await cli(dataDir, ['sync', '--once']);
    expect(waiting.code).toBe(1);
    expect(waiting.stderr).toMatch(
      / {2}Zendesk \(127\.0\.0\.1:\d+\): 1 change not sent yet, kept for the next sync\n$/,
    );
    expect(comments(ticket).length).toBe(1);

    later(11 * MINUTE);
    expect(await cli(dataDir, ['sync', '--once'])).toMatchObject({ code: 0, stderr: '' });
    expect(comments(ticket).map((c) => c.body)).toEqual([ticket.description, 'Patience.']);
  });

  it('sync --once exits 1 and says why when a connection cannot pull', async () => {
    const dataDir = await connected();
    server.faults.inject({ path: /^\/api\/v2\/incremental\// }, { kind: 'status', status: 500 });
    const failed = await cli(dataDir, ['sync', '--once']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /(^|\n)piket: sync incomplete:\n {2}Zendesk \(127\.0\.0\.1:\d+\): .+HTTP 500.+\n$/,
    );
    expect(failed.stdout).toBe('');
    later();
    const synced = await cli(dataDir, ['sync']);
    expect(synced).toMatchObject({ code: 0, stderr: '' });
    expect(synced.stdout).toMatch(/^Synced Demo desk, Zendesk \(127\.0\.0\.1:\d+\)\.\n$/);
  });

  it('reports a conflict with the colleague’s newer change, and retry sends it knowingly', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    expect((await cli(dataDir, ['priority', String(ticket.id), 'P1', '--offline'])).code).toBe(0);
    later();
    server.state.updateTicket(ticket.id, { priority: 'low' }, { by: account.agent.id });
    const sync = await cli(dataDir, ['sync', '--once']);
    expect(sync.code).toBe(1);
    const [change] = await changesOf(dataDir);
    expect(change).toMatchObject({
      state: 'conflict',
      message: expect.stringContaining('priority is now P4'),
    });
    expect(ticket.priority).toBe('low');

    later();
    const retried = await cli(dataDir, ['retry', String(change!.seq)]);
    expect(retried.stderr).toBe('');
    expect(retried.stdout).toBe(
      `acme:${ticket.id}: change ${change!.seq} (priority → P1) recorded and sent to Zendesk (${new URL(server.url).host}).\n`,
    );
    expect(ticket.priority).toBe('urgent');
  });

  it('hands actions to the Piket that owns the folder, which sends them at once', async () => {
    const ticket = serverTicket();
    const dataDir = await connected();
    const owner = openPiketService({
      dataDir,
      version: 'test',
      role: 'web',
      clock: createFakeClock(now),
      env: { [VARIABLE]: TOKEN },
      syncIntervalMs: 24 * 60 * MINUTE,
    });
    try {
      await owner.start();
      const noted = await cli(dataDir, ['note', String(ticket.id), 'From the terminal.']);
      expect(noted.stderr).toBe('');
      expect(noted.stdout).toMatch(new RegExp(`^acme:${ticket.id}: internal note recorded and sent`));
      expect(comments(ticket).map((c) => c.body)).toEqual([ticket.description, 'From the terminal.']);

      const status = await cli(dataDir, ['status', `acme:${ticket.id}`, 'pending']);
      expect(status.code).toBe(0);
      expect(ticket.status).toBe('pending');
      const { id } = await owner.handlers.findTicket({ ref: `acme:${ticket.id}` });
      expect((await owner.handlers.getTicket({ id })).status).toBe('waiting_on_customer');
    } finally {
      owner.close();
    }
  });
});

describe('piket actions on the demo desk', () => {
  it('records and sends an action, which the queue then shows', async () => {
    const dataDir = tempDir();
    const queue = JSON.parse((await cli(dataDir, ['queue', '--json'])).stdout) as TicketSummary[];
    const target = queue.find((t) => t.status !== 'waiting_on_customer')!;
    const acted = await cli(dataDir, ['status', target.externalId, 'waiting']);
    expect(acted).toMatchObject({
      code: 0,
      stdout: `demo:${target.externalId}: status → waiting_on_customer recorded and sent to Demo desk.\n`,
    });
    const after = JSON.parse(
      (await cli(dataDir, ['queue', '--json', '--offline'])).stdout,
    ) as TicketSummary[];
    expect(after.find((t) => t.id === target.id)?.status).toBe('waiting_on_customer');
  });
});

describe('piket action usage', () => {
  it.each([
    [['ack'], 'ack takes the ticket: the number its ticket system shows, or CONNECTION:NUMBER'],
    [['ack', '12', 'extra'], 'unexpected argument "extra"'],
    [['note', '12'], 'note takes the ticket and the text (or "-" to read it from stdin)'],
    [
      ['status', '12', 'someday'],
      'status takes the ticket and one of: new, acknowledged, in_progress (open)',
    ],
    [['status', '12'], 'no status given'],
    [['priority', '12', 'P7'], 'priority takes the ticket and P1, P2, P3 or P4; not "P7"'],
    [['assign', '12', 'bob'], 'assign takes the ticket and "me"'],
    [['ack', '12', '--dry-run'], '--dry-run goes with priority only'],
    [['queue', '--once'], '--once goes with sync only'],
    [['retry', 'x'], 'retry takes the number of a change'],
    [['discard'], 'discard takes the number of a change'],
  ])('refuses %j with a usage message and exit code 2', async (argv, message) => {
    const { code, stdout, stderr } = await cli(tempDir(), argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
