// The English and Dutch translations have the same keys, no empty strings, and the same placeholders.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: string | Tree };

function load(language: string): Tree {
  return JSON.parse(readFileSync(`renderer/src/i18n/locales/${language}.json`, 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

describe('renderer locales', () => {
  const en = flatten(load('en'));
  const nl = flatten(load('nl'));

  it('have the same keys', () => {
    expect([...nl.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...en, ...nl]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of en) expect(placeholders(nl.get(key) ?? ''), key).toEqual(placeholders(text));
  });
});
