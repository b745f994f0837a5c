// `piket connect`, `piket connections` and `piket disconnect`: the ticket systems Piket syncs, from the terminal.
import type { ConnectionView } from '../api';
import { CONNECTION_KINDS, type ConnectionKind } from '../api/methods';
import { UsageError } from '../platform/command-line';
import { call, type Session } from './session';

export interface ConnectFlags {
  url?: string;
  email?: string;
  'token-env'?: string;
  'token-file'?: string;
  name?: string;
}

function secretOf(flags: ConnectFlags) {
  const env = flags['token-env'];
  const file = flags['token-file'];
  if ((env === undefined) === (file === undefined))
    throw new UsageError('give the API token as --token-env VAR or as --token-file FILE (one of them).');
  return env !== undefined ? { store: 'env' as const, name: env } : { store: 'file' as const, path: file! };
}

/** Adds the connection, then tests it; exit 1 (connection kept) when the test finds a problem. */
export async function connect(
  session: Session,
  kind: string | undefined,
  flags: ConnectFlags,
): Promise<number> {
  if (kind === undefined || !(CONNECTION_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`connect takes the kind of ticket system: ${CONNECTION_KINDS.join(', ')}.`);
  if (flags.url === undefined) throw new UsageError('connect needs --url (e.g. https://acme.zendesk.com).');
  if (flags.email === undefined) throw new UsageError('connect needs --email (the login of the API token).');
  const added = await call(session, 'addConnection', {
    kind: kind as ConnectionKind,
    url: flags.url,
    email: flags.email,
    secret: secretOf(flags),
    ...(flags.name === undefined ? {} : { id: flags.name }),
  });
  session.io.stdout(`Added ${added.id}: ${added.label}.\n`);
  const test = await call(session, 'testConnection', { id: added.id });
  if (test.ok) {
    session.io.stdout(`${test.message}\n`);
    return 0;
  }
  session.io.stderr(
    `piket: ${test.message}\nThe connection is kept; fix the problem and run "piket sync", or remove it with "piket disconnect ${added.id}".\n`,
  );
  return 1;
}

function describeSecret(view: ConnectionView): string {
  if (view.secret.store === 'env') return `token in $${view.secret.name}`;
  if (view.secret.store === 'file') return `token in ${view.secret.path}`;
  return 'token in the keychain';
}

export async function listConnections(session: Session, json: boolean): Promise<number> {
  const views = await call(session, 'listConnections', {});
  if (json) {
    session.io.stdout(JSON.stringify(views, null, 2) + '\n');
    return 0;
  }
  if (views.length === 0) {
    session.io.stdout(
      'No connections. Add one with "piket connect zendesk --url URL --email EMAIL --token-env VAR".\n',
    );
    return 0;
  }
  for (const view of views) {
    const pending = view.pending > 0 ? `, ${view.pending} change(s) not sent yet` : '';
    session.io.stdout(
      `${view.id}  ${view.url}  ${view.email}  (${describeSecret(view)}; ${view.tickets} tickets${pending})\n`,
    );
  }
  return 0;
}

export async function disconnect(
  session: Session,
  id: string | undefined,
  discardPending: string | undefined,
): Promise<number> {
  if (id === undefined)
    throw new UsageError('disconnect takes the name of the connection (see "piket connections").');
  if (discardPending !== undefined && !/^\d+$/.test(discardPending))
    throw new UsageError('--discard-pending takes the number of changes you agree to lose.');
  const view = (await call(session, 'listConnections', {})).find((connection) => connection.id === id);
  if (!view) throw new Error(`There is no connection named ${id} (see "piket connections").`);
  if (view.pending > 0 && Number(discardPending) !== view.pending) {
    session.io.stderr(
      `piket: ${view.pending} change(s) made in Piket have not reached ${view.label} yet; removing ${id} loses them.\n` +
        `Run "piket disconnect ${id} --discard-pending ${view.pending}" to remove it anyway.\n`,
    );
    return 1;
  }
  const left = await call(session, 'removeConnection', { id, discardPending: view.pending });
  session.io.stdout(`Removed ${id} and its ${view.tickets} tickets. ${left.length} connection(s) left.\n`);
  return 0;
}
