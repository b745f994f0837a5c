// An in-process ticket system for the push tests, with fault injection per call. It keeps tickets in memory under a
// version counter (every change, ours or someone else's, makes a new `updatedAt`), applies pushes under their
// precondition (a stale `baseUpdatedAt` is refused as a 409-like `conflict`), leaves a hidden marker per change
// (mutation id → receipt) for `findPushed`, serves single tickets and incremental pages (tickets and tombstones
// after a version cursor), and counts how often it applied each change, so a test can prove "exactly once".
// A test scripts the next calls of a method with faults: fail with a ConnectorError, hang until aborted, apply the
// change and then lose the answer (fail or hang), or answer after a delay on the injected clock.
import {
  ConnectorError,
  type CallOptions,
  type Connector,
  type ConnectorErrorDetails,
  type ConnectorErrorKind,
  type PullPage,
  type PushReceipt,
  type PushRequest,
  type Tombstone,
} from '../../src/connectors/connector';
import type { Clock } from '../../src/domain/clock';
import type { TicketRecord } from '../../src/domain/ticket';
import { customerRecord, ticketRecord } from './records';

export type DeskMethod = 'push' | 'findPushed' | 'fetchTicket' | 'pull';

export type Fault =
  /** The call fails at once, without touching the desk. */
  | { fail: ConnectorError }
  /** The call never answers; it settles only when its signal aborts (a timeout or shutdown). */
  | { hang: true }
  /** (push) The desk applies the change, then the answer is lost with this error. */
  | { applyThenFail: ConnectorError }
  /** (push) The desk applies the change, then never answers until the signal aborts. */
  | { applyThenHang: true }
  /** The call answers normally after this many ms on the clock. */
  | { delayMs: number };

export function fault(
  kind: ConnectorErrorKind,
  message = `Scripted ${kind}`,
  details: ConnectorErrorDetails = {},
): { fail: ConnectorError } {
  return { fail: new ConnectorError(kind, message, details) };
}

export function lostAnswer(kind: ConnectorErrorKind, status?: number): Fault {
  return { applyThenFail: new ConnectorError(kind, `Scripted ${kind} after applying`, { status }) };
}

export interface DeskCall {
  method: DeskMethod;
  externalId?: string;
  mutationId?: string;
  baseUpdatedAt?: number | null;
}

export interface ScriptedDeskOptions {
  clock: Pick<Clock, 'setTimer' | 'clearTimer'>;
  source?: string;
  label?: string;
  /** The desk's first version; every change moves it on by one second. */
  start: number;
  /** The name the connection acts as (who "assign to me" assigns). */
  me?: string;
  /** Whether a push's answer carries the changed ticket (as Zendesk's ticket update does). */
  receiptCarriesTicket?: boolean;
}

interface Stored {
  ticket: TicketRecord;
  deletedAt: number | null;
}

type Edit = Partial<Pick<TicketRecord, 'subject' | 'status' | 'priority' | 'assignee'>>;

export class ScriptedDesk implements Connector {
  readonly source: string;
  readonly label: string;
  readonly resources = ['tickets'] as const;
  /** Every call, in order. */
  readonly calls: DeskCall[] = [];
  private readonly me: string;
  private readonly clock: Pick<Clock, 'setTimer' | 'clearTimer'>;
  private readonly receiptCarriesTicket: boolean;
  private readonly start: number;
  private version: number;
  private readonly tickets = new Map<string, Stored>();
  private readonly markers = new Map<string, PushReceipt>();
  private readonly applications = new Map<string, number>();
  private readonly faults = new Map<DeskMethod, Fault[]>();
  private audits = 0;

  constructor(options: ScriptedDeskOptions) {
    this.source = options.source ?? 'scripted';
    this.label = options.label ?? 'Scripted desk';
    this.me = options.me ?? 'Ann';
    this.clock = options.clock;
    this.receiptCarriesTicket = options.receiptCarriesTicket ?? false;
    this.start = options.start;
    this.version = options.start;
  }

  /** The next calls of `method` meet these faults, one per call, in order; later calls behave. */
  script(method: DeskMethod, ...faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Creates a ticket (a new P3 incident unless `overrides` say otherwise). */
  add(externalId: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
    const at = this.nextVersion();
    const ticket = ticketRecord({
      source: this.source,
      externalId,
      customerExternalId: 'acme',
      createdAt: at,
      updatedAt: at,
      ...overrides,
    });
    this.tickets.set(externalId, { ticket, deletedAt: null });
    return structuredClone(ticket);
  }

  /** Someone else changes a ticket on the desk: a new version. */
  edit(externalId: string, edit: Edit): number {
    const stored = this.live(externalId);
    const at = this.nextVersion();
    stored.ticket = { ...stored.ticket, ...edit, updatedAt: at };
    return at;
  }

  /** Someone deletes a ticket on the desk: pulls report a tombstone, pushes and reads say it is gone. */
  remove(externalId: string): void {
    this.live(externalId).deletedAt = this.nextVersion();
  }

  /** The desk's copy of a ticket (deleted ones too). */
  ticket(externalId: string): TicketRecord {
    const stored = this.tickets.get(externalId);
    if (!stored) throw new Error(`The scripted desk has no ticket ${externalId}`);
    return structuredClone(stored.ticket);
  }

  /** How often the desk applied the change with this mutation id. */
  applied(mutationId: string): number {
    return this.applications.get(mutationId) ?? 0;
  }

  /** The receipt the desk answered (or would answer) for the change with this mutation id: its hidden marker. */
  receipt(mutationId: string): PushReceipt | undefined {
    const receipt = this.markers.get(mutationId);
    return receipt && structuredClone(receipt);
  }

  /** The calls of one method, optionally for one change only. */
  callsOf(method: DeskMethod, mutationId?: string): DeskCall[] {
    return this.calls.filter(
      (call) => call.method === method && (mutationId === undefined || call.mutationId === mutationId),
    );
  }

  async pull(resource: string, cursor: string | null, { signal }: CallOptions): Promise<PullPage> {
    this.calls.push({ method: 'pull' });
    const fault = this.take('pull');
    await this.before(fault, signal);
    const after = cursor === null ? -Infinity : Number(cursor);
    const live = [...this.tickets.values()].filter((s) => s.deletedAt === null && s.ticket.updatedAt > after);
    const tombstones: Tombstone[] = [...this.tickets.values()]
      .filter((s) => s.deletedAt !== null && s.deletedAt > after)
      .map((s) => ({ externalId: s.ticket.externalId, reason: 'deleted', at: s.deletedAt! }));
    return {
      customers:
        cursor === null
          ? [customerRecord({ source: this.source, externalId: 'acme', updatedAt: this.start })]
          : [],
      tickets: live.map((s) => structuredClone(s.ticket)),
      tombstones,
      cursor: String(this.version),
      hasMore: false,
    };
  }

  async whoAmI() {
    return { userId: '1', name: this.me, email: null, role: 'agent', canExport: true };
  }

  async push(request: PushRequest, { signal }: CallOptions): Promise<PushReceipt> {
    const { externalId, mutationId, baseUpdatedAt } = request;
    this.calls.push({ method: 'push', externalId, mutationId, baseUpdatedAt });
    const fault = this.take('push');
    await this.before(fault, signal);
    const receipt = this.apply(request);
    if (fault && 'applyThenFail' in fault) throw fault.applyThenFail;
    if (fault && 'applyThenHang' in fault) await hang(signal);
    return receipt;
  }

  async findPushed(request: PushRequest, { signal }: CallOptions): Promise<PushReceipt | null> {
    this.calls.push({ method: 'findPushed', externalId: request.externalId, mutationId: request.mutationId });
    await this.before(this.take('findPushed'), signal);
    const receipt = this.markers.get(request.mutationId);
    return receipt ? structuredClone(receipt) : null;
  }

  async fetchTicket(externalId: string, { signal }: CallOptions): Promise<TicketRecord | null> {
    this.calls.push({ method: 'fetchTicket', externalId });
    await this.before(this.take('fetchTicket'), signal);
    const stored = this.tickets.get(externalId);
    return stored && stored.deletedAt === null ? structuredClone(stored.ticket) : null;
  }

  private nextVersion(): number {
    this.version += 1000;
    return this.version;
  }

  private live(externalId: string): Stored {
    const stored = this.tickets.get(externalId);
    if (!stored || stored.deletedAt !== null)
      throw new Error(`The scripted desk has no live ticket ${externalId}`);
    return stored;
  }

  private take(method: DeskMethod): Fault | undefined {
    return this.faults.get(method)?.shift();
  }

  /** What a fault does before the desk acts. */
  private async before(fault: Fault | undefined, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (!fault) return;
    if ('fail' in fault) throw fault.fail;
    if ('hang' in fault) await hang(signal);
    if ('delayMs' in fault) await this.delay(fault.delayMs, signal);
  }

  private delay(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimer(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          this.clock.clearTimer(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Applies one change as a ticket system would: precondition first, then a new version and a marker. */
  private apply({ externalId, mutationId, action, baseUpdatedAt }: PushRequest): PushReceipt {
    const stored = this.tickets.get(externalId);
    if (!stored || stored.deletedAt !== null) {
      throw new ConnectorError('not_found', `Ticket ${externalId} does not exist in ${this.label}.`, {
        status: 404,
      });
    }
    if (baseUpdatedAt !== null && baseUpdatedAt !== stored.ticket.updatedAt) {
      throw new ConnectorError('conflict', `Ticket ${externalId} changed in ${this.label} since.`, {
        status: 409,
      });
    }
    const at = this.nextVersion();
    const ticket: TicketRecord = { ...stored.ticket, notes: [...stored.ticket.notes], updatedAt: at };
    switch (action.kind) {
      case 'ack':
        if (ticket.status === 'new') ticket.status = 'acknowledged';
        ticket.assignee = this.me;
        break;
      case 'note':
      case 'reply':
        ticket.notes.push({
          externalId: `note-${at}`,
          author: this.me,
          body: action.body,
          public: action.kind === 'reply',
          createdAt: at,
        });
        break;
      case 'status':
        ticket.status = action.status;
        break;
      case 'priority':
        ticket.priority = action.priority;
        break;
      case 'assign':
        ticket.assignee = this.me;
        break;
      case 'resolve':
        ticket.status = 'resolved';
        ticket.resolvedAt = at;
        break;
    }
    const remoteRef =
      action.kind === 'note' || action.kind === 'reply' ? `note-${at}` : `audit-${++this.audits}`;
    stored.ticket = ticket;
    this.applications.set(mutationId, this.applied(mutationId) + 1);
    const receipt: PushReceipt = {
      updatedAt: at,
      remoteRef,
      ...(this.receiptCarriesTicket ? { ticket: structuredClone(ticket) } : {}),
    };
    this.markers.set(mutationId, receipt);
    return structuredClone(receipt);
  }
}

function hang(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  );
}
