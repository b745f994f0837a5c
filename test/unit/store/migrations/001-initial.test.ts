// Migration 001 on a fresh in-memory database: every table, index and trigger, and the FTS index kept in step.
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migration001 } from '../../../../src/store/migrations/001-initial';

function names(db: Database.Database, type: string): string[] {
  return db
    .prepare<[string], string>(
      "SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all(type);
}

function apply(db: Database.Database): void {
  db.transaction(() => {
    migration001.up(db);
    db.pragma(`user_version = ${migration001.version}`);
  })();
}

const insertTicket = `
  INSERT INTO ticket_effective (id, source, external_id, customer_id, subject, description, notes_text, priority,
    status, kind, created_at, updated_at, is_open)
  VALUES (@id, 'demo', @externalId, 'demo:acme', @subject, @description, '', 'P2', 'new', 'incident', 0, 0, 1)`;

describe('migration 001-initial', () => {
  let db: Database.Database;

  beforeEach(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    apply(db);
  });

  function search(text: string): number[] {
    return db
      .prepare<[string], number>('SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid')
      .pluck()
      .all(text);
  }

  function totalChanges(): number {
    return db.prepare<[], number>('SELECT total_changes()').pluck().get()!;
  }

  it('is version 1 and creates every table, index and trigger', () => {
    expect(migration001.version).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining([
        'customers',
        'note_base',
        'outbox',
        'settings',
        'sync_state',
        'ticket_base',
        'ticket_effective',
        'ticket_fts',
      ]),
    );
    expect(names(db, 'index')).toEqual([
      'outbox_ticket',
      'ticket_effective_all_queue',
      'ticket_effective_open_queue',
    ]);
    expect(names(db, 'trigger')).toEqual([
      'ticket_effective_fts_delete',
      'ticket_effective_fts_insert',
      'ticket_effective_fts_update',
    ]);
  });

  it('makes ticket_base a WITHOUT ROWID table keyed on (source, external_id)', () => {
    const sql = db
      .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'ticket_base'")
      .pluck()
      .get()!;
    expect(sql).toMatch(/PRIMARY KEY \(source, external_id\)\s*\) WITHOUT ROWID/);
  });

  it('indexes a ticket on insert, re-indexes changed text and un-indexes on delete', () => {
    db.prepare(insertTicket).run({
      id: 7,
      externalId: 'a',
      subject: 'VPN certificate expired',
      description: 'x',
    });
    db.prepare(insertTicket).run({ id: 8, externalId: 'b', subject: 'Disk full', description: 'vpn too' });
    expect(search('vpn')).toEqual([7, 8]);
    expect(search('certificate')).toEqual([7]);

    db.prepare("UPDATE ticket_effective SET subject = 'Printer jammed' WHERE id = 7").run();
    expect(search('certificate')).toEqual([]);
    expect(search('printer')).toEqual([7]);

    db.prepare("UPDATE ticket_effective SET notes_text = 'customer called back' WHERE id = 8").run();
    expect(search('called')).toEqual([8]);

    db.prepare('DELETE FROM ticket_effective WHERE id = 7').run();
    expect(search('printer')).toEqual([]);
    db.prepare("INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('integrity-check', 1)").run();
  });

  it('leaves the FTS index alone when an update does not change the text', () => {
    db.prepare(insertTicket).run({ id: 1, externalId: 'a', subject: 'VPN down', description: 'x' });
    const before = totalChanges();
    db.prepare("UPDATE ticket_effective SET status = 'acknowledged', subject = subject WHERE id = 1").run();
    expect(totalChanges() - before).toBe(1);
    expect(search('vpn')).toEqual([1]);
  });

  it('enforces the value lists, JSON columns and the customer id shape', () => {
    expect(() =>
      db
        .prepare(insertTicket.replace("'P2'", "'P9'"))
        .run({ id: 1, externalId: 'a', subject: 's', description: 'd' }),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO customers (id, source, external_id, name, time_zone, updated_at) VALUES ('x', 'demo', 'acme', 'A', 'UTC', 0)",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'not json')").run()).toThrow(
      /CHECK constraint/,
    );
  });

  it('gives the outbox its defaults and refuses unknown states and duplicate mutation ids', () => {
    const insert = db.prepare(
      "INSERT INTO outbox (mutation_id, source, external_id, op, payload, created_at) VALUES (?, 'demo', '1', 'ack', '{}', 0)",
    );
    insert.run('m1');
    expect(db.prepare('SELECT state, attempts, next_attempt_at FROM outbox').get()).toEqual({
      state: 'pending',
      attempts: 0,
      next_attempt_at: 0,
    });
    expect(() => insert.run('m1')).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE outbox SET state = 'lost'").run()).toThrow(/CHECK constraint/);
  });

  it('cascades note deletion from ticket_base', () => {
    db.prepare(
      `INSERT INTO ticket_base (source, external_id, customer_external_id, subject, description, priority, kind,
        status, created_at, server_updated_at) VALUES ('demo', '1', 'acme', 's', 'd', 'P1', 'incident', 'new', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO note_base (source, ticket_external_id, external_id, author, body, public, created_at)
       VALUES ('demo', '1', 'n1', 'a', 'b', 0, 0)`,
    ).run();
    db.prepare("DELETE FROM ticket_base WHERE source = 'demo'").run();
    expect(db.prepare('SELECT count(*) FROM note_base').pluck().get()).toBe(0);
  });
});
