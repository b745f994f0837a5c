// Talking to one Zendesk over HTTPS: reads (GET) and changes (PUT), each request authenticated with the API token
// read at that moment, cancellable by its AbortSignal, spaced out when Zendesk says the rate budget runs low, and
// every failure turned into a ConnectorError whose kind decides what the sync does next and whose message a person
// can act on (a refused change is worded as one). The token never appears in a message, a log line or an error's
// cause.
import type { z } from 'zod';
import type { Clock } from '../../domain/clock';
import { PIKET_VERSION } from '../../platform/version';
import { ConnectorError } from '../connector';

export interface ZendeskHttpOptions {
  /** e.g. https://acme.zendesk.com (no trailing slash). */
  baseUrl: string;
  /** The login the API token belongs to. */
  email: string;
  /** Reads the API token now; throws SecretError when it cannot. */
  secret: () => string;
  clock: Clock;
  log: (line: string) => void;
}

export type Query = Record<string, string | number | undefined>;

/** What a request does, for the wording of its failures: reads `what`, or changes it. */
type Intent = 'read' | 'change';

/** When fewer than this share of the per-minute budget is left, requests are spread over the rest of the minute. */
const LOW_BUDGET_SHARE = 0.1;
const MINUTE_MS = 60_000;
const USER_AGENT = `Piket/${PIKET_VERSION} (on-call desktop app; Zendesk connector)`;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const CUT_OFF_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const SLOW_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const UNREACHABLE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/;

/** The `code`s and messages along an error's cause chain (fetch wraps the socket's error in "fetch failed"). */
function causeChain(error: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') codes.push(code);
    messages.push(current.message);
    current = current.cause;
  }
  return { codes, messages };
}

/**
 * Zendesk's error body: `{ error, description, details }`, or `{ error: { title, message } }` on newer APIs. For a
 * refused change the per-field details alone, when there are any: they say what is wrong ("Status: closed prevents
 * ticket update"), while the description beside them is the generic "Record validation errors".
 */
function errorText(body: unknown, intent: Intent): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { error, description, details } = body as Record<string, unknown>;
  const specifics =
    typeof details === 'object' && details !== null
      ? Object.values(details as Record<string, unknown>)
          .flatMap((list) => (Array.isArray(list) ? list : []))
          .map((item) => (item as { description?: unknown }).description)
          .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
      : [];
  const parts: string[] = [];
  if (intent === 'change' && specifics.length > 0) parts.push(specifics.join('; '));
  else {
    if (typeof description === 'string' && description.trim()) parts.push(description.trim());
    else if (typeof error === 'object' && error !== null) {
      const { title, message } = error as Record<string, unknown>;
      if (typeof message === 'string' && message.trim()) parts.push(message.trim());
      else if (typeof title === 'string' && title.trim()) parts.push(title.trim());
    } else if (typeof error === 'string' && error.trim()) parts.push(error.trim());
    if (specifics.length > 0) parts.push(specifics.join('; '));
  }
  const trimmed = parts.map((part) => part.replace(/[.\s]+$/, '')).filter(Boolean);
  return trimmed.length > 0 ? trimmed.join(': ').slice(0, 500) : null;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  const whole = Math.ceil(ms / 1000);
  return `${whole} second${whole === 1 ? '' : 's'}`;
}

export class ZendeskHttp {
  readonly host: string;
  /** Not before this instant (clock time) does the next request go out; 0 when the budget is ample. */
  private nextRequestAt = 0;

  constructor(private readonly options: ZendeskHttpOptions) {
    this.host = new URL(options.baseUrl).host;
  }

  /**
   * GETs `path` (e.g. `/api/v2/users/me.json`) and returns its JSON body checked against `schema`. `what` names
   * the resource in messages ("the incremental ticket export").
   */
  get<T>(path: string, query: Query, schema: z.ZodType<T>, what: string, signal: AbortSignal): Promise<T> {
    const url = new URL(path, this.options.baseUrl);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return this.request('GET', url, undefined, schema, what, 'read', signal);
  }

  /**
   * PUTs `body` as JSON to `path` and returns the answer checked against `schema`. `what` names what the change
   * is made to ("ticket 123"): failures say "Zendesk refused the change to ticket 123: …", a 404 says that it no
   * longer exists in Zendesk.
   */
  put<T>(path: string, body: unknown, schema: z.ZodType<T>, what: string, signal: AbortSignal): Promise<T> {
    return this.request('PUT', new URL(path, this.options.baseUrl), body, schema, what, 'change', signal);
  }

  private async request<T>(
    method: 'GET' | 'PUT',
    url: URL,
    body: unknown,
    schema: z.ZodType<T>,
    what: string,
    intent: Intent,
    signal: AbortSignal,
  ): Promise<T> {
    const doing = intent === 'change' ? `the change to ${what}` : what;
    await this.pace(signal, doing);
    const token = this.options.secret();
    const authorization = `Basic ${Buffer.from(`${this.options.email}/token:${token}`, 'utf8').toString('base64')}`;
    const headers: Record<string, string> = {
      Authorization: authorization,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
        signal,
      });
      this.notePace(response.headers);
      text = await response.text();
    } catch (error) {
      throw this.failure(error, signal, doing);
    }
    if (response.status >= 200 && response.status < 300) return this.parse(response, text, schema, doing);
    throw this.refusal(response, text, what, intent);
  }

  /** Waits until the spaced-out slot of the next request, unless the signal ends the wait first. */
  private async pace(signal: AbortSignal, what: string): Promise<void> {
    const { clock } = this.options;
    const wait = this.nextRequestAt - clock.now();
    if (wait > 0) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          clock.clearTimer(timer);
          reject(this.failure(signal.reason, signal, what));
        };
        const timer = clock.setTimer(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    if (signal.aborted) throw this.failure(signal.reason, signal, what);
  }

  /** Reads the account budget (X-Rate-Limit, X-Rate-Limit-Remaining) and spaces requests when little is left. */
  private notePace(headers: Headers): void {
    const limit = Number(headers.get('x-rate-limit'));
    const remaining = Number(headers.get('x-rate-limit-remaining'));
    if (!headers.has('x-rate-limit-remaining') || !(limit > 0) || !Number.isFinite(remaining)) return;
    if (remaining >= limit * LOW_BUDGET_SHARE) {
      this.nextRequestAt = 0;
      return;
    }
    const reset = Number(headers.get('ratelimit-reset'));
    const windowMs = reset > 0 ? reset * 1000 : MINUTE_MS;
    const gap = Math.ceil(windowMs / (Math.max(remaining, 0) + 1));
    if (this.nextRequestAt === 0)
      this.options.log(
        `Zendesk ${this.host}: ${remaining} of ${limit} requests left this minute; spacing requests out (the next waits ${seconds(gap)}).`,
      );
    this.nextRequestAt = this.options.clock.now() + gap;
  }

  private parse<T>(response: Response, text: string, schema: z.ZodType<T>, what: string): T {
    const type = response.headers.get('content-type') ?? '';
    if (/html|xml/i.test(type) || (type !== '' && !/json/i.test(type))) {
      throw this.notZendesk(`its answer to ${what} is ${type.split(';')[0]}, not JSON`, response.status);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw this.notZendesk(`its answer to ${what} is cut off or not valid JSON`, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      throw this.notZendesk(`its answer to ${what} lacks what Zendesk sends${where}`, response.status);
    }
    return parsed.data;
  }

  private notZendesk(detail: string, status?: number): ConnectorError {
    return new ConnectorError('protocol', `${this.host} does not answer like a Zendesk: ${detail}.`, {
      status,
    });
  }

  /** A non-2xx answer as a ConnectorError. */
  private refusal(response: Response, text: string, what: string, intent: Intent): ConnectorError {
    const { status, headers } = response;
    const email = this.options.email;
    const change = intent === 'change';
    const doing = change ? `the change to ${what}` : what;
    if (status === 429) {
      const retryAfterMs = this.retryAfter(headers);
      const when = retryAfterMs === undefined ? 'later' : `in ${seconds(retryAfterMs)}`;
      return new ConnectorError(
        'rate_limited',
        `Zendesk asks Piket to slow down (rate limit reached); Piket tries again ${when}.`,
        { status, retryAfterMs },
      );
    }
    if (status >= 500) {
      return new ConnectorError(
        'transient',
        `Zendesk could not answer ${doing} (HTTP ${status}); Piket tries again later.`,
        { status, retryAfterMs: this.retryAfter(headers) },
      );
    }
    if (status >= 300 && status < 400) {
      const location = headers.get('location');
      return this.notZendesk(
        location ? `it redirects to ${location.slice(0, 200)}; give that address instead` : `HTTP ${status}`,
        status,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return this.notZendesk(`it answers ${doing} with HTTP ${status} and no JSON`, status);
    }
    const said = errorText(body, intent);
    const saying = said ? `: ${said}` : '';
    switch (status) {
      case 401:
        return new ConnectorError(
          'auth',
          `Zendesk refused the token for ${email}: check the e-mail address and the API token.`,
          { status },
        );
      case 403:
        return new ConnectorError(
          'permission',
          `Zendesk does not allow ${email} to ${change ? 'change' : 'read'} ${what}${saying}.`,
          { status },
        );
      case 404:
        return new ConnectorError(
          'not_found',
          change
            ? `${capitalized(what)} no longer exists in Zendesk.`
            : `Zendesk answers that ${what} does not exist (HTTP 404).`,
          { status },
        );
      case 409:
        return new ConnectorError('conflict', `Zendesk refused the change to ${what}${saying}.`, { status });
      case 400:
      case 422:
        return new ConnectorError(
          'validation',
          `Zendesk refused the ${change ? 'change to' : 'request for'} ${what}${saying}.`,
          { status },
        );
      default:
        return this.notZendesk(`it answers ${doing} with HTTP ${status}${saying}`, status);
    }
  }

  /** How long to wait, from `Retry-After` (seconds or an HTTP date) or else `ratelimit-reset` (seconds). */
  private retryAfter(headers: Headers): number | undefined {
    const value = headers.get('retry-after')?.trim();
    if (value) {
      if (/^\d+$/.test(value)) return Number(value) * 1000;
      const at = Date.parse(value);
      if (!Number.isNaN(at)) {
        const serverNow = Date.parse(headers.get('date') ?? '');
        return Math.max(0, at - (Number.isNaN(serverNow) ? this.options.clock.now() : serverNow));
      }
    }
    const reset = headers.get('ratelimit-reset')?.trim();
    return reset && /^\d+$/.test(reset) ? Number(reset) * 1000 : undefined;
  }

  /** A request that got no (complete) answer: cancelled, timed out, or the network failed. */
  private failure(error: unknown, signal: AbortSignal, what: string): ConnectorError {
    if (error instanceof ConnectorError) return error;
    const host = this.host;
    if (signal.aborted) {
      const timedOut = signal.reason instanceof Error && signal.reason.name === 'TimeoutError';
      return new ConnectorError(
        'timeout',
        timedOut
          ? `Zendesk (${host}) did not answer ${what} in time.`
          : `The request to Zendesk (${host}) for ${what} was cancelled.`,
        { cause: error },
      );
    }
    const { codes, messages } = causeChain(error);
    const code = codes[0] ?? null;
    const has = (set: Set<string>): boolean => codes.some((candidate) => set.has(candidate));
    if (has(DNS_CODES))
      return new ConnectorError(
        'network',
        `The address ${host} does not resolve: check the Zendesk address and this computer's network.`,
        { cause: error },
      );
    if (codes.includes('ECONNREFUSED'))
      return new ConnectorError(
        'network',
        `${host} refuses the connection: check the address (and port) and that the server is up.`,
        { cause: error },
      );
    const tlsCode = codes.find((candidate) => TLS_CODE.test(candidate));
    if (tlsCode || messages.some((message) => /certificate|ssl|tls/i.test(message))) {
      const certificate = /CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ALTNAME/.test(tlsCode ?? '');
      return new ConnectorError(
        'network',
        certificate
          ? `The secure connection (TLS) to ${host} failed: its certificate is not trusted (${tlsCode}).`
          : `The secure connection (TLS) to ${host} failed${tlsCode ? ` (${tlsCode})` : ''}: is it an https address?`,
        { cause: error },
      );
    }
    if (has(SLOW_CODES))
      return new ConnectorError('timeout', `Zendesk (${host}) did not answer ${what} in time.`, {
        cause: error,
      });
    if (has(CUT_OFF_CODES) || messages.some((message) => /terminated|other side closed/i.test(message)))
      return new ConnectorError(
        'network',
        `The connection to ${host} broke off before Zendesk answered ${what}.`,
        {
          cause: error,
        },
      );
    if (has(UNREACHABLE_CODES))
      return new ConnectorError('network', `${host} cannot be reached from this network (${code}).`, {
        cause: error,
      });
    return new ConnectorError(
      'network',
      `Piket could not reach ${host} (${code ?? messages.at(-1) ?? 'error'}).`,
      {
        cause: error,
      },
    );
  }
}
