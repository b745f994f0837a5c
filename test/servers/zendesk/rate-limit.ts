// Zendesk's rate limits on the server's clock: per-minute budgets, their headers, and 429 with Retry-After.
//
// Documented behaviour followed (developer.zendesk.com "Rate limits" and "Best practices for avoiding rate
// limiting"; per-endpoint limits from the Incremental Exports, Search and Tickets reference pages):
// - every response carries the account budget: `X-Rate-Limit` and `X-Rate-Limit-Remaining`;
// - list endpoints also carry `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` (seconds);
// - plan budgets are 200, 400, 700 or 2,500 requests a minute (default here 700); incremental exports allow
//   10 a minute, search export 100 a minute, Update Ticket 100 a minute for the account and 30 updates per
//   10 minutes per user per ticket; endpoint budgets count towards the account budget as well;
// - an exhausted budget answers 429 with `Retry-After` in seconds. Budgets here are fixed windows aligned
//   on the server clock's minute (Zendesk does not document its window shape).
export interface RateLimits {
  /** Account-wide requests per minute. */
  perMinute: number;
  /** Incremental export requests (tickets cursor, ticket events) per minute. */
  incrementalExportsPerMinute: number;
  searchExportPerMinute: number;
  ticketUpdatesPerMinute: number;
  /** Updates to one ticket by one user per 10 minutes. */
  updatesPerTicketPerUser: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perMinute: 700,
  incrementalExportsPerMinute: 10,
  searchExportPerMinute: 100,
  ticketUpdatesPerMinute: 100,
  updatesPerTicketPerUser: 30,
};

export type EndpointBudget = 'incrementalExports' | 'searchExport' | 'ticketUpdates';

export interface Admission {
  ok: boolean;
  headers: Record<string, string>;
}

const MINUTE = 60_000;
const TEN_MINUTES = 10 * MINUTE;

export class RateLimiter {
  private readonly counts = new Map<string, { window: number; used: number }>();

  constructor(
    private readonly limits: RateLimits | false,
    private readonly now: () => number,
  ) {}

  /**
   * Counts one request against the account budget and, when given, an endpoint budget and the per-ticket
   * budget. A refused request counts against nothing.
   */
  admit(request: {
    userId: number;
    list: boolean;
    endpoint?: EndpointBudget;
    ticketUpdate?: { ticketId: number };
  }): Admission {
    const now = this.now();
    if (!this.limits) return { ok: true, headers: {} };
    const limits = this.limits;
    const checks: { key: string; limit: number; span: number }[] = [
      { key: 'account', limit: limits.perMinute, span: MINUTE },
    ];
    if (request.endpoint) {
      const limit = {
        incrementalExports: limits.incrementalExportsPerMinute,
        searchExport: limits.searchExportPerMinute,
        ticketUpdates: limits.ticketUpdatesPerMinute,
      }[request.endpoint];
      checks.push({ key: request.endpoint, limit, span: MINUTE });
    }
    if (request.ticketUpdate) {
      checks.push({
        key: `ticket:${request.ticketUpdate.ticketId}:user:${request.userId}`,
        limit: limits.updatesPerTicketPerUser,
        span: TEN_MINUTES,
      });
    }
    const states = checks.map((check) => {
      const window = Math.floor(now / check.span) * check.span;
      const stored = this.counts.get(check.key);
      const used = stored && stored.window === window ? stored.used : 0;
      return { ...check, window, used };
    });
    const blocked = states.filter((state) => state.used >= state.limit);
    const ok = blocked.length === 0;
    if (ok)
      for (const state of states) this.counts.set(state.key, { window: state.window, used: state.used + 1 });
    const account = states[0] as (typeof states)[number];
    const accountUsed = ok ? account.used + 1 : account.used;
    const remaining = Math.max(0, account.limit - accountUsed);
    const resetSeconds = Math.max(1, Math.ceil((account.window + MINUTE - now) / 1000));
    const headers: Record<string, string> = {
      'X-Rate-Limit': String(account.limit),
      'X-Rate-Limit-Remaining': String(remaining),
    };
    if (request.list) {
      headers['ratelimit-limit'] = String(account.limit);
      headers['ratelimit-remaining'] = String(remaining);
      headers['ratelimit-reset'] = String(resetSeconds);
    }
    if (!ok) {
      const retryAfter = Math.max(
        ...blocked.map((state) => Math.max(1, Math.ceil((state.window + state.span - now) / 1000))),
      );
      headers['Retry-After'] = String(retryAfter);
    }
    return { ok, headers };
  }
}
