// The kinds of ticket system Piket connects to, each a folder under src/connectors/: how to read the address the
// user typed, what to call the connection by default, and how to build its Connector.
import type { ConnectionKind } from '../api/methods';
import type { Clock } from '../domain/clock';
import type { StoredConnection } from '../store/connection-store';
import type { Connector } from './connector';
import { zendesk } from './zendesk';

export interface ConnectorDeps {
  /** Reads the connection's secret now (it may change between uses); throws SecretError. */
  secret: () => string;
  clock: Clock;
  log: (line: string) => void;
}

export interface ConnectorKind {
  /** The ticket system's name, for messages ("Zendesk refused the token"). */
  label: string;
  /** The base URL for what the user typed; throws an Error whose message says what is wrong. */
  baseUrl(input: string): string;
  /** The connection's id when the user names none (e.g. the subdomain). */
  defaultId(baseUrl: string): string;
  create(connection: StoredConnection, deps: ConnectorDeps): Connector;
}

export const CONNECTOR_KINDS: Record<ConnectionKind, ConnectorKind> = { zendesk };
