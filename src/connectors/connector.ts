// The interface every ticket system implements (the demo desk included): pull pages of server state after a cursor,
// one cursor per resource; push one change with its precondition, and find out whether a change whose answer was
// lost arrived; read one ticket fresh; say who the connection acts as. Every call is cancellable and fails with
// typed errors.
import type { ActionFields, TicketAction } from '../domain/action';
import type { CustomerRecord, NoteRecord, TicketChange, TicketRecord } from '../domain/ticket';

/**
 * A ticket as a connector hands it over. `notes` and `history` may be left out: absent means "keep what is
 * stored" (a ticket export that carries neither must not wipe them); present means "this is the whole list" (the
 * stored notes not in it are deleted, the stored history is replaced). A connector sends each of them either
 * whole in its tickets or piecewise in additions, never both. `firstResponseAt: null` means the record knows of no
 * first response: a stored one is kept, and of two known instants the earliest wins.
 */
export type PulledTicket = Omit<TicketRecord, 'notes' | 'history'> &
  Partial<Pick<TicketRecord, 'notes' | 'history'>>;

/**
 * What a separate stream (e.g. Zendesk's ticket events export) adds to one ticket. Notes are upserted by id,
 * history entries are appended (duplicates dropped, kept in time order), and `firstResponseAt` only ever moves
 * earlier. An addition for a ticket not stored yet is kept in the database and applied when the ticket arrives,
 * in whatever later page or round that is.
 */
export interface TicketAddition {
  externalId: string;
  notes?: NoteRecord[];
  history?: TicketChange[];
  firstResponseAt?: number;
}

/**
 * A ticket that left the ticket system at server time `at`. It leaves the queue, and its server state stays
 * (marked deleted) so that an older copy of the ticket, re-delivered later, cannot bring it back; a record newer
 * than `at` does (a restored ticket). A ticket with changes still waiting in the outbox stays visible until they
 * are settled. A tombstone for a ticket not stored yet is kept and applied if the ticket arrives.
 */
export interface Tombstone {
  externalId: string;
  reason: 'deleted' | 'merged';
  /** The ticket it was merged into (reason 'merged' only). */
  mergedInto?: string;
  at: number;
}

export interface PullPage {
  customers: CustomerRecord[];
  tickets: PulledTicket[];
  additions?: TicketAddition[];
  tombstones?: Tombstone[];
  /**
   * Opaque server cursor to pass to the next pull of this resource; it is committed with this page, in the same
   * transaction. It must move whenever `hasMore` is true: a page that says "more" but hands back the cursor it was
   * asked for is an error (the connection stops for that round instead of looping).
   */
  cursor: string;
  /** True when more pages are ready right now. */
  hasMore: boolean;
}

/** Every call takes a signal: Piket aborts it on its timeout and when it shuts down. */
export interface CallOptions {
  signal: AbortSignal;
}

/** Who a connection acts as on its ticket system, and what it may do there. */
export interface ConnectionIdentity {
  userId: string;
  name: string;
  email: string | null;
  /** The role as the ticket system names it (e.g. 'admin', 'agent'). */
  role: string;
  /** Whether this identity may use the system's full export (else a slower fallback, e.g. search export). */
  canExport: boolean;
}

/** One change for the ticket system: the user's action on one ticket, with the id that makes it findable. */
export interface PushRequest {
  /** The client id of the change, unique for ever; the connector leaves it on the server as a hidden marker. */
  mutationId: string;
  /** The ticket's id in the ticket system. */
  externalId: string;
  action: TicketAction;
  /**
   * The server version (`updatedAt`) the change was made on: the ticket system must refuse the change with a
   * `conflict` error when the ticket changed since (e.g. Zendesk's safe_update). Null for a change that only
   * adds (a note, a reply): it needs no precondition.
   */
  baseUpdatedAt: number | null;
  /** The values of the fields the change overwrites, as the user saw them (e.g. the status an `ack` found). */
  seen: Partial<ActionFields>;
}

/** What the ticket system answered to a change it applied. */
export interface PushReceipt {
  /** The ticket's server version after the change; the change leaves the outbox once a pull brings this one. */
  updatedAt: number;
  /**
   * For a note or reply: the note's id as pulls report it (the change leaves the outbox once a pull brings that
   * note). Otherwise the server's id of the update (e.g. a Zendesk audit id), for the record; null when none.
   */
  remoteRef: string | null;
  /** The ticket as the server answered (notes and history may be left out), when the answer carries it. */
  ticket?: PulledTicket;
}

export interface Connector {
  /** Stable id of this connection, the `source` of every record it returns. */
  readonly source: string;
  /** Name shown to the user. */
  readonly label: string;
  /**
   * What one round pulls, in this order, each with its own cursor in `sync_state (source, resource)`; e.g.
   * `['tickets', 'events']`, so that a ticket usually arrives before the events that add to it.
   */
  readonly resources: readonly string[];
  /**
   * The next page of `resource` after `cursor` (null: from the start). Must honour `signal`; Piket also stops
   * waiting for a call that ignores it. Failures should be `ConnectorError`s; anything else counts as transient.
   */
  pull(resource: string, cursor: string | null, options: CallOptions): Promise<PullPage>;
  whoAmI(options: CallOptions): Promise<ConnectionIdentity>;
  /**
   * Applies one change. Fails with `conflict` when the precondition does not hold, `validation` when the ticket
   * system refuses the change itself (e.g. a closed ticket), `not_found` when the ticket is gone.
   */
  push(request: PushRequest, options: CallOptions): Promise<PushReceipt>;
  /**
   * For a change whose answer never came (a timeout, a crash between the server's answer and the local commit):
   * the receipt when the ticket system has it (found by its marker), null when it surely does not.
   */
  findPushed(request: PushRequest, options: CallOptions): Promise<PushReceipt | null>;
  /** The ticket as the server has it now (notes and history may be left out); null when it is gone. */
  fetchTicket(externalId: string, options: CallOptions): Promise<PulledTicket | null>;
}

/**
 * What went wrong, as far as it decides what to do next:
 * - `auth`, `permission`: the connection stops until the user asks to sync again or changes its settings;
 * - `rate_limited`: wait `retryAfterMs` (from `Retry-After` or the reset headers), then try again;
 * - `transient` (5xx), `network` (DNS, TLS, refused, reset), `timeout`, `protocol` (a response that breaks the
 *   API's rules: truncated JSON, a cursor that does not move): back off exponentially with full jitter;
 * - `not_found`, `validation`, `conflict`: answers to one request about one record (used by pushes); a pull that
 *   meets them backs off like `transient`.
 */
export const CONNECTOR_ERROR_KINDS = [
  'auth',
  'permission',
  'rate_limited',
  'not_found',
  'validation',
  'conflict',
  'transient',
  'network',
  'timeout',
  'protocol',
] as const;
export type ConnectorErrorKind = (typeof CONNECTOR_ERROR_KINDS)[number];

export interface ConnectorErrorDetails {
  /** The HTTP status, when there was one. */
  status?: number;
  /** How long the server asked to wait (rate limits), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A ticket-system failure with its class and a message for people ("Zendesk refused the token", not "401"). */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    details: ConnectorErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}
