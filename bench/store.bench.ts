// Store benchmarks: ingest of 100k demo-shaped tickets through TicketStore against raw better-sqlite3 inserts
// (with the same FTS5 index), the first queue page and one 5,000 rows down at 100k tickets, and opening that file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { queueQuerySchema } from '../src/api/schemas';
import {
  PRIORITIES,
  TICKET_STATUSES,
  type CustomerRecord,
  type NoteRecord,
  type TicketRecord,
} from '../src/domain/ticket';
import { SlaTracker } from '../src/core/sla-tracker';
import { createSystemClock } from '../src/platform/system-clock';
import { DEFAULT_CONTRACTS } from '../src/sla/contracts';
import { AlertLog } from '../src/store/alert-log';
import { closeDatabase, openDatabase } from '../src/store/database';
import { TicketStore } from '../src/store/ticket-store';
import { medianMs, type BenchResult, seededRandom } from './result';

const TICKETS = 100_000;
const PAGE_SIZE = 1_000;
const VOCABULARY_SIZE = 5_000;
const SOURCE = 'bench';
const ME = 'Engineer 1';
const START = Date.UTC(2026, 0, 1);
/** How far down the queue the deep page starts. */
const DEEP_ROWS = 5_000;

interface Workload {
  customers: CustomerRecord[];
  pages: TicketRecord[][];
}

function makeWorkload(): Workload {
  const random = seededRandom(20260101);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const vocabulary = Array.from({ length: VOCABULARY_SIZE }, () =>
    Array.from({ length: 3 + Math.floor(random() * 7) }, () => pick([...letters])).join(''),
  );
  // Zipf-ish: low indexes are far more common, like words in real tickets.
  const words = (count: number): string =>
    Array.from({ length: count }, () => vocabulary[Math.floor(random() ** 3 * VOCABULARY_SIZE)]).join(' ');
  const customers: CustomerRecord[] = Array.from({ length: 5 }, (_, i) => ({
    source: SOURCE,
    externalId: `c${i}`,
    name: `Customer ${i}`,
    tam: { name: `TAM ${i}`, phone: '+31 20 555 0100', email: null },
    leadEngineer: null,
    uptimePromise: '99.9%',
    timeZone: 'Europe/Amsterdam',
    updatedAt: START,
  }));
  const pages: TicketRecord[][] = [];
  for (let p = 0; p < TICKETS / PAGE_SIZE; p++) {
    const page: TicketRecord[] = [];
    for (let i = 0; i < PAGE_SIZE; i++) {
      const n = p * PAGE_SIZE + i;
      const createdAt = START + n * 60_000;
      const notes: NoteRecord[] = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => ({
        externalId: `${n}-${k}`,
        author: `Engineer ${k}`,
        body: words(20),
        public: k === 0,
        createdAt: createdAt + (k + 1) * 60_000,
      }));
      const priority = pick(PRIORITIES);
      page.push({
        source: SOURCE,
        externalId: String(n),
        customerExternalId: `c${n % 5}`,
        subject: words(8),
        description: words(60),
        priority,
        kind: 'incident',
        cveId: null,
        severity: null,
        status: pick(TICKET_STATUSES),
        assignee: `Engineer ${Math.floor(random() * 8)}`,
        createdAt,
        firstResponseAt: null,
        resolvedAt: null,
        updatedAt: createdAt + 5 * 60_000,
        notes,
        history: [{ at: createdAt, status: 'new', priority }],
      });
    }
    pages.push(page);
  }
  return { customers, pages };
}

function rowsPerSecond(ms: number): number {
  return Math.round(TICKETS / (ms / 1000));
}

/**
 * Raw better-sqlite3: one prepared INSERT per row, 1,000 per transaction, the same pragmas and the same FTS5
 * external-content index and triggers. Returns the function that inserts one page.
 */
function openBaseline(file: string): { db: Database.Database; insertPage: (page: TicketRecord[]) => void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE tickets (id INTEGER PRIMARY KEY, source TEXT NOT NULL, external_id TEXT NOT NULL,
      customer_id TEXT NOT NULL, subject TEXT NOT NULL, description TEXT NOT NULL, notes_text TEXT NOT NULL,
      priority TEXT NOT NULL, status TEXT NOT NULL, kind TEXT NOT NULL, assignee TEXT, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, history TEXT NOT NULL, UNIQUE (source, external_id));
    CREATE VIRTUAL TABLE tickets_fts USING fts5(subject, description, notes_text, content = 'tickets',
      content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
    CREATE TRIGGER tickets_ai AFTER INSERT ON tickets BEGIN
      INSERT INTO tickets_fts (rowid, subject, description, notes_text)
        VALUES (new.id, new.subject, new.description, new.notes_text);
    END;`);
  const insert = db.prepare(`INSERT INTO tickets (source, external_id, customer_id, subject, description,
    notes_text, priority, status, kind, assignee, created_at, updated_at, history)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPage = db.transaction((page: TicketRecord[]) => {
    for (const t of page) {
      const notesText = t.notes.map((note) => note.body).join('\n');
      insert.run(
        t.source,
        t.externalId,
        `${t.source}:${t.customerExternalId}`,
        t.subject,
        t.description,
        notesText,
        t.priority,
        t.status,
        t.kind,
        t.assignee,
        t.createdAt,
        t.updatedAt,
        JSON.stringify(t.history),
      );
    }
  });
  return { db, insertPage };
}

/** The cursor after the first `rows` open tickets (a multiple of 1,000), read page by page as the CLI reads them. */
function cursorAfter(store: TicketStore, rows: number): string {
  let after = store.listQueue(queueQuerySchema.parse({ limit: 1000 }), ME).nextCursor;
  for (let read = 1000; read < rows && after !== null; read += 1000) {
    after = store.listQueue(queueQuerySchema.parse({ limit: 1000, after }), ME).nextCursor;
  }
  if (after === null) throw new Error(`fewer than ${rows} open tickets`);
  return after;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function runStoreBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'piket-bench-store-'));
  try {
    const workload = makeWorkload();
    const baselineDb = openBaseline(path.join(dir, 'baseline.db'));
    const { db } = openDatabase(path.join(dir, 'piket.db'));
    const store = new TicketStore(db);
    // Pages alternate between the two, so a noisy machine slows both alike and the ratio holds.
    let baselineMs = 0;
    let storeMs = 0;
    workload.pages.forEach((page, index) => {
      baselineMs += timed(() => baselineDb.insertPage(page));
      storeMs += timed(() =>
        store.applyPullPage(
          SOURCE,
          'tickets',
          { customers: workload.customers, tickets: page },
          `page-${index}`,
        ),
      );
    });
    baselineDb.db.close();
    if (store.countTickets() !== TICKETS)
      throw new Error(`expected ${TICKETS} tickets, got ${store.countTickets()}`);

    const firstPage = queueQuerySchema.parse({ limit: 200 });
    store.listQueue(firstPage, ME);
    const queueMs = medianMs(50, () => store.listQueue(firstPage, ME));
    const deepPage = queueQuerySchema.parse({ limit: 200, after: cursorAfter(store, DEEP_ROWS) });
    store.listQueue(deepPage, ME);
    const deepQueueMs = medianMs(50, () => store.listQueue(deepPage, ME));
    const sla = new SlaTracker({
      store,
      clock: createSystemClock(),
      fired: new AlertLog(db),
      contracts: DEFAULT_CONTRACTS,
      onAlerts: () => undefined,
      log: () => undefined,
    });
    const pageWithClocks = (): unknown => store.listQueue(firstPage, ME).tickets.map((t) => sla.summarize(t));
    pageWithClocks();
    const queueWithClocksMs = medianMs(50, pageWithClocks);
    closeDatabase(db);

    const openWith = (integrityCheck: 'quick' | 'full') => (): void => {
      const opened = openDatabase(path.join(dir, 'piket.db'), { integrityCheck });
      closeDatabase(opened.db);
      if (opened.checked !== integrityCheck)
        throw new Error(`expected a ${integrityCheck} check, got ${opened.checked}`);
    };
    const quickOpenMs = medianMs(3, openWith('quick'));
    const fullOpenMs = medianMs(3, openWith('full'));

    const value = rowsPerSecond(storeMs);
    const baseline = rowsPerSecond(baselineMs);
    return [
      {
        name: 'store: ingest 100k tickets via TicketStore.applyPullPage (pages of 1,000)',
        value,
        unit: 'rows/s',
        baseline,
        ratio: Number((value / baseline).toFixed(3)),
        goal:
          '≥ 0.5 × raw better-sqlite3 prepared INSERT of the same rows, 1,000 per transaction, into one table ' +
          'with the same FTS5 external-content index and triggers (the store must index, so the baseline does too)',
      },
      {
        name: 'store: listQueue first page of 200 open tickets at 100k tickets (median of 50)',
        value: Number(queueMs.toFixed(3)),
        unit: 'ms',
        baseline: null,
        ratio: null,
        goal: '< 5 ms',
      },
      {
        name: 'store: listQueue the page of 200 open tickets after the first 5,000, by cursor, at 100k tickets (median of 50)',
        value: Number(deepQueueMs.toFixed(3)),
        unit: 'ms',
        baseline: null,
        ratio: null,
        goal: '< 5 ms (a seek in the queue index, as fast as the first page)',
      },
      {
        name: 'queue: first page of 200 open tickets at 100k tickets as the UI gets it, SLA clocks computed (median of 50)',
        value: Number(queueWithClocksMs.toFixed(3)),
        unit: 'ms',
        baseline: null,
        ratio: null,
        goal: '< 5 ms',
      },
      {
        name: 'store: openDatabase + closeDatabase of the 100k-ticket file, PRAGMA quick_check (every start; median of 3)',
        value: Math.round(quickOpenMs),
        unit: 'ms',
        baseline: null,
        ratio: null,
        goal: '< 2,000 ms (start-up cost, dominated by the check)',
      },
      {
        name: 'store: openDatabase + closeDatabase of the 100k-ticket file, PRAGMA integrity_check (after an unclean shutdown; median of 3)',
        value: Math.round(fullOpenMs),
        unit: 'ms',
        baseline: null,
        ratio: null,
        goal: '< 2,000 ms (start-up cost after a crash, dominated by the check)',
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
