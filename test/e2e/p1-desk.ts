// Two fresh P1s waiting for acknowledgement, written into a fresh data folder before its web host starts (a
// DataDirSetup): new, unassigned tickets of "Kestrel Logistics" on a Zendesk connection that cannot be reached, so
// an acknowledgement made in Piket stays pending and the ticket stays as the UI left it. The demo desk is off, so
// no demo P1 comes and goes during the tests.
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../../src/store/database';
import { PullStore } from '../../src/store/pull-store';
import { SettingsStore } from '../../src/store/settings-store';
import { customerRecord, ticketRecord } from '../support/records';
import type { DataDirSetup } from './fixtures';
import { addUnreachableZendesk } from './unreachable-zendesk';

const MINUTE = 60_000;
const SOURCE = 'acme';
const TOKEN_VARIABLE = 'PIKET_E2E_P1_TOKEN';

export const CUSTOMER = 'Kestrel Logistics';

/** The waiting P1s, oldest first (the order the alert lists them in). */
export const P1S = {
  /** Five minutes old; its subject is markup that must stay text. */
  markup: { ref: '201', subject: '<img src=x onerror="alert(1)"> Payments API down for all merchants' },
  /** Three minutes old. */
  scanners: { ref: '202', subject: 'Kestrel: warehouse scanners offline' },
} as const;

/** The host's environment: the connection's token is set (the server is what cannot be reached). */
export const P1_DESK_ENV = { [TOKEN_VARIABLE]: 'zd-e2e-p1-token' };

function seed(dataDir: string): void {
  const now = Date.now();
  const { db } = openDatabase(join(dataDir, 'piket.db'));
  try {
    new SettingsStore(db).set('demoEnabled', false);
    addUnreachableZendesk(db, {
      id: SOURCE,
      label: 'Acme Zendesk',
      tokenVariable: TOKEN_VARIABLE,
      createdAt: now - 60 * MINUTE,
    });
    const p1 = (role: keyof typeof P1S, ageMinutes: number) =>
      ticketRecord({
        source: SOURCE,
        externalId: P1S[role].ref,
        customerExternalId: 'org-1',
        subject: P1S[role].subject,
        priority: 'P1',
        createdAt: now - ageMinutes * MINUTE,
        updatedAt: now - ageMinutes * MINUTE,
      });
    new PullStore(db).applyPage(
      SOURCE,
      'tickets',
      {
        customers: [
          customerRecord({
            source: SOURCE,
            externalId: 'org-1',
            name: CUSTOMER,
            updatedAt: now - 60 * MINUTE,
          }),
        ],
        tickets: [p1('markup', 5), p1('scanners', 3)],
      },
      'seeded',
    );
  } finally {
    closeDatabase(db);
  }
}

export const p1Desk: DataDirSetup = { prepare: seed };
