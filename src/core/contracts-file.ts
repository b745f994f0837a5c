// Reads the user's contracts file (contracts.json in the data folder); its owner creates it with the defaults when absent.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONTRACTS, parseContracts, type ContractsConfig } from '../sla/contracts';

export const CONTRACTS_FILE = 'contracts.json';

export function contractsPath(dataDir: string): string {
  return join(dataDir, CONTRACTS_FILE);
}

/** JSON for people: objects one key a line, short arrays (hours, statuses, warnings) on one line. */
export function formatContractsJson(value: unknown, indent = ''): string {
  const isFlat = (item: unknown): boolean =>
    item === null ||
    typeof item !== 'object' ||
    (Array.isArray(item) && item.every((inner) => isFlat(inner)));
  if (isFlat(value)) return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => inner + formatContractsJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries
    .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatContractsJson(item, inner)}`)
    .join(',\n')}\n${indent}}`;
}

export type ContractsLoad = { ok: true; config: ContractsConfig } | { ok: false; error: string };

/** Where in the text a JSON.parse error points, as "line L, column C", when the message gives a position. */
function jsonErrorPlace(text: string, message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

/**
 * Loads and validates the file. A missing file means the default contracts; with `create` (the owner of the data
 * folder) it is written with them, for the user to edit. Never throws.
 */
export function loadContractsFile(file: string, options: { create: boolean }): ContractsLoad {
  try {
    if (!existsSync(file)) {
      if (options.create) writeFileSync(file, formatContractsJson(DEFAULT_CONTRACTS) + '\n', { flag: 'wx' });
      return { ok: true, config: DEFAULT_CONTRACTS };
    }
    const text = readFileSync(file, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: `${CONTRACTS_FILE} is not valid JSON${jsonErrorPlace(text, message)}: ${message}`,
      };
    }
    return { ok: true, config: parseContracts(json) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
