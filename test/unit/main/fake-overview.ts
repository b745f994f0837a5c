// Overviews for the shell's tests: all quiet unless a test says otherwise, and waiting P1s by id.
import type { Overview, WaitingP1 } from '../../../src/api/contract';

export function waitingP1(id: number, fields: Partial<WaitingP1> = {}): WaitingP1 {
  return {
    id,
    source: 'demo',
    externalId: String(1000 + id),
    subject: `Checkout down ${id}`,
    customerName: 'Acme',
    createdAt: 0,
    snoozedUntil: null,
    ...fields,
  };
}

export function overview(fields: Partial<Overview> = {}): Overview {
  return {
    state: 'quiet',
    open: 0,
    p1Waiting: [],
    breached: 0,
    dueSoon: 0,
    waiting: 0,
    problems: 0,
    offline: 0,
    syncMessage: null,
    lastSyncAt: null,
    alertsPausedUntil: null,
    onCall: [],
    computedAt: 0,
    ...fields,
  };
}
