// Builders and temp folders for the store tests: records shaped like a ticket system's, real files on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { CustomerRecord, NoteRecord, TicketRecord } from '../../../src/domain/ticket';
import { customerRecord, ticketRecord } from '../../support/records';

export const SOURCE = 'demo';
export const T0 = Date.UTC(2026, 0, 5, 9, 0);

/** A fresh temporary folder per call, removed when the test file ends. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'piket-store-'));
    made.push(dir);
    return dir;
  };
}

export function customer(externalId: string, overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return customerRecord({
    source: SOURCE,
    externalId,
    tam: { name: 'Tess Am', phone: '+31 20 555 0101', email: 'tess@example.com' },
    uptimePromise: '99.9%',
    updatedAt: T0,
    ...overrides,
  });
}

export function note(externalId: string, overrides: Partial<NoteRecord> = {}): NoteRecord {
  return {
    externalId,
    author: 'Agent',
    body: `note ${externalId}`,
    public: false,
    createdAt: T0,
    ...overrides,
  };
}

export function ticket(externalId: string, overrides: Partial<TicketRecord> = {}): TicketRecord {
  return ticketRecord({
    source: SOURCE,
    externalId,
    customerExternalId: 'acme',
    description: 'Something is broken',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });
}
