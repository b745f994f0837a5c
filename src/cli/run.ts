// The `piket` command line: parses flags, runs a command against the same API the UI uses, prints the outcome.
import type { ContractsView, MethodResults, TicketSummary } from '../api';
import type { QueueQuery } from '../api/schemas';
import type { Clock } from '../domain/clock';
import { agoSpan, compactSpan, secondsSince, secondsUntil, type SpanWords } from '../domain/span';
import { PRIORITIES, type Priority } from '../domain/ticket';
import { QUEUE_SORTS, type QueueSort } from '../api/queue-order';
import { openPiketService, StartupError } from '../core/piket-service';
import { parseCommandLine, UsageError } from '../platform/command-line';
import { defaultDataDir } from '../platform/paths';
import { createSystemClock } from '../platform/system-clock';
import { PIKET_VERSION } from '../platform/version';
import { connect, disconnect, listConnections } from './connection-commands';
import { call, type CliIo, type Session } from './session';

export type { CliIo } from './session';

const USAGE = `Usage: piket [--data-dir <dir>] <command> [options]

Commands:
  queue            the ticket queue, most urgent first
    --json           print it as JSON
    --needs-me       only what needs me now: P1 and P2 tickets and whatever falls
                     due in the next 12 hours, mine or unassigned first
    --all            include resolved and closed tickets
    --mine           only tickets assigned to me
    --priority <p>   only these priorities, e.g. P1 or P1,P2
    --sort <order>   urgency (the default: priority, then deadline), deadline
                     (breached first), updated (last update first) or age
    --offline        do not sync before listing
  contracts        the contracts file: where it is, whether it is valid, which
                   customer gets which SLA policy (exit code 1 when invalid)
    --json           print it as JSON
  sync             sync now (exit code 1 when a source failed)
  connect zendesk  connect a Zendesk; the token stays where you keep it
    --url <url>      https://acme.zendesk.com (or just acme)
    --email <email>  the login the API token belongs to
    --token-env <v>  the environment variable that holds the token, or
    --token-file <f> a file only you can read (chmod 600) that holds it
    --name <name>    what to call it (default: the subdomain)
  connections      the connected ticket systems
    --json           print them as JSON
  disconnect <name>  remove a connection and its tickets
    --discard-pending <n>  confirm losing n changes not sent yet

While the desktop app or browser mode runs with the same data folder, commands
that change something (sync, connect, disconnect) are carried out by that Piket, and its window shows
the result at once; everything else reads the data folder directly.

Options:
  --data-dir <dir>   where Piket keeps its data (default: ${defaultDataDir()})
  -h, --help         show this help
  -v, --version      show the version
`;

const PAGE_SIZE = 1000;
const COMMANDS = ['queue', 'contracts', 'sync', 'connect', 'connections', 'disconnect'] as const;
/** Commands that take one positional argument. */
const WITH_ARGUMENT: readonly string[] = ['connect', 'disconnect'];

function parsePriorities(value: string | undefined): Priority[] | undefined {
  if (value === undefined) return undefined;
  const wanted = value.split(',').map((part) => part.trim().toUpperCase());
  const unknown = wanted.filter((part) => !(PRIORITIES as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw new UsageError(`--priority takes P1, P2, P3 or P4 (comma-separated), not "${unknown.join(',')}".`);
  }
  return wanted as Priority[];
}

function parseSort(value: string | undefined): QueueSort | undefined {
  if (value === undefined) return undefined;
  const sort = QUEUE_SORTS.find((known) => known === value.trim().toLowerCase());
  if (sort === undefined) throw new UsageError(`--sort takes ${QUEUE_SORTS.join(', ')}, not "${value}".`);
  return sort;
}

async function readQueue(session: Session, query: Partial<QueueQuery>): Promise<TicketSummary[]> {
  const tickets: TicketSummary[] = [];
  let after: string | null = null;
  do {
    const page: MethodResults['listQueue'] = await call(session, 'listQueue', {
      ...query,
      limit: PAGE_SIZE,
      ...(after !== null && { after }),
    });
    tickets.push(...page.tickets);
    after = page.nextCursor;
  } while (after !== null);
  return tickets;
}

function formatContracts(view: ContractsView): string {
  const lines = [`Contracts file: ${view.file}`];
  lines.push(view.error ? `Problem: ${view.error}\n(Piket keeps using the last valid contracts.)` : 'Valid.');
  for (const customer of view.customers) lines.push(`  ${customer.customerName}: ${customer.policy}`);
  return lines.join('\n') + '\n';
}

/** The CLI's compact span units: "45s", "4m05s", "1h05m", "2d3h". */
const cliSpanWords: SpanWords = (units, { d, h, m, s }) =>
  units.replace(/[dhms]/g, (unit) => `${{ d, h, m, s }[unit as 'd' | 'h' | 'm' | 's']}${unit}`);

/** The nearest live deadline as "in 1h05m" or "breached 12m ago", for the table. */
function formatDue(ticket: TicketSummary, now: number): string {
  if (ticket.slaError !== null) return 'SLA unavailable';
  const due = ticket.sla?.nextDueAt;
  if (due === null || due === undefined) return '';
  return due > now
    ? `in ${compactSpan(secondsUntil(due, now), cliSpanWords)}`
    : `breached ${agoSpan(secondsSince(due, now), cliSpanWords)} ago`;
}

function formatTable(tickets: TicketSummary[], now: number): string {
  if (tickets.length === 0) return 'The queue is empty.\n';
  const rows = tickets.map((t) => [
    t.priority,
    t.externalId,
    formatDue(t, now),
    t.status.replaceAll('_', ' '),
    t.customerName,
    t.subject,
  ]);
  const last = rows[0]!.length - 1;
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row.map((cell, i) => (i < last ? cell.padEnd(widths[i]!) : cell)).join('  '),
  );
  return lines.join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIo, deps: { clock?: Clock } = {}): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        mine: { type: 'boolean' },
        priority: { type: 'string' },
        sort: { type: 'string' },
        'needs-me': { type: 'boolean' },
        offline: { type: 'boolean' },
        url: { type: 'string' },
        email: { type: 'string' },
        'token-env': { type: 'string' },
        'token-file': { type: 'string' },
        name: { type: 'string' },
        'discard-pending': { type: 'string' },
      },
      true,
    );
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (values.version) {
      io.stdout(`${PIKET_VERSION}\n`);
      return 0;
    }
    const [command, ...extra] = positionals;
    if (command === undefined) throw new UsageError('missing command.');
    if (!(COMMANDS as readonly string[]).includes(command))
      throw new UsageError(`unknown command "${command}".`);
    const [argument, ...rest] = extra;
    const unexpected = WITH_ARGUMENT.includes(command) ? rest[0] : argument;
    if (unexpected !== undefined) throw new UsageError(`unexpected argument "${unexpected}".`);

    const priorities = parsePriorities(values.priority);
    const sort = parseSort(values.sort);
    if (values['needs-me'] && values.all)
      throw new UsageError('--needs-me lists open tickets only; drop --all.');
    const clock = deps.clock ?? createSystemClock();
    const dataDir = values['data-dir'] ?? defaultDataDir();
    const service = openPiketService({
      dataDir,
      version: PIKET_VERSION,
      role: 'cli',
      clock,
      log: (line) => io.stderr(`${line}\n`),
      whenLocked: 'read-only',
    });
    const session: Session = { service, dataDir, io };
    try {
      if (command === 'contracts') {
        const view = await call(session, 'getContracts', {});
        io.stdout(values.json ? JSON.stringify(view, null, 2) + '\n' : formatContracts(view));
        return view.error ? 1 : 0;
      }
      if (command === 'connect') return await connect(session, argument, values);
      if (command === 'connections') return await listConnections(session, values.json === true);
      if (command === 'disconnect') return await disconnect(session, argument, values['discard-pending']);
      if (command === 'sync') {
        const status = await call(session, 'syncNow', {});
        if (status.state === 'error') {
          io.stderr(`piket: sync failed: ${status.message}\n`);
          return 1;
        }
        io.stdout(`Synced${status.message ? `: ${status.message}` : '.'}\n`);
        return 0;
      }
      if (!values.offline) {
        const status = await call(session, 'syncNow', {}).catch((error: unknown) => ({
          state: 'error' as const,
          message: error instanceof Error ? error.message : String(error),
        }));
        if (status.state === 'error')
          io.stderr(`piket: sync failed, showing what is stored: ${status.message}\n`);
      }
      const tickets = await readQueue(session, {
        scope: values['needs-me'] ? 'needsMe' : values.all ? 'all' : 'open',
        ...(sort ? { sort } : {}),
        ...(values.mine ? { mine: true } : {}),
        ...(priorities ? { priorities } : {}),
      });
      io.stdout(values.json ? JSON.stringify(tickets, null, 2) + '\n' : formatTable(tickets, clock.now()));
    } finally {
      service.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`piket: ${error.message}\nRun "piket --help" for usage.\n`);
      return 2;
    }
    if (error instanceof StartupError) {
      io.stderr(`piket: ${error.message}\n`);
      return 1;
    }
    io.stderr(`piket: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
