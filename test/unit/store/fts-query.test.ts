// The search box → FTS5 query translation: every word a quoted prefix phrase, hostile input inert.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../src/store/fts-query';

describe('toFtsQuery', () => {
  it('quotes each word as a prefix phrase', () => {
    expect(toFtsQuery('vpn cert')).toBe('"vpn"* "cert"*');
    expect(toFtsQuery('  VPN\t\ncert  ')).toBe('"VPN"* "cert"*');
  });

  it('treats FTS5 syntax as text', () => {
    expect(toFtsQuery('a AND b')).toBe('"a"* "AND"* "b"*');
    expect(toFtsQuery('NEAR(vpn')).toBe('"NEAR(vpn"*');
    expect(toFtsQuery('say "hi"')).toBe('"say"* """hi"""*');
    expect(toFtsQuery('-x')).toBe('"-x"*');
  });

  it('drops words without letters or digits and returns null when nothing is left', () => {
    expect(toFtsQuery('')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
    expect(toFtsQuery('" * - ( )')).toBeNull();
    expect(toFtsQuery('* vpn -')).toBe('"vpn"*');
  });

  it('never produces a query FTS5 rejects', () => {
    const db = new Database(':memory:');
    db.exec(
      "CREATE VIRTUAL TABLE t USING fts5(body); INSERT INTO t (body) VALUES ('vpn certificate AND near')",
    );
    const match = db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const query = toFtsQuery(text);
        if (query !== null) match.get(query);
      }),
      { numRuns: 500 },
    );
    const hostile = [
      '"',
      'AND',
      '*',
      'NEAR(',
      '-',
      'OR NOT',
      '^x',
      'col:x',
      '{a b}:c',
      '"""',
      'a + b',
      '(((',
      'x"*',
    ];
    for (const text of hostile) {
      const query = toFtsQuery(text);
      if (query !== null) expect(() => match.get(query)).not.toThrow();
    }
  });
});
