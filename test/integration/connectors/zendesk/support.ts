// The Zendesk connector against the loopback test server: a seeded account on a server clock the test moves, a
// connector on a fake clock, paging helpers, and what the account says each ticket should become, worked out here
// from the server's own records (not with the connector's mapping code).
import { afterEach } from 'vitest';
import type { Connector, PullPage } from '../../../../src/connectors/connector';
import { zendesk } from '../../../../src/connectors/zendesk';
import type { Priority, TicketChange, TicketStatus } from '../../../../src/domain/ticket';
import type { StoredConnection } from '../../../../src/store/connection-store';
import { checkPage } from '../../../../src/sync/page-check';
import { seedZendesk, type SeededAccount } from '../../../servers/zendesk/seed';
import {
  startZendeskServer,
  type ZendeskServer,
  type ZendeskServerOptions,
} from '../../../servers/zendesk/server';
import { ZendeskState, type AuditRecord, type TicketRecord } from '../../../servers/zendesk/state';
import { createFakeClock, type FakeClock } from '../../../support/fake-clock';

export const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
export const TOKEN = 'zd-secret-token-7f3a9c1e5b';
export const SOURCE = 'acme';
const MINUTE = 60_000;

const servers: ZendeskServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export interface Desk {
  server: ZendeskServer;
  state: ZendeskState;
  account: SeededAccount;
  /** Moves the server's clock (the export leaves out the last minute, so a change shows after a minute). */
  advance(ms: number): void;
  now(): number;
}

export async function startDesk(
  options: { tickets?: number; rateLimits?: ZendeskServerOptions['rateLimits'] } = {},
): Promise<Desk> {
  let now = NOW;
  const state = new ZendeskState(() => now);
  const account = seedZendesk(state, { tickets: options.tickets ?? 60, seed: 7, token: TOKEN });
  const server = await startZendeskServer({ state, rateLimits: options.rateLimits ?? false });
  servers.push(server);
  return {
    server,
    state,
    account,
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
  };
}

export interface Built {
  connector: Connector;
  clock: FakeClock;
  /** How many times the connector read its token. */
  secretReads: () => number;
  log: string[];
}

export function connection(overrides: Partial<StoredConnection> = {}): StoredConnection {
  return {
    id: SOURCE,
    kind: 'zendesk',
    label: 'Zendesk (acme)',
    url: 'http://127.0.0.1:1',
    login: 'admin@helpdesk.example',
    secretRef: { store: 'env', name: 'ZENDESK_TOKEN' },
    options: {},
    createdAt: NOW,
    identity: null,
    ...overrides,
  };
}

export function build(
  overrides: Partial<StoredConnection> = {},
  token: () => string = () => TOKEN,
  clock: FakeClock = createFakeClock(NOW),
): Built {
  let reads = 0;
  const log: string[] = [];
  const connector = zendesk.create(connection(overrides), {
    secret: () => {
      reads += 1;
      return token();
    },
    clock,
    log: (line) => log.push(line),
  });
  return { connector, clock, secretReads: () => reads, log };
}

export function signal(): { signal: AbortSignal } {
  return { signal: new AbortController().signal };
}

/** Every page of `resource` from `cursor` until the server has no more; each page must pass the sync's checks. */
export async function drain(
  connector: Connector,
  resource: string,
  cursor: string | null,
): Promise<{ pages: PullPage[]; cursor: string }> {
  const pages: PullPage[] = [];
  let at = cursor;
  for (let guard = 0; guard < 500; guard += 1) {
    const page = await connector.pull(resource, at, signal());
    const checked = checkPage(connector.source, connector.label, page);
    if (checked.refused.length > 0) throw new Error(`refused: ${JSON.stringify(checked.refused[0])}`);
    if (page.hasMore && page.cursor === at) throw new Error('a page with more after it kept its cursor');
    pages.push(page);
    at = page.cursor;
    if (!page.hasMore) return { pages, cursor: at };
  }
  throw new Error('more than 500 pages');
}

// ---- what the server's records should become ------------------------------------------------------------------

const PRIORITY: Record<string, Priority> = { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4' };
const STATUS: Record<string, TicketStatus> = {
  new: 'new',
  open: 'in_progress',
  pending: 'waiting_on_customer',
  hold: 'in_progress',
  solved: 'resolved',
  closed: 'closed',
};

export const expectedPriority = (value: string | null): Priority =>
  value === null ? 'P3' : PRIORITY[value]!;
export const expectedStatus = (value: string): TicketStatus => STATUS[value]!;

/** Status/priority entries of a ticket's audits, as Piket's default mapping reads them. */
export function expectedHistory(audits: readonly AuditRecord[]): TicketChange[] {
  const history: TicketChange[] = [];
  for (const audit of audits) {
    const change: TicketChange = { at: audit.createdAt };
    for (const field of audit.fields) {
      if (field.field === 'status' && field.value !== 'deleted')
        change.status = expectedStatus(field.value as string);
      if (field.field === 'priority') change.priority = expectedPriority(field.value as string | null);
    }
    if (change.status || change.priority) history.push(change);
  }
  return history;
}

/** Comments after the description, as notes (ids and visibility). */
export function expectedNotes(audits: readonly AuditRecord[]): { externalId: string; public: boolean }[] {
  return audits
    .slice(1)
    .flatMap((audit) =>
      audit.comment ? [{ externalId: String(audit.comment.id), public: audit.comment.public }] : [],
    );
}

export function expectedFirstResponse(desk: Desk, audits: readonly AuditRecord[]): number | null {
  const reply = audits
    .slice(1)
    .find((audit) => audit.comment?.public && desk.state.isAgent(audit.comment.authorId));
  return reply ? reply.comment!.createdAt : null;
}

export function expectedCustomer(ticket: TicketRecord): string {
  return ticket.organizationId === null ? 'none' : String(ticket.organizationId);
}

/** Makes a change on the desk now and moves the server clock past the export's one-minute lag. */
export function later(desk: Desk, change: () => void): void {
  desk.advance(10 * MINUTE);
  change();
  desk.advance(2 * MINUTE);
}
