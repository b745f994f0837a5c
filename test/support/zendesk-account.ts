// The loopback Zendesk test server for the sync fault tests: a seeded account on a clock the test sets, a server
// that can go down and come back on the same port (the network flapping), a data folder prepared with a Zendesk
// connection to it (small pages, demo desk off), and the comparison every fault test ends with: each ticket's
// status, priority, assignee and notes in the folder's database against the server's own records, the outbox
// empty, and every change Piket made on the server exactly once (one audit per change marker).
import { join } from 'node:path';
import type { TicketAction } from '../../src/domain/action';
import { DATABASE_FILE } from '../../src/platform/paths';
import { ConnectionStore } from '../../src/store/connection-store';
import { closeDatabase, openDatabase } from '../../src/store/database';
import { SettingsStore } from '../../src/store/settings-store';
import { MARKER_KEY } from '../../src/connectors/zendesk/push';
import { seedZendesk, type SeededAccount } from '../servers/zendesk/seed';
import { startZendeskServer, type ZendeskServer } from '../servers/zendesk/server';
import { ZendeskState, type TicketRecord } from '../servers/zendesk/state';

/** The connection's id (the `source` of its records) and the environment variable that holds its token. */
export const SOURCE = 'zd';
export const TOKEN_ENV = 'PIKET_FAULT_TESTS_ZENDESK_TOKEN';
export const TOKEN = 'zd-fault-tests-token-5c1d9e';
export const ADMIN_EMAIL = 'admin@helpdesk.example';

export interface Account {
  state: ZendeskState;
  seeded: SeededAccount;
  /** The server now up (a new one after each `up()`). */
  readonly server: ZendeskServer;
  /** Its base URL; the same across `down()` and `up()`. */
  readonly url: string;
  /** Closes the server (open connections are cut); the account's state stays. */
  down(): Promise<void>;
  /** Starts the server again on the same port, with the same state (faults and replays start afresh). */
  up(): Promise<void>;
}

/** A seeded account of `tickets` tickets on the server clock `now`, served on loopback until `close`. */
export async function startAccount(options: { tickets: number; now: () => number }): Promise<Account> {
  const state = new ZendeskState(options.now);
  const seeded = seedZendesk(state, { tickets: options.tickets, seed: 11, token: TOKEN });
  let server: ZendeskServer | null = await startZendeskServer({ state, rateLimits: false });
  const url = server.url;
  const port = Number(new URL(url).port);
  const running = (): ZendeskServer => {
    if (!server) throw new Error('The Zendesk test server is down.');
    return server;
  };
  return {
    state,
    seeded,
    get server() {
      return running();
    },
    url,
    down: async () => {
      const stopping = running();
      server = null;
      await stopping.close();
    },
    up: async () => {
      if (server) throw new Error('The Zendesk test server is already up.');
      server = await startZendeskServer({ state, rateLimits: false, port });
    },
  };
}

/** Closes the account's server if it is up. */
export async function closeAccount(account: Account): Promise<void> {
  try {
    await account.down();
  } catch {
    // Already down.
  }
}

/** Makes `dataDir` a Piket data folder with one Zendesk connection to `url` as the admin, and the demo desk off. */
export function prepareFolder(dataDir: string, url: string, pageSize: number, createdAt: number): void {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    new SettingsStore(db).set('demoEnabled', false);
    new ConnectionStore(db).add({
      id: SOURCE,
      kind: 'zendesk',
      label: 'Zendesk (faults)',
      url,
      login: ADMIN_EMAIL,
      secretRef: { store: 'env', name: TOKEN_ENV },
      options: { pageSize },
      createdAt,
    });
  } finally {
    closeDatabase(db);
  }
}

/** One ticket as the comparison sees it: what Piket shows (the default Zendesk mapping) and its notes in order. */
export interface TicketView {
  externalId: string;
  status: string;
  priority: string;
  assignee: string | null;
  notes: string[];
}

const PRIORITY: Record<string, string> = { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4' };
const STATUS: Record<string, string> = {
  new: 'new',
  open: 'in_progress',
  pending: 'waiting_on_customer',
  hold: 'in_progress',
  solved: 'resolved',
  closed: 'closed',
};

/** Every live ticket of the account as Piket should show it once synced: worked out from the server's records. */
export function serverView(state: ZendeskState): TicketView[] {
  return [...state.tickets.values()]
    .filter((ticket) => !ticket.deleted)
    .sort((a, b) => a.id - b.id)
    .map((ticket: TicketRecord) => ({
      externalId: String(ticket.id),
      status: STATUS[ticket.status]!,
      priority: ticket.priority === null ? 'P3' : PRIORITY[ticket.priority]!,
      assignee: ticket.assigneeId === null ? null : state.users.get(ticket.assigneeId)!.name,
      // The first comment is the description.
      notes: state
        .commentsOf(ticket.id)
        .slice(1)
        .map((comment) => comment.body),
    }));
}

export interface LocalView {
  tickets: TicketView[];
  /** Rows left in the outbox, in any state. */
  outbox: number;
}

/** What the folder's database holds for the connection: each ticket as the UI reads it, and the outbox's size. */
export function localView(dataDir: string): LocalView {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE), { readOnly: true });
  try {
    const rows = db
      .prepare<[string], Omit<TicketView, 'notes'>>(
        `SELECT external_id AS externalId, status, priority, assignee FROM ticket_effective
         WHERE source = ? ORDER BY CAST(external_id AS INTEGER)`,
      )
      .all(SOURCE);
    const notes = db
      .prepare<[string, string], string>(
        `SELECT body FROM note_base WHERE source = ? AND ticket_external_id = ?
         ORDER BY created_at, CAST(external_id AS INTEGER)`,
      )
      .pluck();
    return {
      tickets: rows.map((row) => ({ ...row, notes: notes.all(SOURCE, row.externalId) })),
      outbox: db.prepare<[], number>('SELECT count(*) FROM outbox').pluck().get()!,
    };
  } finally {
    db.close();
  }
}

/** The change markers (mutation ids) Piket's updates left on the server's audits, one per applied update. */
export function appliedMarkers(state: ZendeskState): string[] {
  return [...state.tickets.keys()].flatMap((id) =>
    state.auditsOf(id).flatMap((audit) => {
      const marker = audit.metadata[MARKER_KEY];
      return typeof marker === 'string' ? [marker] : [];
    }),
  );
}

/** How many comments on the server have exactly this body. */
export function commentsWithBody(state: ZendeskState, body: string): number {
  return [...state.tickets.keys()].reduce(
    (count, id) => count + state.commentsOf(id).filter((comment) => comment.body === body).length,
    0,
  );
}

/** Live new or open tickets (every action applies to them), lowest ids first. */
export function actionableTickets(state: ZendeskState, count: number): TicketRecord[] {
  const found = [...state.tickets.values()]
    .filter((ticket) => !ticket.deleted && (ticket.status === 'open' || ticket.status === 'new'))
    .sort((a, b) => a.id - b.id)
    .slice(0, count);
  if (found.length < count) throw new Error(`The account has only ${found.length} open tickets`);
  return found;
}

/** One user action on a ticket, by its Zendesk number. */
export interface TicketActionRef {
  ref: string;
  action: TicketAction;
}
