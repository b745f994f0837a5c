// A Zendesk connection whose server cannot be reached, written into a fresh data folder before its web host starts
// (a DataDirSetup): four tickets of the customer "Kestrel Logistics" and three changes that Zendesk refused. Every
// change made to these tickets stays unsent, so what the UI shows of it is deterministic: pending, waiting to be
// sent, and the refused changes waiting for the user. The demo desk runs beside it as usual.
import { join } from 'node:path';
import type { TicketAction } from '../../src/domain/action';
import { closeDatabase, openDatabase } from '../../src/store/database';
import { OutboxStore } from '../../src/store/outbox-store';
import { PullStore } from '../../src/store/pull-store';
import { customerRecord, ticketRecord } from '../support/records';
import type { DataDirSetup } from './fixtures';
import { addUnreachableZendesk } from './unreachable-zendesk';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SOURCE = 'acme';
/** The name Piket acts as when the connection has not said who it is: the `me` setting's default. */
const ME = 'Sanne de Vries';
const TOKEN_VARIABLE = 'PIKET_E2E_OFFLINE_TOKEN';

/** The connection's label, as the header's sync status names it. */
export const OFFLINE_DESK = 'Acme Zendesk';
/** The customer of every seeded ticket; a word no demo ticket uses. */
export const CUSTOMER = 'Kestrel Logistics';

/** The seeded tickets by role, with the number Zendesk shows and the subject. */
export const TICKETS = {
  /** P2, new, unassigned, 20 minutes old: acknowledged, assigned, noted, answered, resolved by the tests. */
  fresh: { ref: '101', subject: 'Kestrel: database failover did not complete' },
  /** P3, in progress, one hour old: a change to P1 breaches its 30-minute response clock at once. */
  slow: { ref: '102', subject: 'Kestrel: dashboard loads slowly' },
  /** P3, in progress: a status change, an internal note and a priority change that Zendesk refused. */
  refused: { ref: '103', subject: 'Kestrel: certificate renewal failed' },
  /** Closed: nothing can be done to it. */
  closed: { ref: '104', subject: 'Kestrel: old outage report' },
} as const;

/** What Zendesk answered to the seeded changes of the `refused` ticket. */
export const REFUSALS = {
  status: 'Zendesk refused the change: Status: a ticket cannot be solved without an assignee.',
  note: 'Zendesk refused the change: Comment: the text contains a link that is not allowed.',
  noteBody: 'Renewal job restarted by hand; see https://internal.example/runbook',
  priority: 'Zendesk refused the change: Priority: is set by a trigger for this organization.',
} as const;

/** The host's environment: the connection's token is set (the server is what cannot be reached). */
export const OFFLINE_DESK_ENV = { [TOKEN_VARIABLE]: 'zd-e2e-offline-token' };

function seed(dataDir: string): void {
  const now = Date.now();
  const { db } = openDatabase(join(dataDir, 'piket.db'));
  try {
    addUnreachableZendesk(db, {
      id: SOURCE,
      label: OFFLINE_DESK,
      tokenVariable: TOKEN_VARIABLE,
      createdAt: now - DAY,
    });
    const ticket = (role: keyof typeof TICKETS, fields: Parameters<typeof ticketRecord>[0]) =>
      ticketRecord({ ...fields, subject: TICKETS[role].subject });
    new PullStore(db).applyPage(
      SOURCE,
      'tickets',
      {
        customers: [
          customerRecord({ source: SOURCE, externalId: 'org-1', name: CUSTOMER, updatedAt: now - DAY }),
        ],
        tickets: [
          ticket('fresh', {
            source: SOURCE,
            externalId: TICKETS.fresh.ref,
            customerExternalId: 'org-1',
            priority: 'P2',
            createdAt: now - 20 * MINUTE,
            updatedAt: now - 20 * MINUTE,
          }),
          ticket('slow', {
            source: SOURCE,
            externalId: TICKETS.slow.ref,
            customerExternalId: 'org-1',
            priority: 'P3',
            status: 'in_progress',
            assignee: ME,
            createdAt: now - HOUR,
            updatedAt: now - 30 * MINUTE,
          }),
          ticket('refused', {
            source: SOURCE,
            externalId: TICKETS.refused.ref,
            customerExternalId: 'org-1',
            priority: 'P3',
            status: 'in_progress',
            createdAt: now - 3 * HOUR,
            updatedAt: now - 2 * HOUR,
          }),
          ticket('closed', {
            source: SOURCE,
            externalId: TICKETS.closed.ref,
            customerExternalId: 'org-1',
            priority: 'P4',
            status: 'closed',
            createdAt: now - 5 * DAY,
            updatedAt: now - 2 * DAY,
            resolvedAt: now - 3 * DAY,
          }),
        ],
      },
      'seeded',
    );
    const outbox = new OutboxStore(db, { now: () => now - HOUR });
    const refuse = (action: TicketAction, message: string): void => {
      outbox.record(SOURCE, TICKETS.refused.ref, action, ME);
      const entry = outbox.ofTicketEntries(SOURCE, TICKETS.refused.ref).at(-1)!;
      outbox.markFailed(entry.seq, { state: 'rejected', kind: 'validation', message });
    };
    refuse({ kind: 'status', status: 'resolved' }, REFUSALS.status);
    refuse({ kind: 'note', body: REFUSALS.noteBody }, REFUSALS.note);
    refuse({ kind: 'priority', priority: 'P2' }, REFUSALS.priority);
  } finally {
    closeDatabase(db);
  }
}

export const offlineDesk: DataDirSetup = { prepare: seed };
