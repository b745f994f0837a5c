// The ticket-system connections in SQLite: each with its kind, address, login, a reference to its secret and who it
// acts as.
import type Database from 'better-sqlite3';
import type { ConnectionIdentity } from '../connectors/connector';
import type { SecretRef } from '../platform/secrets';

export interface StoredConnection {
  /** Also the `source` of every record the connection syncs. */
  id: string;
  kind: string;
  label: string;
  url: string;
  /** The login (e-mail) the connection acts as. */
  login: string;
  secretRef: SecretRef;
  /** Kind-specific settings (mappings), validated by the connector of that kind. */
  options: Record<string, unknown>;
  createdAt: number;
  /** Who the connection acts as, as its ticket system last said; null until it was asked. */
  identity: ConnectionIdentity | null;
}

interface Row {
  id: string;
  kind: string;
  label: string;
  url: string;
  login: string;
  secret_ref: string;
  options: string;
  created_at: number;
  identity: string | null;
}

function toConnection(row: Row): StoredConnection {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    url: row.url,
    login: row.login,
    secretRef: JSON.parse(row.secret_ref) as SecretRef,
    options: JSON.parse(row.options) as Record<string, unknown>,
    createdAt: row.created_at,
    identity: row.identity === null ? null : (JSON.parse(row.identity) as ConnectionIdentity),
  };
}

export class ConnectionStore {
  private readonly all: Database.Statement<[], Row>;
  private readonly one: Database.Statement<[string], Row>;
  private readonly insert: Database.Statement<[Omit<Row, 'identity'>]>;
  private readonly updateIdentity: Database.Statement<[string, string]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.all = db.prepare<[], Row>('SELECT * FROM connections ORDER BY created_at, id');
    this.one = db.prepare<[string], Row>('SELECT * FROM connections WHERE id = ?');
    this.insert = db.prepare<[Row]>(`
      INSERT INTO connections (id, kind, label, url, login, secret_ref, options, created_at)
      VALUES (@id, @kind, @label, @url, @login, @secret_ref, @options, @created_at)`);
    this.remove = db.prepare<[string]>('DELETE FROM connections WHERE id = ?');
    this.updateIdentity = db.prepare<[string, string]>('UPDATE connections SET identity = ? WHERE id = ?');
  }

  list(): StoredConnection[] {
    return this.all.all().map(toConnection);
  }

  get(id: string): StoredConnection | null {
    const row = this.one.get(id);
    return row ? toConnection(row) : null;
  }

  setIdentity(id: string, identity: ConnectionIdentity): void {
    this.updateIdentity.run(JSON.stringify(identity), id);
  }

  add(connection: Omit<StoredConnection, 'identity'>): void {
    this.insert.run({
      id: connection.id,
      kind: connection.kind,
      label: connection.label,
      url: connection.url,
      login: connection.login,
      secret_ref: JSON.stringify(connection.secretRef),
      options: JSON.stringify(connection.options),
      created_at: connection.createdAt,
    });
  }

  delete(id: string): void {
    this.remove.run(id);
  }
}
