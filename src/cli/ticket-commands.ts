// `piket ack|note|reply|status|priority|assign|resolve`: acting on a ticket from the terminal, online or not, and
// `piket changes|retry|discard`: the changes that wait for their ticket system. An action is recorded first (it is
// never lost), then sent by one sync unless --offline is given; the command says which of the two happened.
import type { ChangeState, ClockBrief, PriorityPreview, SyncStatus, TicketDetail } from '../api';
import { describeAction, type TicketAction } from '../domain/action';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '../domain/ticket';
import { UsageError } from '../platform/command-line';
import { alignColumns, localTime, relative } from './format';
import { call, type Session } from './session';

export const TICKET_COMMANDS = [
  'ack',
  'note',
  'reply',
  'status',
  'priority',
  'assign',
  'resolve',
  'changes',
  'retry',
  'discard',
] as const;
export type TicketCommandName = (typeof TICKET_COMMANDS)[number];

export function isTicketCommand(command: string): command is TicketCommandName {
  return (TICKET_COMMANDS as readonly string[]).includes(command);
}

/** A ticket command with its arguments checked (before the data folder is opened). */
export type TicketCommand =
  | { kind: 'act'; ref: string; action: TicketAction; bodyFromStdin: boolean; dryRun: boolean }
  | { kind: 'changes'; ref: string | null }
  | { kind: 'retry' | 'discard'; seq: number };

export interface TicketFlags {
  offline?: boolean;
  'dry-run'?: boolean;
  json?: boolean;
}

/** Friendly words for Piket's statuses, besides the statuses themselves (in_progress, in-progress, …). */
const STATUS_ALIASES: Readonly<Record<string, TicketStatus>> = {
  open: 'in_progress',
  waiting: 'waiting_on_customer',
  pending: 'waiting_on_customer',
  workaround: 'workaround_provided',
  solved: 'resolved',
};

function statusChoices(): string {
  return TICKET_STATUSES.map((status) => {
    const aliases = Object.keys(STATUS_ALIASES).filter((alias) => STATUS_ALIASES[alias] === status);
    return aliases.length > 0 ? `${status} (${aliases.join(', ')})` : status;
  }).join(', ');
}

function parseStatus(word: string | undefined): TicketStatus {
  const key = (word ?? '').trim().toLowerCase().replace(/[- ]/g, '_');
  const status = (TICKET_STATUSES as readonly string[]).includes(key)
    ? (key as TicketStatus)
    : STATUS_ALIASES[key];
  if (status === undefined) {
    throw new UsageError(
      `status takes the ticket and one of: ${statusChoices()}; ${word === undefined ? 'no status given' : `not "${word}"`}.`,
    );
  }
  return status;
}

function parsePriority(word: string | undefined): Priority {
  const priority = PRIORITIES.find((known) => known === word?.trim().toUpperCase());
  if (priority === undefined) {
    throw new UsageError(
      `priority takes the ticket and P1, P2, P3 or P4; ${word === undefined ? 'no priority given' : `not "${word}"`}.`,
    );
  }
  return priority;
}

function parseSeq(command: string, word: string | undefined): number {
  if (word === undefined || !/^[1-9]\d{0,14}$/.test(word)) {
    throw new UsageError(`${command} takes the number of a change (the seq that "piket changes" lists).`);
  }
  return Number(word);
}

/** Checks a ticket command's arguments: ID first, then what the command takes. */
export function parseTicketCommand(
  command: TicketCommandName,
  args: readonly string[],
  flags: TicketFlags,
): TicketCommand {
  const [ref, ...rest] = args;
  if (flags['dry-run'] && command !== 'priority')
    throw new UsageError('--dry-run goes with priority only (it shows the SLA effect).');
  const noMore = (taken: number): void => {
    if (rest.length > taken) throw new UsageError(`unexpected argument "${rest[taken]}".`);
  };
  if (command === 'changes') {
    noMore(0);
    return { kind: 'changes', ref: ref ?? null };
  }
  if (command === 'retry' || command === 'discard') {
    noMore(0);
    return { kind: command, seq: parseSeq(command, ref) };
  }
  if (ref === undefined) {
    throw new UsageError(
      `${command} takes the ticket: the number its ticket system shows, or CONNECTION:NUMBER.`,
    );
  }
  const act = (action: TicketAction, bodyFromStdin = false) => ({
    kind: 'act' as const,
    ref,
    action,
    bodyFromStdin,
    dryRun: flags['dry-run'] === true,
  });
  switch (command) {
    case 'ack':
    case 'resolve':
      noMore(0);
      return act({ kind: command });
    case 'assign':
      if (rest[0] !== 'me')
        throw new UsageError(`assign takes the ticket and "me" (Piket assigns tickets to you only).`);
      noMore(1);
      return act({ kind: 'assign' });
    case 'status':
      noMore(1);
      return act({ kind: 'status', status: parseStatus(rest[0]) });
    case 'priority':
      noMore(1);
      return act({ kind: 'priority', priority: parsePriority(rest[0]) });
    case 'note':
    case 'reply': {
      if (rest.length === 0)
        throw new UsageError(`${command} takes the ticket and the text (or "-" to read it from stdin).`);
      const fromStdin = rest.length === 1 && rest[0] === '-';
      return act({ kind: command, body: fromStdin ? '' : rest.join(' ') }, fromStdin);
    }
  }
}

/** A ticket as the user can write it back: CONNECTION:NUMBER. */
function refOf(ticket: Pick<TicketDetail, 'source' | 'externalId'>): string {
  return `${ticket.source}:${ticket.externalId}`;
}

const TARGET_WORDS: Record<ClockBrief['target'], string> = {
  response: 'response',
  resolution: 'resolution',
  securityPlan: 'security plan',
  securityPatch: 'security patch',
};

function describeClock(clock: ClockBrief | undefined, now: number): string {
  if (clock === undefined) return 'none';
  switch (clock.state) {
    case 'met':
      return 'met';
    case 'stopped':
      return 'stopped';
    case 'paused':
      return `paused (due ${relative(clock.dueAt, now)} once it runs again)`;
    case 'breached': {
      const at = clock.breachedAt ?? clock.dueAt;
      return `breached ${relative(at, now)} (${localTime(at)})`;
    }
    case 'running':
      return clock.dueAt > now
        ? `due ${relative(clock.dueAt, now)} (${localTime(clock.dueAt)})`
        : `breached ${relative(clock.dueAt, now)} (${localTime(clock.dueAt)})`;
  }
}

/** Each SLA clock's deadline before and after a priority change, one line per clock. */
function formatPreview(name: string, preview: PriorityPreview, now: number): string {
  const head = `${name}: ${preview.from} → ${preview.to}`;
  const targets = [...new Set([...preview.before, ...preview.after].map((clock) => clock.target))];
  if (targets.length === 0) return `${head}; no SLA clock applies to this ticket.\n`;
  const rows = targets.map((target) => [
    `  ${TARGET_WORDS[target]}`,
    describeClock(
      preview.before.find((clock) => clock.target === target),
      now,
    ),
    '→',
    describeClock(
      preview.after.find((clock) => clock.target === target),
      now,
    ),
  ]);
  return `${head}, SLA effect:\n${alignColumns(rows)}`;
}

/** States of a change that its ticket system has not answered yet. */
const UNANSWERED: readonly ChangeState[] = ['pending', 'inflight', 'unknown'];
/** One extra round when the first joined a round under way that had already sent its changes. */
const SYNC_ROUNDS = 2;

/**
 * Sends the recorded change `seq` of `ticket` with one sync (unless offline) and says what became of it: exit 0
 * when it is recorded (offline) or sent, 1 when it is refused, in conflict or could not be sent (then it is kept).
 */
async function deliver(
  session: Session,
  ticket: TicketDetail,
  seq: number,
  what: string,
  offline: boolean,
): Promise<number> {
  const { io } = session;
  const name = refOf(ticket);
  if (offline) {
    io.stdout(`${name}: ${what} recorded, not sent (--offline); the next sync sends it.\n`);
    return 0;
  }
  let status: SyncStatus;
  let change: TicketDetail['changes'][number] | undefined;
  for (let round = 1; ; round++) {
    status = await call(session, 'syncNow', {});
    change = (await call(session, 'getTicket', { id: ticket.id })).changes.find((c) => c.seq === seq);
    const reached = status.connections.find((c) => c.source === ticket.source)?.state === 'idle';
    const waits = change !== undefined && UNANSWERED.includes(change.state);
    if (!waits || !reached || round === SYNC_ROUNDS) break;
  }
  const connection = status.connections.find((c) => c.source === ticket.source);
  const label = connection?.label ?? ticket.source;
  if (change === undefined || change.state === 'acked') {
    io.stdout(`${name}: ${what} recorded and sent to ${label}.\n`);
    return 0;
  }
  const choices = `"piket retry ${seq}" sends it again; "piket discard ${seq}" drops it.`;
  if (change.state === 'rejected') {
    io.stderr(
      `piket: ${name}: ${what} was not made: ${change.message ?? `${label} refused it`}\n${choices}\n`,
    );
  } else if (change.state === 'conflict') {
    io.stderr(`piket: ${name}: ${change.message ?? `${what} conflicts with a newer change`}\n${choices}\n`);
  } else {
    const reason = change.message ?? connection?.message ?? `${label} has not taken it yet`;
    io.stderr(
      `piket: ${name}: ${what} recorded, not sent: ${reason}\nIt is kept, and the next sync sends it.\n`,
    );
  }
  return 1;
}

async function act(
  session: Session,
  command: Extract<TicketCommand, { kind: 'act' }>,
  flags: TicketFlags,
  now: () => number,
): Promise<number> {
  const ticket = await call(session, 'findTicket', { ref: command.ref });
  const name = refOf(ticket);
  let { action } = command;
  if (command.bodyFromStdin && (action.kind === 'note' || action.kind === 'reply'))
    action = { kind: action.kind, body: await session.io.stdin() };
  if (action.kind === 'priority') {
    if (ticket.priority === action.priority) throw new UsageError(`${name} is already ${action.priority}.`);
    const preview = await call(session, 'previewPriority', { id: ticket.id, priority: action.priority });
    session.io.stdout(formatPreview(name, preview, now()));
    if (command.dryRun) return 0;
  }
  const detail = await call(session, 'actOnTicket', { id: ticket.id, action });
  const seq = Math.max(...detail.changes.map((change) => change.seq));
  return deliver(session, detail, seq, describeAction(action), flags.offline === true);
}

const STATE_WORDS: Record<ChangeState, string> = {
  pending: 'waiting',
  inflight: 'sending',
  unknown: 'unconfirmed',
  acked: 'sent',
  rejected: 'refused',
  conflict: 'conflict',
};

async function listChanges(session: Session, ref: string | null, json: boolean): Promise<number> {
  const ticket = ref ? await call(session, 'findTicket', { ref }) : null;
  const changes = (await call(session, 'listChanges', {}))
    .filter((change) => ticket === null || change.ticketId === ticket.id)
    .map(({ source, externalId, ...change }) => ({
      ticket: refOf({ source, externalId }),
      ...change,
    }));
  if (json) {
    session.io.stdout(JSON.stringify(changes, null, 2) + '\n');
    return 0;
  }
  if (changes.length === 0) {
    session.io.stdout(
      ticket ? `${refOf(ticket)} has no changes waiting.\n` : 'No changes waiting: everything is sent.\n',
    );
    return 0;
  }
  const rows = changes.map((change) => [
    String(change.seq),
    change.ticket,
    describeAction(change.action),
    STATE_WORDS[change.state],
    change.message ?? '',
  ]);
  session.io.stdout(alignColumns([['seq', 'ticket', 'change', 'state', 'message'], ...rows]));
  if (changes.some((change) => change.state === 'rejected' || change.state === 'conflict')) {
    session.io.stdout('"piket retry SEQ" sends a refused change again; "piket discard SEQ" drops it.\n');
  }
  return 0;
}

export async function runTicketCommand(
  session: Session,
  command: TicketCommand,
  flags: TicketFlags,
  now: () => number,
): Promise<number> {
  switch (command.kind) {
    case 'act':
      return act(session, command, flags, now);
    case 'changes':
      return listChanges(session, command.ref, flags.json === true);
    case 'retry': {
      const detail = await call(session, 'retryChange', { seq: command.seq });
      const change = detail.changes.find((c) => c.seq === command.seq)!;
      const what = `change ${command.seq} (${describeAction(change.action)})`;
      return deliver(session, detail, command.seq, what, flags.offline === true);
    }
    case 'discard': {
      const detail = await call(session, 'discardChange', { seq: command.seq });
      session.io.stdout(`${refOf(detail)}: change ${command.seq} discarded; it will not be sent.\n`);
      return 0;
    }
  }
}
