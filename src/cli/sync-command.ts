// `piket sync`: one sync round of every connection, and what it left undone, in words and as the exit code.
import type { ConnectionSyncStatus, SyncStatus } from '../api';
import { call, type Session } from './session';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * What a connection left undone in the round just ended, or null when it pulled everything and every change made
 * in Piket has been answered: not idle (unreachable, failed, stopped), records refused, changes not sent yet
 * (`waiting`), changes refused or in conflict (`problems`).
 */
export function undone(connection: ConnectionSyncStatus): string | null {
  const parts: string[] = [];
  if (connection.message !== null) parts.push(connection.message);
  else if (connection.state !== 'idle') parts.push(connection.state);
  if (connection.waiting > 0) {
    parts.push(`${plural(connection.waiting, 'change')} not sent yet, kept for the next sync`);
  }
  if (connection.problems > 0) {
    parts.push(`${plural(connection.problems, 'change')} refused or in conflict: see "piket changes"`);
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

/** Syncs once; exit 0 when every connection pulled everything and no change waits, else 1 with what is left. */
export async function sync(session: Session): Promise<number> {
  const status: SyncStatus = await call(session, 'syncNow', {});
  const left = status.connections.flatMap((connection) => {
    const text = undone(connection);
    return text === null ? [] : [`  ${connection.label}: ${text}\n`];
  });
  if (left.length > 0) {
    session.io.stderr(`piket: sync incomplete:\n${left.join('')}`);
    return 1;
  }
  const names = status.connections.map((connection) => connection.label);
  session.io.stdout(names.length > 0 ? `Synced ${names.join(', ')}.\n` : 'Synced: no connections.\n');
  return 0;
}
