// `piket ladder ID [--json]`: one ticket's escalation ladder — every step with its time on my clock, whom each step
// calls (name, phone, e-mail), which step is current, and when the next fires. `--json` prints the ticket's
// reference and the API's LadderView.
import type { LadderContact, LadderView } from '../escalation/ladder';
import { UsageError } from '../platform/command-line';
import { formatLocal } from '../rotation/local-time';
import { alignColumns } from './format';
import { call, type Session } from './session';

const ROLE_WORDS: Record<LadderContact['role'], string> = {
  onCall: 'on call',
  leadEngineer: 'lead engineer',
  tam: 'TAM',
  person: 'named',
};

function contactText(contact: LadderContact): string {
  if (contact.missing) return contact.missing.message;
  const role =
    contact.role === 'onCall' && contact.schedule
      ? `on call (${contact.schedule})`
      : ROLE_WORDS[contact.role];
  const reach = [contact.phone, contact.email].filter((part): part is string => part !== null && part !== '');
  return `${role}: ${contact.name ?? 'unknown'}${reach.length > 0 ? ` (${reach.join(', ')})` : ''}`;
}

function localTime(at: number, zone: string): string {
  return formatLocal(at, zone).local.replace('T', ' ');
}

export function formatLadder(ladder: LadderView, zone: string): string {
  const rows = ladder.steps.map((step) => [
    step.state,
    step.round === 0 ? `+${step.after}` : `+${step.after} (repeat ${step.round})`,
    localTime(step.at, zone),
    step.targets.map(contactText).join('; '),
  ]);
  const lines = [
    `Escalation ladder${ladder.isDefault ? ' (the default: on call, lead engineer, TAM)' : ''}, times in ${zone}:`,
    alignColumns(rows).trimEnd(),
  ];
  if (ladder.stopped !== null) {
    lines.push(`Stopped: ${ladder.stopped} at ${localTime(ladder.stoppedAt ?? 0, zone)}.`);
  } else {
    if (ladder.current) lines.push(`Call now: ${ladder.current.targets.map(contactText).join('; ')}`);
    if (ladder.next) lines.push(`Next step at ${localTime(ladder.next.at, zone)}.`);
  }
  return `${lines.join('\n')}\n`;
}

export async function ladder(
  session: Session,
  ref: string | undefined,
  json: boolean,
  zone: string,
): Promise<number> {
  if (ref === undefined) throw new UsageError('ladder needs a ticket: piket ladder ID.');
  const ticket = await call(session, 'findTicket', { ref });
  const { io } = session;
  if (json) {
    const { id, source, externalId, subject, priority } = ticket;
    io.stdout(
      `${JSON.stringify({ id, source, externalId, subject, priority, ladder: ticket.ladder }, null, 2)}\n`,
    );
  } else {
    io.stdout(
      `${ticket.externalId} ${ticket.priority} ${ticket.subject}\n${formatLadder(ticket.ladder, zone)}`,
    );
  }
  return 0;
}
