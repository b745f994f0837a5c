// A small subset of Zendesk's ticket search syntax, enough for a connector's search-export fallback.
//
// From the Zendesk Support search reference: terms separated by spaces; `property:value`, `property>value`,
// `property<value`, `>=`, `<=`; a leading `-` negates a term; words without a property search the text.
// Properties understood: status and priority (with `<`/`>` on their natural order: new < open < pending <
// hold < solved < closed, low < normal < high < urgent), created and updated (a date `2026-01-15`, a UTC
// datetime `2026-01-15T10:00:00Z` or with an offset, or a relative `4hours`, `30minutes`, `2days`, `1weeks`),
// assignee, requester and organization (an id, or `none`), and tags/tag. A `type:` term is refused: search
// export takes the type only from `filter[type]` ("Searches with type in the query string will result in an
// error", Export Search Results reference).
import type { TicketRecord } from './state';
import { TICKET_PRIORITIES, TICKET_STATUSES } from './types';

type Operator = ':' | '>' | '<' | '>=' | '<=';
export type TicketPredicate = (ticket: TicketRecord) => boolean;

export class SearchQueryError extends Error {}

const DAY = 86_400_000;
const RELATIVE_UNITS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: DAY,
  days: DAY,
  week: 7 * DAY,
  weeks: 7 * DAY,
};

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const pattern = /-?[\w.]+(?:>=|<=|[:<>])"[^"]*"|"[^"]*"|\S+/g;
  for (const match of query.matchAll(pattern)) tokens.push(match[0].replace(/"/g, ''));
  return tokens;
}

function compareOrdered(
  order: readonly string[],
  actual: string | null,
  operator: Operator,
  wanted: string,
): boolean {
  if (actual === null) return false;
  const a = order.indexOf(actual);
  const b = order.indexOf(wanted);
  switch (operator) {
    case ':':
      return a === b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
  }
}

/** The instant range [from, to) a date value names; a datetime or relative time is a single instant. */
function timeRange(value: string, now: number): { from: number; to: number } {
  const relative = /^(\d+)([a-z]+)$/i.exec(value);
  if (relative) {
    const unit = RELATIVE_UNITS[(relative[2] as string).toLowerCase()];
    if (unit === undefined) throw new SearchQueryError(`unknown time unit in "${value}"`);
    const instant = now - Number(relative[1]) * unit;
    return { from: instant, to: instant };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const from = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(from) || new Date(from).toISOString().slice(0, 10) !== value) {
      throw new SearchQueryError(`invalid date "${value}"`);
    }
    return { from, to: from + DAY };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const instant = Date.parse(value);
    if (Number.isNaN(instant)) throw new SearchQueryError(`invalid datetime "${value}"`);
    return { from: instant, to: instant };
  }
  throw new SearchQueryError(`"${value}" is not a date, a datetime or a relative time such as 4hours`);
}

function compareTime(actual: number, operator: Operator, range: { from: number; to: number }): boolean {
  const point = range.from === range.to;
  switch (operator) {
    case ':':
      return point ? actual === range.from : actual >= range.from && actual < range.to;
    case '>':
      return point ? actual > range.from : actual >= range.to;
    case '>=':
      return actual >= range.from;
    case '<':
      return actual < range.from;
    case '<=':
      return point ? actual <= range.from : actual < range.to;
  }
}

function idTerm(value: string, actual: (ticket: TicketRecord) => number | null): TicketPredicate {
  if (value === 'none') return (ticket) => actual(ticket) === null;
  if (!/^\d+$/.test(value)) throw new SearchQueryError(`"${value}" is not an id or none`);
  const id = Number(value);
  return (ticket) => actual(ticket) === id;
}

function term(property: string, operator: Operator, value: string, now: number): TicketPredicate {
  const wanted = value.toLowerCase();
  switch (property) {
    case 'type':
      throw new SearchQueryError('type is not allowed in the query of a search export: use filter[type]');
    case 'status':
      if (!(TICKET_STATUSES as readonly string[]).includes(wanted)) {
        throw new SearchQueryError(`unknown status "${value}"`);
      }
      return (ticket) => compareOrdered(TICKET_STATUSES, ticket.status, operator, wanted);
    case 'priority':
      if (!(TICKET_PRIORITIES as readonly string[]).includes(wanted)) {
        throw new SearchQueryError(`unknown priority "${value}"`);
      }
      return (ticket) => compareOrdered(TICKET_PRIORITIES, ticket.priority, operator, wanted);
    case 'created': {
      const range = timeRange(value, now);
      return (ticket) => compareTime(ticket.createdAt, operator, range);
    }
    case 'updated': {
      const range = timeRange(value, now);
      return (ticket) => compareTime(ticket.updatedAt, operator, range);
    }
    case 'assignee':
      return idTerm(wanted, (ticket) => ticket.assigneeId);
    case 'requester':
      return idTerm(wanted, (ticket) => ticket.requesterId);
    case 'organization':
      return idTerm(wanted, (ticket) => ticket.organizationId);
    case 'tags':
    case 'tag':
      return (ticket) => ticket.tags.includes(wanted);
    default:
      return textTerm(`${property}${operator}${value}`);
  }
}

function textTerm(word: string): TicketPredicate {
  const needle = word.toLowerCase();
  return (ticket) =>
    ticket.subject.toLowerCase().includes(needle) || ticket.description.toLowerCase().includes(needle);
}

/** Compiles a query into a predicate over live tickets; throws SearchQueryError for what it cannot read. */
export function compileTicketQuery(query: string, now: number): TicketPredicate {
  const predicates: TicketPredicate[] = [];
  for (const token of tokenize(query)) {
    const negated = token.startsWith('-') && token.length > 1;
    const body = negated ? token.slice(1) : token;
    const parts = /^([a-z_]+)(>=|<=|[:<>])(.+)$/i.exec(body);
    const predicate = parts
      ? term((parts[1] as string).toLowerCase(), parts[2] as Operator, parts[3] as string, now)
      : textTerm(body);
    predicates.push(negated ? (ticket) => !predicate(ticket) : predicate);
  }
  return (ticket) => predicates.every((predicate) => predicate(ticket));
}
