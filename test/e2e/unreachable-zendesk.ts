// A Zendesk connection whose server cannot be reached (a loopback port nothing listens on), for seeders of e2e
// data folders: changes made in Piket stay pending and tickets stay as the UI left them.
import { execFileSync } from 'node:child_process';
import type Database from 'better-sqlite3';
import { ConnectionStore } from '../../src/store/connection-store';

/** A loopback port nothing listens on (it was free a moment ago): every request to it is refused at once. */
function closedPort(): number {
  const script =
    "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => " +
    '{ process.stdout.write(String(s.address().port)); s.close(); });';
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** Stores the connection; its token is read from the environment variable `tokenVariable`. */
export function addUnreachableZendesk(
  db: Database.Database,
  connection: { id: string; label: string; tokenVariable: string; createdAt: number },
): void {
  new ConnectionStore(db).add({
    id: connection.id,
    kind: 'zendesk',
    label: connection.label,
    url: `http://127.0.0.1:${closedPort()}`,
    login: 'agent@acme.example',
    secretRef: { store: 'env', name: connection.tokenVariable },
    options: {},
    createdAt: connection.createdAt,
  });
}
