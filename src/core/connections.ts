// The connections capability: the ticket systems the user connected (add, test, remove), their Connectors for the
// sync, where each one's secret is read from, and who each acts as.
import type Database from 'better-sqlite3';
import type { ConnectionTest, ConnectionView, PiketHandlers, SecretView } from '../api/contract';
import { ApiFailure } from '../api/dispatch';
import type { ConnectionKind } from '../api/methods';
import type { ArgsOut } from '../api/schemas';
import { ConnectorError, type ConnectionIdentity, type Connector } from '../connectors/connector';
import type { ConnectorKind } from '../connectors/registry';
import type { Clock } from '../domain/clock';
import {
  checkTokenFile,
  readSecret,
  SecretError,
  type SecretRef,
  type SecretSources,
} from '../platform/secrets';
import { ConnectionStore, type StoredConnection } from '../store/connection-store';
import { OutboxStore } from '../store/outbox-store';
import type { TicketStore } from '../store/ticket-store';
import type { EventHub } from './event-hub';

export type ConnectionsHandlers = Pick<
  PiketHandlers,
  'listConnections' | 'addConnection' | 'testConnection' | 'removeConnection'
>;

const TEST_TIMEOUT_MS = 20_000;

export interface ConnectionsOptions {
  db: Database.Database;
  tickets: TicketStore;
  kinds: Record<ConnectionKind, ConnectorKind>;
  secrets: SecretSources;
  clock: Clock;
  events: EventHub;
  log: (line: string) => void;
  /** After a connection was added or removed: the sync picks up the new set. */
  onChanged: () => void;
}

function secretView(ref: SecretRef): SecretView {
  return ref.store === 'keychain' ? { store: 'keychain' } : ref;
}

export class Connections {
  private readonly store: ConnectionStore;
  private readonly outbox: OutboxStore;
  /** Built connectors by connection id, rebuilt when a connection is replaced. */
  private readonly built = new Map<string, { connection: StoredConnection; connector: Connector }>();

  constructor(private readonly options: ConnectionsOptions) {
    this.store = new ConnectionStore(options.db);
    this.outbox = new OutboxStore(options.db, options.clock);
  }

  /** The Connector of every configured connection, for the sync. */
  connectors(): Connector[] {
    const connections = this.store.list();
    for (const id of this.built.keys()) if (!connections.some((c) => c.id === id)) this.built.delete(id);
    return connections.map((connection) => this.connectorOf(connection));
  }

  /** The user's name at connection `id` as its ticket system gave it; null until it was asked. */
  identityName(id: string): string | null {
    return this.store.get(id)?.identity?.name ?? null;
  }

  /** The names the user goes by at the connections, as their ticket systems gave them. */
  identityNames(): string[] {
    return this.store.list().flatMap((connection) => connection.identity?.name ?? []);
  }

  /** Whether connection `id` still needs asking who it acts as. */
  needsIdentity(id: string): boolean {
    const connection = this.store.get(id);
    return connection !== null && connection.identity === null;
  }

  rememberIdentity(id: string, identity: ConnectionIdentity): void {
    this.store.setIdentity(id, identity);
  }

  handlers(): ConnectionsHandlers {
    return {
      listConnections: () => this.views(),
      addConnection: (args) => this.add(args),
      testConnection: ({ id }) => this.test(this.require(id)),
      removeConnection: ({ id, discardPending }) => this.remove(id, discardPending),
    };
  }

  private connectorOf(connection: StoredConnection): Connector {
    const cached = this.built.get(connection.id);
    if (cached && cached.connection.createdAt === connection.createdAt) return cached.connector;
    const { secrets, clock, log } = this.options;
    const connector = this.options.kinds[connection.kind as ConnectionKind].create(connection, {
      secret: () => readSecret(connection.secretRef, secrets),
      clock,
      log,
    });
    this.built.set(connection.id, { connection, connector });
    return connector;
  }

  private views(): ConnectionView[] {
    return this.store.list().map((connection) => ({
      id: connection.id,
      kind: connection.kind as ConnectionKind,
      label: connection.label,
      url: connection.url,
      email: connection.login,
      secret: secretView(connection.secretRef),
      createdAt: connection.createdAt,
      tickets: this.options.tickets.countTickets(connection.id),
      pending: this.outbox.countUnsent(connection.id),
    }));
  }

  private require(id: string): StoredConnection {
    const connection = this.store.get(id);
    if (!connection) throw new ApiFailure('not_found', `There is no connection named ${id}.`);
    return connection;
  }

  private add(args: ArgsOut<'addConnection'>): ConnectionView {
    const kind = this.options.kinds[args.kind];
    let url: string;
    try {
      url = kind.baseUrl(args.url);
    } catch (error) {
      throw new ApiFailure('invalid_argument', (error as Error).message);
    }
    const id = args.id ?? kind.defaultId(url);
    if (this.store.get(id))
      throw new ApiFailure('conflict', `A connection named ${id} exists already; choose another name.`);
    const secretRef = this.storeSecret(id, args.secret);
    this.store.add({
      id,
      kind: args.kind,
      label: `${kind.label} (${new URL(url).host})`,
      url,
      login: args.email,
      secretRef,
      options: {},
      createdAt: this.options.clock.now(),
    });
    this.changed();
    return this.views().find((view) => view.id === id)!;
  }

  /** Checks that this process can read the secret where it is kept, and keeps a keychain token. */
  private storeSecret(id: string, secret: ArgsOut<'addConnection'>['secret']): SecretRef {
    const { secrets } = this.options;
    try {
      if (secret.store === 'env') {
        const ref: SecretRef = { store: 'env', name: secret.name };
        readSecret(ref, secrets);
        return ref;
      }
      if (secret.store === 'file') {
        checkTokenFile(secret.path, secrets.platform);
        return { store: 'file', path: secret.path };
      }
      if (!secrets.keychain)
        throw new SecretError(
          'Only the desktop app can keep a token in the keychain; give an environment variable or a token file instead.',
        );
      secrets.keychain.save(id, secret.token);
      return { store: 'keychain', key: id };
    } catch (error) {
      if (error instanceof SecretError) throw new ApiFailure('invalid_argument', error.message);
      throw error;
    }
  }

  private async test(connection: StoredConnection): Promise<ConnectionTest> {
    const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
    try {
      const identity = await this.connectorOf(connection).whoAmI({ signal });
      this.rememberIdentity(connection.id, identity);
      const fullExport = identity.canExport;
      return {
        ok: true,
        problem: null,
        message: fullExport
          ? `Connected as ${identity.name} (${identity.role}).`
          : `Connected as ${identity.name} (${identity.role}). Not an admin: Piket syncs through the slower search export.`,
        identity: { name: identity.name, email: identity.email, role: identity.role },
        fullExport,
      };
    } catch (error) {
      if (error instanceof SecretError)
        return { ok: false, problem: 'secret', message: error.message, identity: null, fullExport: null };
      if (error instanceof ConnectorError)
        return { ok: false, problem: error.kind, message: error.message, identity: null, fullExport: null };
      throw error;
    }
  }

  private remove(id: string, discardPending: number | undefined): ConnectionView[] {
    const connection = this.require(id);
    const pending = this.outbox.countUnsent(id);
    if (pending > 0 && discardPending !== pending) {
      throw new ApiFailure(
        'needs_confirmation',
        `${pending} change${pending === 1 ? '' : 's'} made in Piket ${pending === 1 ? 'has' : 'have'} not reached ${connection.label} yet; removing the connection loses ${pending === 1 ? 'it' : 'them'}. Confirm to remove it anyway.`,
      );
    }
    this.options.db.transaction(() => {
      this.outbox.discardSource(id);
      this.options.tickets.removeSource(id);
      this.store.delete(id);
    })();
    if (connection.secretRef.store === 'keychain')
      this.options.secrets.keychain?.remove(connection.secretRef.key);
    this.built.delete(id);
    this.options.events.emit('queueChanged', { ticketIds: [] });
    this.changed();
    return this.views();
  }

  private changed(): void {
    this.options.events.emit('connectionsChanged', this.views());
    this.options.onChanged();
  }
}
