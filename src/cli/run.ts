// The `piket` command line: parses flags, runs a command against the same API the UI uses, prints the outcome.
import type { Notifier } from '../alerts/notifier';
import type { ContractsView, TicketSummary } from '../api';
import type { Clock } from '../domain/clock';
import { agoSpan, compactSpan, secondsSince, secondsUntil } from '../domain/span';
import { PRIORITIES, type Priority } from '../domain/ticket';
import { QUEUE_SORTS, type QueueSort } from '../api/queue-order';
import { openPiketService, StartupError } from '../core/piket-service';
import { parseCommandLine, UsageError } from '../platform/command-line';
import { defaultDataDir } from '../platform/paths';
import { createSystemClock } from '../platform/system-clock';
import { PIKET_VERSION } from '../platform/version';
import { systemZone } from '../core/rotation';
import { connect, disconnect, listConnections } from './connection-commands';
import { alignColumns, cliSpanWords } from './format';
import { ladder } from './ladder-command';
import { oncall } from './oncall-command';
import { checkRotationFlags, parseScheduleCommand, runScheduleCommand } from './schedule-commands';
import { call, readQueue, type CliIo, type Session } from './session';
import { sync } from './sync-command';
import { isTicketCommand, parseTicketCommand, runTicketCommand, TICKET_COMMANDS } from './ticket-commands';
import { watch } from './watch-command';

export type { CliIo } from './session';

const USAGE = `Usage: piket [--data-dir <dir>] <command> [options]

Commands:
  queue            the ticket queue, most urgent first
    --json           print it as JSON (hasPending: changes not settled yet)
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
  sync             sync every connection once: send the changes made in Piket,
                   then pull. Exit code 0 when every connection pulled
                   everything and no change waits: each one was sent and
                   accepted. Exit code 1, saying what is left, when a
                   connection failed or could not be reached, records were
                   refused, a change is not sent yet (it is kept), or the
                   ticket system refused a change or it conflicts (see
                   "piket changes"). --once says the same: the CLI never keeps
                   syncing, the desktop app and browser mode do.
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
  watch            Piket without a window: sync every connection and alert on
                   this desktop (P1s, SLA warnings and breaches) through its
                   notification service, printing a line for each change of a
                   connection's status and for each notice, until Ctrl+C (or
                   SIGTERM; exit code 0). Refused, with exit code 1, while the
                   desktop app or browser mode runs with the data folder: that
                   one already syncs and alerts.

Acting on a ticket. ID is the number its ticket system shows (17, DEMO-12),
or CONNECTION:NUMBER when two connections have that number (acme:17):
  ack <ID>             acknowledge: take it (it is assigned to me)
  note <ID> <text>     add an internal note ("-" reads the text from stdin)
  reply <ID> <text>    add a public reply to the customer ("-": from stdin)
  status <ID> <status> new, acknowledged, in_progress (open),
                       waiting_on_customer (waiting, pending),
                       workaround_provided (workaround), resolved (solved),
                       closed
  priority <ID> <P1-P4>  shows what the change does to the SLA deadlines,
                       then makes it
    --dry-run          only show it
  assign <ID> me       assign to me
  resolve <ID>         resolve
    --offline          (every action) only record it; the next sync sends it
  Each action is recorded at once (never lost), then sent with one sync; the
  command says whether it was sent. Exit code 0 when it was recorded and sent
  (or only recorded, with --offline), 1 when the ticket system refused it, it
  conflicts with someone else's change, or it could not be sent (it is kept;
  the next sync sends it).
  changes [ID]         the changes not settled yet: seq, ticket, change, state
                       (waiting, sending, unconfirmed, sent, refused, conflict)
                       and what the ticket system said
    --json             print them as JSON
  retry <seq>          send a refused or conflicting change again, on the
                       ticket as it is now (a conflicting one then overwrites
                       the other change); --offline as for the actions
  discard <seq>        drop a change that was not sent or was refused

Rotations:
  oncall               who is on call now, per schedule and layer (a feed:
                       each entry covering the instant), since and until when,
                       on the schedule's clock (and yours where it differs)
    --at <instant>     at this instant instead: ISO 8601 with an offset or Z,
                       e.g. 2026-03-29T09:00+02:00 or 2026-03-29T07:00Z
    --schedule <name>  only this schedule
    --json             print it as JSON (a feed entry with its person, summary
                       and attendees)
  schedule import-ics <file|url>  subscribe to an iCalendar feed (PagerDuty,
                       Opsgenie, Grafana OnCall, Google Calendar): a file, or
                       an https:// or webcal:// URL. Piket keeps what it read,
                       so it answers offline, "as of" then
    --name <name>      what to call it (default: the feed's own name)
  schedule refresh <name>  read the feed again; when that fails Piket keeps
                       what it had and says so (exit code 1)
  schedule export-ics <name>  the schedule from a week ago to 90 days ahead
                       as an iCalendar file (Google, Outlook, Apple), on stdout
    --out <file>       write it to this file instead
  schedule list        the schedules: kind, zone, as of, who is on call now
    --json             print them as JSON
  ladder <id>          a ticket's escalation ladder: each step, whom it calls
                       (name, phone, e-mail), who to call now and when the
                       next step fires
    --json             print it as JSON
  A schedule name that does not exist, a file or URL that cannot be read
  (exit code 1), or a file that is no calendar (exit code 2) changes nothing.

While the desktop app, browser mode or piket watch runs with the same data
folder, commands that change something (sync, connect, disconnect, the actions,
retry, discard, schedule import-ics and refresh) are carried out by that Piket, and its window shows the result
at once; everything else reads the data folder directly.

Exit code 2: the command line is wrong, or Piket refused the change before
recording it (the ticket is closed, already has that status, ...).

Options:
  --data-dir <dir>   where Piket keeps its data (default: ${defaultDataDir()})
  -h, --help         show this help
  -v, --version      show the version
`;

const COMMANDS = [
  'queue',
  'contracts',
  'sync',
  'connect',
  'connections',
  'disconnect',
  'watch',
  'oncall',
  'schedule',
  'ladder',
  ...TICKET_COMMANDS,
];
/** Commands that take one positional argument. */
const WITH_ARGUMENT: readonly string[] = ['connect', 'disconnect', 'ladder'];

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

function formatContracts(view: ContractsView): string {
  const lines = [`Contracts file: ${view.file}`];
  lines.push(view.error ? `Problem: ${view.error}\n(Piket keeps using the last valid contracts.)` : 'Valid.');
  for (const customer of view.customers) lines.push(`  ${customer.customerName}: ${customer.policy}`);
  return lines.join('\n') + '\n';
}

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
  return alignColumns(rows);
}

export interface CliDeps {
  clock?: Clock;
  /** `piket watch`: how notices reach the person (default the desktop's), and when it stops (default a signal). */
  notifier?: Notifier;
  untilStopped?: () => Promise<void>;
}

export async function runCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
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
        'dry-run': { type: 'boolean' },
        once: { type: 'boolean' },
        at: { type: 'string' },
        schedule: { type: 'string' },
        out: { type: 'string' },
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
    const ticketCommand = isTicketCommand(command) ? parseTicketCommand(command, extra, values) : null;
    checkRotationFlags(command, extra[0], values);
    const scheduleCommand = command === 'schedule' ? parseScheduleCommand(extra) : null;
    const [argument, ...rest] = extra;
    const unexpected = WITH_ARGUMENT.includes(command) ? rest[0] : argument;
    if (ticketCommand === null && scheduleCommand === null && unexpected !== undefined)
      throw new UsageError(`unexpected argument "${unexpected}".`);
    if (values.once && command !== 'sync') throw new UsageError('--once goes with sync only.');

    const priorities = parsePriorities(values.priority);
    const sort = parseSort(values.sort);
    if (values['needs-me'] && values.all)
      throw new UsageError('--needs-me lists open tickets only; drop --all.');
    const clock = deps.clock ?? createSystemClock();
    const dataDir = values['data-dir'] ?? defaultDataDir();
    if (command === 'watch') return await watch({ ...deps, dataDir, clock, io });
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
      if (command === 'sync') return await sync(session);
      if (command === 'oncall') return await oncall(session, values);
      if (command === 'ladder') return await ladder(session, argument, values.json === true, systemZone());
      if (scheduleCommand !== null)
        return await runScheduleCommand(session, scheduleCommand, values, systemZone());
      if (ticketCommand !== null)
        return await runTicketCommand(session, ticketCommand, values, () => clock.now());
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
