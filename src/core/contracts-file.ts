// Reads the user's contracts file (contracts.json in the data folder), creating it with the defaults when absent.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONTRACTS, parseContracts, type ContractsConfig } from '../sla/contracts';

export const CONTRACTS_FILE = 'contracts.json';

export function contractsPath(dataDir: string): string {
  return join(dataDir, CONTRACTS_FILE);
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

/** Loads and validates the file; a missing file is created with the default contracts. Never throws. */
export function loadContractsFile(file: string): ContractsLoad {
  try {
    if (!existsSync(file)) {
      writeFileSync(file, JSON.stringify(DEFAULT_CONTRACTS, null, 2) + '\n', { flag: 'wx' });
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
