// Deterministic Zendesk accounts for tests, the dev server and the bench: people, organizations, tickets, history.
//
// The same seed gives the same account. Every ticket draws from its own random stream (seed, ticket number),
// so ticket 17 is the same whether 100 or 100,000 are made. History follows a support desk's day: a requester
// opens a ticket (its description is the first, public comment), an agent takes it (assigns and opens it,
// replies publicly: the first response), writes internal notes, asks the customer (pending), the customer
// answers (which reopens it), priorities change now and then, and tickets are solved and, four days later,
// closed. About one requester in seven has no organization, so their tickets have none either.
// `history: 'none'` makes only the creation audit of each ticket, for large benchmark accounts.
import { hashInts, Rng } from '../../../src/connectors/demo/random';
import type { OrganizationRecord, TicketRecord, UserRecord, ZendeskState } from './state';
import type { TicketPriority, TicketType } from './types';

export interface SeedOptions {
  tickets: number;
  seed?: number;
  /** The account's API token (Zendesk tokens belong to the account). */
  token?: string;
  organizations?: number;
  /** Agents, the first of them an admin. At least 2. */
  agents?: number;
  requesters?: number;
  /** Tickets are created over this many days before the server clock's now. */
  spanDays?: number;
  history?: 'full' | 'none';
}

export interface SeededAccount {
  token: string;
  /** An admin agent: may use the incremental exports. */
  admin: UserRecord;
  /** An agent without admin rights: must fall back to search export. */
  agent: UserRecord;
  agents: UserRecord[];
  requesters: UserRecord[];
  organizations: OrganizationRecord[];
}

export const DEV_TOKEN = 'piket-dev-token-0123456789';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Seeded history ends this long before now, so the first export (which skips the last minute) sees it all. */
const QUIET_BEFORE_NOW = 5 * MINUTE;

const FIRST_NAMES = [
  'Anna',
  'Bram',
  'Chloé',
  'Daan',
  'Emma',
  'Finn',
  'Hanna',
  'Ivo',
  'Julia',
  'Kees',
  'Lotte',
  'Milan',
  'Noor',
  'Olaf',
  'Priya',
  'Ruben',
  'Sanne',
  'Thijs',
  'Wei',
  'Yara',
  'Zeynep',
  'Mateo',
  'Ingrid',
  'Kofi',
];
const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'Okafor',
  'Nguyen',
  'Yılmaz',
  'García',
];
const COMPANIES = [
  ['Havenbedrijf Noordkade', 'noordkade.example'],
  ['Zorggroep Waterland', 'zorggroep-waterland.example'],
  ['Van der Meulen Bakkerijen', 'vdmeulen.example'],
  ['Gemeente Lindenhoven', 'lindenhoven.example'],
  ['Fietsfabriek Oost', 'fietsfabriek-oost.example'],
  ['Stichting Open Archief', 'open-archief.example'],
  ['Polder Energie', 'polder-energie.example'],
  ['Duinzicht Hotels', 'duinzicht.example'],
] as const;
const SERVICES = [
  'login',
  'payments',
  'the API',
  'the mobile app',
  'exports',
  'search',
  'notifications',
  'SSO',
];
const PROBLEMS: readonly (readonly [string, TicketType])[] = [
  ['is down for all users', 'incident'],
  ['returns errors since this morning', 'incident'],
  ['is very slow', 'incident'],
  ['shows wrong data', 'problem'],
  ['how do I configure it?', 'question'],
  ['please add a new user', 'task'],
  ['certificate expires next week', 'task'],
  ['question about the invoice', 'question'],
];
const PRIORITIES: readonly (readonly [TicketPriority | null, number])[] = [
  ['urgent', 5],
  ['high', 20],
  ['normal', 55],
  ['low', 15],
  [null, 5],
];
const TAGS = ['vip', 'billing', 'outage', 'sso', 'mobile', 'api', 'follow_up'];
const AGENT_REPLIES = [
  'Thanks for reporting this. We are looking into it now.',
  'We have identified the cause and are working on a fix.',
  'Could you send us the time it happened and the user involved?',
  'The fix is deployed. Can you confirm it works for you again?',
];
const NOTES = [
  'Checked the logs: errors started after the 09:00 deploy.',
  'Escalated to the platform team.',
  'Customer is on the premium contract; keep them posted every hour.',
  'Same root cause as last week, see the problem ticket.',
];
const CUSTOMER_REPLIES = [
  'It happened at 10:15 for all our users.',
  'Yes, it works again. Thank you!',
  'It is still not working on our side.',
  'Any update? This is blocking our team.',
];

function pickWeighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  return rng.weighted(entries);
}

function personName(rng: Rng): [string, string] {
  return [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
}

function emailLocal(first: string, last: string, n: number): string {
  const ascii = `${first}.${last}`
    .normalize('NFKD')
    .replace(/[^\w.]/g, '')
    .toLowerCase();
  return `${ascii}.${n}`;
}

/** Fills `state` with a support desk; the server clock's now is where the history ends. */
export function seedZendesk(state: ZendeskState, options: SeedOptions): SeededAccount {
  const seed = options.seed ?? 1;
  const token = options.token ?? DEV_TOKEN;
  const now = state.now();
  const spanMs = (options.spanDays ?? 30) * DAY;
  const historyEnd = now - QUIET_BEFORE_NOW;
  const accountStart = now - spanMs - 30 * DAY;
  const rng = new Rng(hashInts([seed, 0]));
  state.addApiToken(token);

  const organizations: OrganizationRecord[] = [];
  const organizationCount = options.organizations ?? COMPANIES.length;
  for (let i = 0; i < organizationCount; i += 1) {
    const [name, domain] = COMPANIES[i % COMPANIES.length] as readonly [string, string];
    const round = Math.floor(i / COMPANIES.length);
    organizations.push(
      state.addOrganization({
        name: round === 0 ? name : `${name} ${round + 1}`,
        domain_names: [round === 0 ? domain : `${round + 1}.${domain}`],
        created_at: accountStart,
      }),
    );
  }

  const agents: UserRecord[] = [];
  const agentCount = Math.max(2, options.agents ?? 6);
  for (let i = 0; i < agentCount; i += 1) {
    const [first, last] = personName(rng);
    agents.push(
      state.addUser({
        name: i === 0 ? 'Ada Admin' : `${first} ${last}`,
        email:
          i === 0
            ? 'admin@helpdesk.example'
            : i === 1
              ? 'agent@helpdesk.example'
              : `${emailLocal(first, last, i)}@helpdesk.example`,
        role: i === 0 ? 'admin' : 'agent',
        created_at: accountStart,
      }),
    );
  }

  const requesters: UserRecord[] = [];
  const requesterCount = options.requesters ?? Math.max(20, Math.ceil(options.tickets / 5));
  for (let i = 0; i < requesterCount; i += 1) {
    const [first, last] = personName(rng);
    const organization = organizations.length > 0 && !rng.chance(1 / 7) ? rng.pick(organizations) : null;
    const domain = organization?.domainNames[0] ?? 'mail.example';
    requesters.push(
      state.addUser({
        name: `${first} ${last}`,
        email: `${emailLocal(first, last, i)}@${domain}`,
        role: 'end-user',
        organization_id: organization?.id ?? null,
        created_at: accountStart,
      }),
    );
  }

  const starts: number[] = [];
  for (let i = 0; i < options.tickets; i += 1) {
    starts.push(historyEnd - Math.floor(new Rng(hashInts([seed, 1, i])).next() * spanMs));
  }
  starts.sort((a, b) => a - b);
  for (let i = 0; i < options.tickets; i += 1) {
    const ticketRng = new Rng(hashInts([seed, 2, i]));
    seedTicket(state, ticketRng, {
      createdAt: starts[i] as number,
      historyEnd,
      agents,
      requesters,
      history: options.history ?? 'full',
    });
  }
  return {
    token,
    admin: agents[0] as UserRecord,
    agent: agents[1] as UserRecord,
    agents,
    requesters,
    organizations,
  };
}

function seedTicket(
  state: ZendeskState,
  rng: Rng,
  context: {
    createdAt: number;
    historyEnd: number;
    agents: readonly UserRecord[];
    requesters: readonly UserRecord[];
    history: 'full' | 'none';
  },
): TicketRecord {
  const requester = rng.pick(context.requesters);
  const [problem, type] = rng.pick(PROBLEMS);
  const service = rng.pick(SERVICES);
  const priority = pickWeighted(rng, PRIORITIES);
  const ticket = state.createTicket(
    {
      subject: `${service[0]?.toUpperCase()}${service.slice(1)} ${problem}`,
      description: `Hello support,\n\n${service} ${problem}. Can you help?\n\nRegards,\n${requester.name}`,
      requester_id: requester.id,
      priority,
      type,
      tags: rng.chance(0.3) ? [rng.pick(TAGS)] : [],
    },
    { by: requester.id, via: rng.chance(0.6) ? 'email' : 'web', at: context.createdAt },
  );
  if (context.history === 'none') return ticket;

  const agent = rng.pick(context.agents);
  let at = context.createdAt;
  const step = (minMinutes: number, maxMinutes: number): boolean => {
    at += rng.int(minMinutes, maxMinutes) * MINUTE;
    return at <= context.historyEnd;
  };
  const act = (changes: Parameters<ZendeskState['updateTicket']>[1], by: number): void => {
    state.updateTicket(ticket.id, changes, { by, via: 'web', at });
  };

  if (!step(2, priority === 'urgent' ? 30 : 240)) return ticket;
  if (rng.chance(0.25))
    act({ assignee_id: agent.id, comment: { body: rng.pick(NOTES), public: false } }, agent.id);
  act(
    { status: 'open', assignee_id: agent.id, comment: { body: rng.pick(AGENT_REPLIES), public: true } },
    agent.id,
  );
  if (rng.chance(0.4)) {
    if (!step(10, 600)) return ticket;
    act({ comment: { body: rng.pick(NOTES), public: false } }, agent.id);
  }
  if (rng.chance(0.15)) {
    if (!step(5, 300)) return ticket;
    const escalate = ticket.priority !== 'urgent' && rng.chance(0.7);
    act({ priority: escalate ? 'urgent' : 'low' }, agent.id);
  }
  if (rng.chance(0.5)) {
    if (!step(10, 480)) return ticket;
    act({ status: 'pending', comment: { body: rng.pick(AGENT_REPLIES), public: true } }, agent.id);
    if (!step(30, 2 * 24 * 60)) return ticket;
    state.updateTicket(
      ticket.id,
      { comment: { body: rng.pick(CUSTOMER_REPLIES), public: true } },
      { by: ticket.requesterId, via: 'email', at },
    );
  }
  if (rng.chance(0.1)) {
    if (!step(10, 240)) return ticket;
    act({ status: 'hold', comment: { body: 'Waiting for the vendor.', public: false } }, agent.id);
  }
  if (rng.chance(0.3)) return ticket;
  if (!step(30, 3 * 24 * 60)) return ticket;
  act({ status: 'solved', comment: { body: rng.pick(AGENT_REPLIES), public: true } }, agent.id);
  at += 4 * DAY;
  if (at <= context.historyEnd) act({ status: 'closed' }, agent.id);
  return ticket;
}

/**
 * One thing happening on the desk now, for the dev server's live feel: a new ticket, a customer's reply or an
 * agent's update. Deterministic for a given `rng` and account.
 */
export function simulateActivity(state: ZendeskState, rng: Rng, account: SeededAccount): string {
  const roll = rng.next();
  const open = [...state.tickets.values()].filter((ticket) => !ticket.deleted && ticket.status !== 'closed');
  if (roll < 0.4 || open.length === 0) {
    const ticket = seedTicket(state, rng, {
      createdAt: state.now(),
      historyEnd: state.now(),
      agents: account.agents,
      requesters: account.requesters,
      history: 'none',
    });
    return `new ticket #${ticket.id}: ${ticket.subject}`;
  }
  const ticket = rng.pick(open);
  if (roll < 0.7) {
    state.addComment(
      ticket.id,
      { body: rng.pick(CUSTOMER_REPLIES), author_id: ticket.requesterId },
      { via: 'email' },
    );
    return `customer replied on #${ticket.id}`;
  }
  const agent = rng.pick(account.agents);
  const status = rng.pick(['open', 'pending', 'solved'] as const);
  state.updateTicket(
    ticket.id,
    { status, assignee_id: agent.id, comment: { body: rng.pick(AGENT_REPLIES), public: true } },
    { by: agent.id, via: 'web' },
  );
  return `${agent.name} set #${ticket.id} to ${status}`;
}
